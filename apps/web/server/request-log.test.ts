import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiProxy, isApiPath } from './api-proxy.mjs'
import { parseTrustedProxies } from './client-address.mjs'
import { createLogger, createRequestLog } from './request-log.mjs'

const servers: http.Server[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(server: http.Server): Promise<string> {
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

/** A backend that reports the request id it was sent; /api/slow never answers. */
function backend() {
  return http.createServer((req, res) => {
    if (req.url === '/api/slow') return
    res.setHeader('content-type', 'application/json')
    res.setHeader('x-request-id', String(req.headers['x-request-id']))
    res.end(JSON.stringify({ requestId: req.headers['x-request-id'] ?? null }))
  })
}

/** The web server as prod-server.mjs assembles it, its lines captured as JSON. */
async function webServer(target: string) {
  const lines: Record<string, unknown>[] = []
  const write = (line: string) => lines.push(JSON.parse(line))
  const watch = createRequestLog({
    log: createLogger({ name: 'echo_web.request', format: 'json', write }),
    trustedProxies: parseTrustedProxies('127.0.0.1'),
  })
  const proxyLog = createLogger({ name: 'echo_web.proxy', format: 'json', write })
  const proxy = createApiProxy({ target, log: (message) => proxyLog('warning', message) })
  const server = http.createServer((req, res) => {
    watch(req, res)
    if (isApiPath(req.url)) proxy.handleRequest(req, res)
    else res.end('app')
  })
  return { url: await listen(server), lines }
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20))
}

describe('request log', () => {
  it('logs each request once with its id, which the API and the browser get too', async () => {
    const web = await webServer(await listen(backend()))
    const response = await fetch(`${web.url}/api/videos?q=secret-query`, {
      headers: { 'x-request-id': 'page-load.7', 'x-forwarded-for': '203.0.113.5' },
    })
    expect(await response.json()).toEqual({ requestId: 'page-load.7' })
    expect(response.headers.get('x-request-id')).toBe('page-load.7')
    await until(() => web.lines.length > 0)
    expect(web.lines).toEqual([
      expect.objectContaining({
        logger: 'echo_web.request',
        level: 'info',
        request_id: 'page-load.7',
        method: 'GET',
        path: '/api/videos',
        status: 200,
        client: '203.0.113.5',
      }),
    ])
    expect(web.lines[0]?.duration_ms).toBeGreaterThanOrEqual(0)
    // The query string, which may carry anything, stays out of the log.
    expect(JSON.stringify(web.lines)).not.toContain('secret-query')
  })

  it('replaces a hostile request id and makes one when there is none', async () => {
    const web = await webServer(await listen(backend()))
    const hostile = await fetch(`${web.url}/api/videos`, {
      headers: { 'x-request-id': `"forged" ${'x'.repeat(200)}` },
    })
    const none = await fetch(`${web.url}/`)
    const made = hostile.headers.get('x-request-id') ?? ''
    expect(made).toMatch(/^[0-9a-f]{32}$/)
    expect((await hostile.json()).requestId).toBe(made)
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/)
    expect(none.headers.get('x-request-id')).not.toBe(made)
  })

  it('writes nothing for a request the browser abandoned', async () => {
    const web = await webServer(await listen(backend()))
    const abort = new AbortController()
    const pending = fetch(`${web.url}/api/slow`, { signal: abort.signal })
    await new Promise((r) => setTimeout(r, 100))
    abort.abort()
    await expect(pending).rejects.toThrow()
    // Long enough for the proxy's upstream request to end and report its error.
    await new Promise((r) => setTimeout(r, 200))
    await fetch(`${web.url}/`)
    await until(() => web.lines.length > 0)
    expect(web.lines.map((line) => line.path)).toEqual(['/'])
  })

  it('writes readable text by default', () => {
    const lines: string[] = []
    const log = createLogger({ name: 'echo_web.request', write: (line) => lines.push(line) })
    log('info', 'GET / 200', { request_id: 'abc', path: '/a b', status: 200 })
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} INFO {2}echo_web\.request: GET \/ 200 {2}request_id=abc path="\/a b" status=200$/,
    )
  })
})
