// How the generated client (src/api/gen) sends requests; codegen wires it in through
// `runtimeConfigPath`, so every generated function and query option goes through here.
import { createIsomorphicFn } from '@tanstack/react-start'
import { getRequestHeader } from '@tanstack/react-start/server'
import { readCookie, SESSION_COOKIE } from '../auth/session-cookie'
import { unreachableResponse } from './errors'
import type { CreateClientConfig } from './gen/client.gen'
import { API_BASE_URL, backendUrl, retargetBuffered, retargetStreaming } from './origin'

const send = createIsomorphicFn()
  // SSR: straight to the backend, carrying the page request's session (and nothing else
  // from its cookies), so loaders see what the signed-in user would see.
  .server((request: Request): Promise<Response> => {
    const headers = new Headers(request.headers)
    headers.delete('cookie')
    const token = readCookie(getRequestHeader('cookie'), SESSION_COOKIE)
    if (token) headers.set('cookie', `${SESSION_COOKIE}=${token}`)
    return fetch(retargetStreaming(request, backendUrl(), headers)).catch(unreachableResponse)
  })
  // Browser: same origin; the Start server proxies /api and the browser adds the cookie.
  .client(
    async (request: Request): Promise<Response> =>
      fetch(await retargetBuffered(request, window.location.origin)).catch(unreachableResponse),
  )

function apiFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return send(input instanceof Request && init === undefined ? input : new Request(input, init))
}

export const createClientConfig: CreateClientConfig = (config) => ({
  ...config,
  baseUrl: API_BASE_URL,
  fetch: apiFetch,
})
