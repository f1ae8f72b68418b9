// @ts-check
// The /api reverse proxy in front of the backend, at the Node HTTP level: request and
// response bodies are piped (a multi-gigabyte upload never sits in memory) and WebSocket
// upgrades (/api/ws/jobs) are tunnelled. The dev server (vite.config.ts) and the
// production server (prod-server.mjs) both use it, so they behave the same.
import http from 'node:http'
import https from 'node:https'
import { pipeline } from 'node:stream'
import {
  clientAddress,
  isTrusted,
  parseTrustedProxies,
  trustedProxiesFromEnv,
} from './client-address.mjs'
import { createLogger } from './request-log.mjs'

export const API_PREFIX = '/api'
export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8000'

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/** @param {string | undefined} url */
export function isApiPath(url) {
  if (!url) return false
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`)
}

/** The backend's base URL: ECHO_API_URL, else the default local API. */
export function backendUrlFromEnv() {
  return (process.env.ECHO_API_URL?.trim() || DEFAULT_BACKEND_URL).replace(/\/+$/, '')
}

/**
 * Headers for the upstream request: hop-by-hop ones dropped (and any the Connection
 * header names), X-Forwarded-* describing the browser's request added.
 * @param {http.IncomingMessage} req
 * @param {{ upgrade?: boolean, proxies?: import('node:net').BlockList }} [options]
 * @returns {http.OutgoingHttpHeaders}
 */
export function forwardHeaders(req, options = {}) {
  const named = new Set(
    String(req.headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  )
  /** @type {http.OutgoingHttpHeaders} */
  const headers = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'host') continue
    if (HOP_BY_HOP.has(name) || named.has(name)) continue
    headers[name] = value
  }
  // Only what this server vouches for, never what the browser claimed on its own.
  const proxies = options.proxies ?? trustedProxiesFromEnv()
  const client = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], proxies)
  if (client) headers['x-forwarded-for'] = client
  else delete headers['x-forwarded-for']
  if (!isTrusted(req.socket.remoteAddress, proxies)) {
    delete headers['x-forwarded-proto']
    delete headers['x-forwarded-host']
  }
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true
  headers['x-forwarded-proto'] ??= encrypted ? 'https' : 'http'
  if (req.headers.host) headers['x-forwarded-host'] ??= req.headers.host
  if (options.upgrade) {
    headers.connection = 'Upgrade'
    headers.upgrade = req.headers.upgrade ?? 'websocket'
  }
  return headers
}

/**
 * Response headers to pass back, hop-by-hop ones dropped.
 * @param {http.IncomingHttpHeaders} upstream
 * @returns {http.OutgoingHttpHeaders}
 */
function backHeaders(upstream) {
  /** @type {http.OutgoingHttpHeaders} */
  const headers = {}
  for (const [name, value] of Object.entries(upstream)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value
  }
  return headers
}

/** @param {http.IncomingMessage} answer @param {number} [status] */
function statusBlock(answer, status) {
  const lines = [`HTTP/1.1 ${status ?? answer.statusCode} ${answer.statusMessage ?? ''}`]
  for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
    lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`)
  }
  return `${lines.join('\r\n')}\r\n\r\n`
}

/** The API's error envelope, for when the backend cannot be reached (as src/api/errors.ts). */
export const UNREACHABLE_BODY = JSON.stringify({
  error: {
    code: 'api_unreachable',
    message: 'The Echo API cannot be reached. Check that it is running.',
    details: [],
  },
})

/**
 * @param {{
 *   target?: string | (() => string),
 *   log?: (message: string) => void,
 *   trustedProxies?: string,
 * }} [options] `trustedProxies` as ECHO_WEB_TRUSTED_PROXIES spells them (the default)
 */
export function createApiProxy(options = {}) {
  const { target } = options
  // Read once, when the server starts, so a wrong value stops it there.
  const proxies =
    options.trustedProxies === undefined
      ? trustedProxiesFromEnv()
      : parseTrustedProxies(options.trustedProxies)
  const getTarget =
    typeof target === 'function' ? target : () => target?.replace(/\/+$/, '') ?? backendUrlFromEnv()
  const logger = options.log ? undefined : createLogger({ name: 'echo_web.proxy' })
  const log = options.log ?? ((message) => logger?.('warning', message))

  /** @param {string | undefined} path */
  function upstreamUrl(path) {
    const base = new URL(getTarget())
    const prefix = base.pathname.replace(/\/+$/, '')
    return new URL(`${prefix}${path ?? '/'}`, base.origin)
  }

  /** @param {URL} url */
  const transport = (url) => (url.protocol === 'https:' ? https : http)

  /**
   * Proxy one HTTP request; 502 with the error envelope when the backend is down.
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  function handleRequest(req, res) {
    const url = upstreamUrl(req.url)
    const upstream = transport(url).request(url, {
      method: req.method,
      headers: forwardHeaders(req, { proxies }),
    })
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, backHeaders(answer.headers))
      pipeline(answer, res, () => {})
    })
    upstream.on('error', (error) => {
      if (abandoned) return
      log(`api proxy: ${req.method} ${req.url?.split('?')[0]}: ${error.message}`)
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' })
        res.end(UNREACHABLE_BODY)
      } else {
        res.destroy(error)
      }
    })
    // The browser went away: nothing more to send upstream, and the error that ending the
    // upstream request raises ("socket hang up") is ours, not the backend's, so not logged.
    let abandoned = false
    res.on('close', () => {
      if (res.writableFinished) return
      abandoned = true
      upstream.destroy()
    })
    pipeline(req, upstream, () => {})
  }

  /**
   * Tunnel a WebSocket upgrade to the backend. The session cookie travels with it, which
   * is how the backend authenticates /api/ws/jobs without a token in the URL.
   * @param {http.IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  function handleUpgrade(req, socket, head) {
    const url = upstreamUrl(req.url)
    const upstream = transport(url).request(url, {
      method: req.method,
      headers: forwardHeaders(req, { upgrade: true, proxies }),
    })
    socket.on('error', () => upstream.destroy())
    upstream.on('error', (error) => {
      log(`api proxy: upgrade ${req.url}: ${error.message}`)
      if (socket.writable) socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n')
      socket.destroy()
    })
    // The backend answered without upgrading (e.g. 404): pass that answer on.
    upstream.on('response', (answer) => {
      socket.write(statusBlock(answer))
      pipeline(answer, socket, () => {})
    })
    upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
      socket.write(statusBlock(answer, 101))
      if (upstreamHead.length) socket.write(upstreamHead)
      if (head.length) upstreamSocket.write(head)
      upstreamSocket.on('error', () => socket.destroy())
      socket.on('error', () => upstreamSocket.destroy())
      upstreamSocket.on('close', () => socket.destroy())
      socket.on('close', () => upstreamSocket.destroy())
      upstreamSocket.pipe(socket).pipe(upstreamSocket)
    })
    upstream.end()
  }

  return { handleRequest, handleUpgrade }
}
