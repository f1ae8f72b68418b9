// @ts-check
// The web server's own log: one line per request it answered, shaped as the API's
// (apps/core/src/echo_core/observability/): readable text, or one JSON object per line with
// ECHO_LOG_FORMAT=json; lines below ECHO_LOG_LEVEL are left out.
//
// Each request gets an id: the caller's X-Request-ID when it is sane (the API's rule), else
// a new one. The id is passed on to the API with a proxied request, so the web server's
// line and the API's carry the same id, and it is returned in the answer.
//
// A request the browser abandoned (a page left, a download cancelled) is not an event
// worth a line: nothing is logged for it.
import { randomUUID } from 'node:crypto'
import { clientAddress, trustedProxiesFromEnv } from './client-address.mjs'

export const REQUEST_ID_HEADER = 'x-request-id'
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/
const LEVELS = /** @type {const} */ (['debug', 'info', 'warning', 'error'])

/** @typedef {typeof LEVELS[number]} Level */
/** @typedef {{ name?: string, format?: string, level?: string, write?: (line: string) => void }} LogOptions */

/** @param {string | string[] | undefined} header */
export function requestIdFrom(header) {
  const value = Array.isArray(header) ? header[0] : header
  return value !== undefined && SANE_REQUEST_ID.test(value)
    ? value
    : randomUUID().replaceAll('-', '')
}

/** @param {unknown} value */
function textValue(value) {
  const text = String(value)
  // Quoted when it would run into the next field or forge a line.
  const plain = text !== '' && !/[\s"]|[^\x20-\x7e]/.test(text)
  return plain ? text : JSON.stringify(text)
}

/**
 * A logger writing lines as the API does.
 * @param {LogOptions} [options] default: echo_web, ECHO_LOG_FORMAT, ECHO_LOG_LEVEL, stderr
 */
export function createLogger(options = {}) {
  const logger = options.name ?? 'echo_web'
  const json = (options.format ?? process.env.ECHO_LOG_FORMAT ?? 'text').toLowerCase() === 'json'
  const wanted = (options.level ?? process.env.ECHO_LOG_LEVEL ?? 'info').toLowerCase()
  const threshold = Math.max(0, LEVELS.indexOf(/** @type {Level} */ (wanted)))
  const write = options.write ?? ((line) => process.stderr.write(`${line}\n`))

  /**
   * @param {Level} level
   * @param {string} message
   * @param {Record<string, unknown>} [fields]
   */
  function log(level, message, fields = {}) {
    if (LEVELS.indexOf(level) < threshold) return
    const now = new Date()
    if (json) {
      write(JSON.stringify({ time: now.toISOString(), level, logger, message, ...fields }))
      return
    }
    const pairs = Object.entries(fields).map(([name, value]) => `${name}=${textValue(value)}`)
    const when = now.toISOString().replace('T', ' ').replace('Z', '')
    const label = (level === 'warning' ? 'WARNING' : level.toUpperCase()).padEnd(5)
    write(`${when} ${label} ${logger}: ${message}${pairs.length ? `  ${pairs.join(' ')}` : ''}`)
  }
  return log
}

/**
 * Watch one request: give it its id (in the request, for the proxy to pass on, and in the
 * answer) and log it once it is answered.
 * @param {{ log?: ReturnType<typeof createLogger>, trustedProxies?: import('node:net').BlockList }} [options]
 */
export function createRequestLog(options = {}) {
  const log = options.log ?? createLogger({ name: 'echo_web.request' })
  const proxies = options.trustedProxies ?? trustedProxiesFromEnv()

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  return function watch(req, res) {
    const started = process.hrtime.bigint()
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER])
    req.headers[REQUEST_ID_HEADER] = requestId
    res.setHeader(REQUEST_ID_HEADER, requestId)
    res.on('close', () => {
      if (!res.writableFinished) return
      const method = req.method ?? 'GET'
      const path = (req.url ?? '/').split('?')[0]
      log('info', `${method} ${path} ${res.statusCode}`, {
        request_id: requestId,
        method,
        path,
        status: res.statusCode,
        duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        client: clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], proxies),
      })
    })
    return requestId
  }
}
