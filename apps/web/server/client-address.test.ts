import { describe, expect, it } from 'vitest'
import { clientAddress, parseTrustedProxies } from './client-address.mjs'

const proxies = parseTrustedProxies('127.0.0.1, ::1, 10.0.0.0/8')

describe('clientAddress', () => {
  it.each([
    // [peer, X-Forwarded-For, client]
    ['203.0.113.7', undefined, '203.0.113.7'],
    // A browser that is not a trusted proxy says what it likes; it is not believed.
    ['203.0.113.7', '198.51.100.1', '203.0.113.7'],
    ['127.0.0.1', '198.51.100.1', '198.51.100.1'],
    // The claim left of what the trusted proxy saw is the client's own, and ignored.
    ['127.0.0.1', '6.6.6.6, 198.51.100.1', '198.51.100.1'],
    // Several trusted proxies in a row (a network listed): the first untrusted hop.
    ['127.0.0.1', '198.51.100.1, 10.1.2.3', '198.51.100.1'],
    // A trusted proxy writes addresses only; anything else ends the walk.
    ['127.0.0.1', '198.51.100.1, not-an-address', '127.0.0.1'],
    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    ['::ffff:127.0.0.1', '198.51.100.1', '198.51.100.1'],
    ['::ffff:203.0.113.9', '198.51.100.1', '203.0.113.9'],
    ['::1', '2001:db8::1', '2001:db8::1'],
    [undefined, '198.51.100.1', undefined],
  ])('from %s with X-Forwarded-For %s is %s', (peer, forwardedFor, expected) => {
    expect(clientAddress(peer, forwardedFor, proxies)).toBe(expected)
  })

  it('reads a header sent more than once as one list', () => {
    expect(clientAddress('127.0.0.1', ['6.6.6.6', '198.51.100.1'], proxies)).toBe('198.51.100.1')
  })

  it('believes nobody when no proxies are listed', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1', parseTrustedProxies(''))).toBe('127.0.0.1')
  })
})

describe('parseTrustedProxies', () => {
  it.each(['example.com', '10.0.0.0/33', '10.0.0.0/8/1', '10.0.0.0/x', '::1/129'])(
    'refuses %s with the setting named',
    (entry) => {
      expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrow(
        `ECHO_WEB_TRUSTED_PROXIES: "${entry}" is not an IP address or network`,
      )
    },
  )
})
