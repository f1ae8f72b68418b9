// Where API requests go.
//
// The generated TanStack Query helpers put the client's `baseUrl` into every query key,
// so it must be the same string on the server (SSR loaders) and in the browser, or the
// data dehydrated by the server would sit under keys the browser never asks for. Requests
// are therefore built against one fixed, never-resolved origin and re-targeted when they
// are sent: in the browser to the page's own origin (the Start server proxies /api), on
// the server straight to the backend (ECHO_API_URL).

/** The logical origin in every generated request URL (`.invalid` never resolves). */
export const API_BASE_URL = 'http://echo-api.invalid'

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8000'

/** The backend's address as the Start server sees it (read per call, never at import). */
export function backendUrl(): string {
  const configured = process.env.ECHO_API_URL?.trim()
  return (configured || DEFAULT_BACKEND_URL).replace(/\/+$/, '')
}

/** `url` with its origin swapped for `origin` (path, query and fragment kept). */
export function retarget(url: string, origin: string): string {
  const parsed = new URL(url)
  const base = new URL(origin)
  // Keep a path prefix on the target (ECHO_API_URL=http://host/prefix) if there is one.
  const prefix = base.pathname.replace(/\/+$/, '')
  return `${base.origin}${prefix}${parsed.pathname}${parsed.search}${parsed.hash}`
}

/**
 * The same request, sent to `origin` (server side: the body is streamed through, which
 * Node's fetch allows over HTTP/1.1 with `duplex: 'half'`).
 */
export function retargetStreaming(request: Request, origin: string, headers: Headers): Request {
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers,
    body: request.body,
    signal: request.signal,
    redirect: request.redirect,
  }
  if (request.body) init.duplex = 'half'
  return new Request(retarget(request.url, origin), init)
}

/**
 * The same request, sent to `origin` (browser side: browsers only stream request bodies
 * over HTTP/2, so the body is handed over as a Blob; uploads that need progress use XHR).
 */
export async function retargetBuffered(request: Request, origin: string): Promise<Request> {
  const body = request.body ? await request.blob() : null
  return new Request(retarget(request.url, origin), {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    redirect: request.redirect,
    credentials: 'same-origin',
  })
}
