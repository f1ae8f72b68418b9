import { describe, expect, it } from 'vitest'
import {
  clearSessionCookie,
  isSecureRequest,
  readCookie,
  SESSION_COOKIE,
  secondsUntilExpiry,
  serializeSessionCookie,
} from './session-cookie'

function jwt(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`
}

describe('session cookie', () => {
  it('is httpOnly, SameSite=Lax, site-wide, and Secure only over HTTPS', () => {
    expect(serializeSessionCookie('a.b.c', { maxAge: 60, secure: false })).toBe(
      'echo_session=a.b.c; Path=/; HttpOnly; SameSite=Lax; Max-Age=60',
    )
    expect(serializeSessionCookie('a.b.c', { secure: true })).toBe(
      'echo_session=a.b.c; Path=/; HttpOnly; SameSite=Lax; Secure',
    )
  })

  it('refuses a token that would break the header', () => {
    expect(() => serializeSessionCookie('a;b', { secure: false })).toThrow()
    expect(() => serializeSessionCookie('a\r\nSet-Cookie: x=1', { secure: false })).toThrow()
  })

  it('is cleared with Max-Age=0', () => {
    expect(clearSessionCookie({ secure: false })).toBe(
      'echo_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    )
  })

  it('is read from a Cookie header among others', () => {
    const header = `theme=dark; ${SESSION_COOKIE}=tok.en.value; other=1`
    expect(readCookie(header, SESSION_COOKIE)).toBe('tok.en.value')
    expect(readCookie('echo_session_old=x', SESSION_COOKIE)).toBeUndefined()
    expect(readCookie(`${SESSION_COOKIE}=`, SESSION_COOKIE)).toBeUndefined()
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined()
  })

  it("expires with the token's exp", () => {
    const now = Date.UTC(2026, 0, 1)
    expect(secondsUntilExpiry(jwt({ exp: now / 1000 + 3600 }), now)).toBe(3600)
    expect(secondsUntilExpiry(jwt({ exp: now / 1000 - 5 }), now)).toBe(0)
    expect(secondsUntilExpiry(jwt({ sub: 'x' }), now)).toBeUndefined()
    expect(secondsUntilExpiry('not-a-jwt', now)).toBeUndefined()
    expect(secondsUntilExpiry('a.###.c', now)).toBeUndefined()
  })

  it('knows when the browser used HTTPS, directly or via a proxy', () => {
    expect(isSecureRequest(new Request('https://echo.example/'))).toBe(true)
    expect(isSecureRequest(new Request('http://127.0.0.1:3000/'))).toBe(false)
    const proxied = new Request('http://127.0.0.1:3000/', {
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(isSecureRequest(proxied)).toBe(true)
  })
})
