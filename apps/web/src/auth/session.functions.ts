// Sign in, register and sign out, run on the Start server so the browser never holds the
// token: the backend's access token goes straight into the httpOnly session cookie.
import { createServerFn } from '@tanstack/react-start'
import { appendResponseHeader, getRequest, getRequestIP } from '@tanstack/react-start/server'
import { clientAddress, trustedProxiesFromEnv } from '../../server/client-address.mjs'
import { FALLBACK_MESSAGE, isErrorEnvelope } from '../api/errors'
import {
  authLogin,
  authLogout,
  authRegister,
  type CredentialsSchema,
  type ErrorEnvelope,
} from '../api/gen'
import { assertSameOrigin } from './same-origin'
import {
  clearSessionCookie,
  isSecureRequest,
  readCookie,
  SESSION_COOKIE,
  secondsUntilExpiry,
  serializeSessionCookie,
} from './session-cookie'

function envelope(code: string, message: string): ErrorEnvelope {
  return { error: { code, message, details: [] } }
}

/**
 * The browser's address for the API, which throttles sign-ins per address: without it the
 * API would count every browser's attempts as this server's own.
 */
function forwardedFor(request: Request): Record<string, string> {
  const peer = getRequestIP()
  const address = clientAddress(
    peer,
    request.headers.get('x-forwarded-for'),
    trustedProxiesFromEnv(),
  )
  return address ? { 'x-forwarded-for': address } : {}
}

async function startSession(action: 'login' | 'register', credentials: CredentialsSchema) {
  const request = getRequest()
  assertSameOrigin(request)
  const call = action === 'login' ? authLogin : authRegister
  // Only the two fields the API takes; the API validates them and says what is wrong.
  const body: CredentialsSchema = { email: credentials.email, password: credentials.password }
  // Without throwOnError the client resolves with `error`: the API's envelope (a request
  // that got no answer comes back as a made-up 502 envelope, see client-config.ts).
  const { data, error } = await call({ body, headers: forwardedFor(request) }).catch(
    (cause: unknown) => ({
      data: undefined,
      error: cause,
    }),
  )
  if (data === undefined) {
    if (isErrorEnvelope(error)) return { ok: false as const, error }
    console.error(`auth-${action} failed`, error)
    return { ok: false as const, error: envelope('internal_error', FALLBACK_MESSAGE) }
  }
  appendResponseHeader(
    'set-cookie',
    serializeSessionCookie(data.access_token, {
      maxAge: secondsUntilExpiry(data.access_token),
      secure: isSecureRequest(request),
    }),
  )
  return { ok: true as const, user: data.user }
}

export const signIn = createServerFn({ method: 'POST' })
  .validator((credentials: CredentialsSchema) => credentials)
  .handler(({ data }) => startSession('login', data))

export const register = createServerFn({ method: 'POST' })
  .validator((credentials: CredentialsSchema) => credentials)
  .handler(({ data }) => startSession('register', data))

export const signOut = createServerFn({ method: 'POST' }).handler(async () => {
  const request = getRequest()
  assertSameOrigin(request)
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE)
  if (token) {
    // Revoke the token, not just forget it: a copy of it stops working too. As a bearer
    // call it needs no Origin header. Signing out still clears the cookie if this fails.
    await authLogout({
      headers: { Authorization: `Bearer ${token}`, ...forwardedFor(request) },
    }).catch((cause: unknown) => console.error('auth-logout failed', cause))
  }
  appendResponseHeader('set-cookie', clearSessionCookie({ secure: isSecureRequest(request) }))
  return { ok: true as const }
})
