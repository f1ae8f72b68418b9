import { describe, expect, it } from 'vitest'
import { assertSameOrigin, CrossOriginError, requestOrigin } from './same-origin'

const post = (headers: Record<string, string>) =>
  new Request('http://127.0.0.1:3000/_serverFn/x', { method: 'POST', headers })

describe('assertSameOrigin', () => {
  it('lets requests from this site through', () => {
    expect(() =>
      assertSameOrigin(post({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' })),
    ).not.toThrow()
    expect(() =>
      assertSameOrigin(post({ referer: 'http://127.0.0.1:3000/login', host: '127.0.0.1:3000' })),
    ).not.toThrow()
  })

  it('stops requests from another site', () => {
    expect(() =>
      assertSameOrigin(post({ origin: 'https://evil.example', host: '127.0.0.1:3000' })),
    ).toThrow(CrossOriginError)
    expect(() => assertSameOrigin(post({ origin: 'null', host: '127.0.0.1:3000' }))).toThrow(
      CrossOriginError,
    )
  })

  it('uses the address the browser saw behind a proxy', () => {
    const request = post({
      origin: 'https://echo.example',
      host: '127.0.0.1:3000',
      'x-forwarded-host': 'echo.example',
      'x-forwarded-proto': 'https',
    })
    expect(requestOrigin(request)).toBe('https://echo.example')
    expect(() => assertSameOrigin(request)).not.toThrow()
  })
})
