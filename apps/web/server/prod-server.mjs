// @ts-check
// `pnpm start`: serve the built app (`pnpm build` → dist/) on one origin:
//   /api/*      proxied to the backend (ECHO_API_URL), WebSocket upgrades included;
//   /assets/*   the hashed client bundle, cached for a year;
//   the rest    other files in dist/client, else the Start handler (SSR, server functions).
// Settings: PORT (3000), HOST (127.0.0.1), ECHO_API_URL (http://127.0.0.1:8000),
// ECHO_WEB_TRUSTED_PROXIES (127.0.0.1, ::1; see client-address.mjs), ECHO_LOG_FORMAT and
// ECHO_LOG_LEVEL (see request-log.mjs).
import { existsSync } from 'node:fs'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { toNodeHandler } from 'srvx/node'
import { staticMiddleware } from 'srvx/static'
import { backendUrlFromEnv, createApiProxy, isApiPath } from './api-proxy.mjs'
import { createRequestLog } from './request-log.mjs'

const clientDir = fileURLToPath(new URL('../dist/client', import.meta.url))
const serverEntry = new URL('../dist/server/server.js', import.meta.url)
if (!existsSync(fileURLToPath(serverEntry))) {
  console.error('dist/server/server.js is missing: run `pnpm build` first.')
  process.exit(1)
}

/** @type {{ default: { fetch: (request: Request) => Response | Promise<Response> } }} */
const { default: start } = await import(serverEntry.href)

const hashedAssets = staticMiddleware({ dir: clientDir, maxAge: 31536000, immutable: true })
const publicFiles = staticMiddleware({ dir: clientDir })

// srvx types its handler for HTTP/1 or HTTP/2; this server is HTTP/1.
const appHandler = /** @type {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} */ (
  toNodeHandler((request) => {
    const { pathname } = new URL(request.url)
    const files = pathname.startsWith('/assets/') ? hashedAssets : publicFiles
    return files(request, () => start.fetch(request))
  })
)

const proxy = createApiProxy()
const watchRequest = createRequestLog()
const server = http.createServer((req, res) => {
  watchRequest(req, res)
  if (isApiPath(req.url)) proxy.handleRequest(req, res)
  else void appHandler(req, res)
})
server.on('upgrade', (req, socket, head) => {
  if (isApiPath(req.url)) proxy.handleUpgrade(req, socket, head)
  else socket.destroy()
})

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
server.listen(port, host, () => {
  console.log(`Echo web on http://${host}:${port} (API: ${backendUrlFromEnv()})`)
})

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    server.close(() => process.exit(0))
    server.closeAllConnections()
  })
}
