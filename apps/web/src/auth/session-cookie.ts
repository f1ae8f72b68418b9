// The session cookie: the backend's access token, kept where page scripts can't read it.
//
// Only the Start server touches it: the /auth/* server routes set and clear it, SSR
// reads it to call the backend for the page, and the /api proxy passes it through (the
// backend accepts it in place of a bearer header, on HTTP and on the WebSocket).

/** Must match the backend's `echo_core.auth.session_cookie.SESSION_COOKIE`. */
export const SESSION_COOKIE = 'echo_session'

export interface CookieOptions {
  /** Seconds until the cookie expires; 0 deletes it. Omitted: a browser-session cookie. */
  maxAge?: number
  /** Send only over HTTPS (set when the app is served over HTTPS). */
  secure: boolean
}

export function serializeSessionCookie(token: string, options: CookieOptions): string {
  if (!/^[A-Za-z0-9._~+/=-]+$/.test(token)) throw new Error('Unexpected characters in the token')
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax']
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`)
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}

export function clearSessionCookie(options: Pick<CookieOptions, 'secure'>): string {
  const parts = [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0']
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}

/** The value of cookie `name` in a `Cookie` request header, if present and non-empty. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=')
    if (index < 0) continue
    if (pair.slice(0, index).trim() !== name) continue
    const value = pair.slice(index + 1).trim()
    return value ? value : undefined
  }
  return undefined
}

/**
 * Seconds until a JWT's `exp`, so the cookie expires with the token. The token is not
 * verified here (the backend does that on every request); undefined if it has no `exp`.
 */
export function secondsUntilExpiry(token: string, nowMs: number = Date.now()): number | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (typeof json !== 'object' || json === null || !('exp' in json)) return undefined
    const exp = json.exp
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined
    return Math.max(0, Math.floor(exp - nowMs / 1000))
  } catch {
    return undefined
  }
}

/** Whether the browser reached us over HTTPS (directly or through a proxy that says so). */
export function isSecureRequest(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  if (forwarded) return forwarded === 'https'
  return new URL(request.url).protocol === 'https:'
}
