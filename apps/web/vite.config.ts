import { tanstackStart } from '@tanstack/react-start/plugin/vite'
import viteReact from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { createApiProxy, isApiPath } from './server/api-proxy.mjs'
import { createRequestLog } from './server/request-log.mjs'

/** In dev, /api (and its WebSocket) goes to the backend through the same proxy as `start`. */
function apiProxy(): Plugin {
  return {
    name: 'echo:api-proxy',
    configureServer(server) {
      const proxy = createApiProxy()
      const watchRequest = createRequestLog()
      // Registered before Vite's and Start's own middleware, so /api never reaches SSR.
      server.middlewares.use((req, res, next) => {
        if (!isApiPath(req.url)) return next()
        // Only /api is logged in dev: a page load fetches hundreds of modules from Vite.
        watchRequest(req, res)
        proxy.handleRequest(req, res)
      })
      // Vite's HMR socket has its own path and protocol; only /api upgrades are ours.
      server.httpServer?.on('upgrade', (req, socket, head) => {
        if (isApiPath(req.url)) proxy.handleUpgrade(req, socket, head)
      })
    },
  }
}

export default defineConfig({
  server: { port: 3000, host: '127.0.0.1', strictPort: true },
  plugins: [
    apiProxy(),
    // Start before React (route generation and server-function compilation come first).
    tanstackStart({
      router: {
        quoteStyle: 'single',
        semicolons: false,
      },
    }),
    viteReact(),
  ],
})
