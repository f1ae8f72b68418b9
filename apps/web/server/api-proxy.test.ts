import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiProxy, isApiPath } from './api-proxy.mjs'

const servers: http.Server[] = []
// Upgraded sockets leave the server's bookkeeping, so closeAllConnections() misses them.
const sockets = new Set<Duplex>()

afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  sockets.clear()
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(server: http.Server): Promise<string> {
  servers.push(server)
  server.on('connection', (socket) => sockets.add(socket))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

/** A stand-in backend: echoes what it received; `/api/ws/jobs` upgrades and echoes bytes. */
function fakeBackend() {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    res.setHeader('content-type', 'application/json')
    res.setHeader('set-cookie', 'from=backend; Path=/')
    res.statusCode = req.url?.startsWith('/api/missing') ? 404 : 200
    res.end(
      JSON.stringify({
        method: req.method,
        url: req.url,
        cookie: req.headers.cookie ?? null,
        connection: req.headers.connection ?? null,
        forwardedHost: req.headers['x-forwarded-host'] ?? null,
        forwardedProto: req.headers['x-forwarded-proto'] ?? null,
        forwardedFor: req.headers['x-forwarded-for'] ?? null,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    )
  })
  server.on('upgrade', (req, socket: Duplex) => {
    if (req.url !== '/api/ws/jobs') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')
      return
    }
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `X-Seen-Cookie: ${req.headers.cookie ?? ''}\r\n\r\n`,
    )
    socket.on('data', (data) => socket.write(Buffer.concat([Buffer.from('echo:'), data])))
  })
  return server
}

/** The web server in front: /api through the proxy, anything else answered locally. */
async function webServer(target: string, trustedProxies?: string) {
  const proxy = createApiProxy({ target, log: () => {}, trustedProxies })
  const server = http.createServer((req, res) => {
    if (isApiPath(req.url)) proxy.handleRequest(req, res)
    else res.end('app')
  })
  server.on('upgrade', (req, socket, head) => {
    if (isApiPath(req.url)) proxy.handleUpgrade(req, socket, head)
    else socket.destroy()
  })
  return listen(server)
}

describe('isApiPath', () => {
  it('matches /api and below only', () => {
    expect(isApiPath('/api')).toBe(true)
    expect(isApiPath('/api/videos?limit=1')).toBe(true)
    expect(isApiPath('/api?x=1')).toBe(true)
    expect(isApiPath('/apiary')).toBe(false)
    expect(isApiPath('/login')).toBe(false)
    expect(isApiPath(undefined)).toBe(false)
  })
})

describe('api proxy', () => {
  it('forwards method, path, query, body, cookie and status both ways', async () => {
    const web = await webServer(await listen(fakeBackend()))
    const response = await fetch(`${web}/api/videos?status=FAILED&status=PENDING`, {
      method: 'POST',
      headers: { cookie: 'echo_session=abc', 'content-type': 'application/json' },
      body: '{"hello":"world"}',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toBe('from=backend; Path=/')
    const seen = await response.json()
    expect(seen).toMatchObject({
      method: 'POST',
      url: '/api/videos?status=FAILED&status=PENDING',
      cookie: 'echo_session=abc',
      body: '{"hello":"world"}',
      forwardedProto: 'http',
    })
    expect(seen.forwardedHost).toBe(new URL(web).host)

    const missing = await fetch(`${web}/api/missing`)
    expect(missing.status).toBe(404)
  })

  it("passes on the browser's address, and its own claim only from a trusted proxy", async () => {
    const backend = await listen(fakeBackend())
    const claim = { headers: { 'x-forwarded-for': '198.51.100.1' } }
    // This test's requests come from loopback: as if from a reverse proxy there, or not.
    const behindProxy = await webServer(backend, '127.0.0.1, ::1')
    const direct = await webServer(backend, '')

    const believed = await (await fetch(`${behindProxy}/api/auth/login`, claim)).json()
    const ignored = await (await fetch(`${direct}/api/auth/login`, claim)).json()

    expect(believed.forwardedFor).toBe('198.51.100.1')
    expect(ignored.forwardedFor).toBe('127.0.0.1')
  })

  it("passes on the browser's host and scheme, and a claimed one only from a trusted proxy", async () => {
    const backend = await listen(fakeBackend())
    const claim = {
      headers: { 'x-forwarded-host': 'echo.example', 'x-forwarded-proto': 'https' },
    }
    const behindProxy = await webServer(backend, '127.0.0.1, ::1')
    const direct = await webServer(backend, '')

    const believed = await (await fetch(`${behindProxy}/api/auth/login`, claim)).json()
    const ignored = await (await fetch(`${direct}/api/auth/login`, claim)).json()

    expect(believed).toMatchObject({ forwardedHost: 'echo.example', forwardedProto: 'https' })
    expect(ignored).toMatchObject({ forwardedHost: new URL(direct).host, forwardedProto: 'http' })
  })

  it('streams a large body through', async () => {
    const web = await webServer(await listen(fakeBackend()))
    const body = 'x'.repeat(5 * 1024 * 1024)
    const response = await fetch(`${web}/api/videos`, { method: 'POST', body })
    const seen = await response.json()
    expect(seen.body.length).toBe(body.length)
  })

  it("answers 502 with the API's error envelope when the backend is down", async () => {
    const closed = await listen(http.createServer())
    const down = servers.pop()
    await new Promise((resolve) => down?.close(resolve))
    const web = await webServer(closed)
    const response = await fetch(`${web}/api/auth/me`)
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ error: { code: 'api_unreachable' } })
  })

  it('tunnels a WebSocket upgrade with the cookie, both directions', async () => {
    const web = await webServer(await listen(fakeBackend()))
    const request = http.request(`${web}/api/ws/jobs`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        cookie: 'echo_session=tok',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version': '13',
      },
    })
    request.end()
    const [answer, socket] = (await once(request, 'upgrade')) as [http.IncomingMessage, Duplex]
    expect(answer.statusCode).toBe(101)
    expect(answer.headers['x-seen-cookie']).toBe('echo_session=tok')
    socket.write('ping')
    const [data] = await once(socket, 'data')
    expect(String(data)).toBe('echo:ping')
    socket.destroy()
  })

  it("passes on the backend's refusal to upgrade", async () => {
    const web = await webServer(await listen(fakeBackend()))
    const request = http.request(`${web}/api/ws/nope`, {
      headers: { connection: 'Upgrade', upgrade: 'websocket' },
    })
    request.end()
    const [answer] = (await once(request, 'response')) as [http.IncomingMessage]
    expect(answer.statusCode).toBe(404)
    answer.resume()
  })
})
