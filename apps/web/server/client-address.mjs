// @ts-check
// Which address a browser request comes from, as the web server tells the API in
// X-Forwarded-For. The API counts sign-in attempts per address: without this, every
// sign-in through the web app would count against the web server's own address, and one
// stranger's failures would lock everybody out.
//
// The address is the socket's peer, unless the peer is one of this server's trusted proxies
// (ECHO_WEB_TRUSTED_PROXIES: addresses or networks, comma-separated; default loopback, where
// a reverse proxy on the same machine connects from; empty trusts none). Then X-Forwarded-For
// is walked from the right, and the first hop not added by a trusted proxy is the client;
// anything left of it is whatever the client chose to claim. The API's own rule is the same
// (apps/core/src/echo_core/api/client_address.py), and it believes what this server says
// because the web server is one of its trusted proxies.
import { BlockList, isIP } from 'node:net'

export const DEFAULT_TRUSTED_PROXIES = '127.0.0.1, ::1'

/**
 * @param {string} text addresses or networks, comma-separated
 * @returns {BlockList}
 */
export function parseTrustedProxies(text) {
  const proxies = new BlockList()
  for (const entry of text.split(',')) {
    const trimmed = entry.trim()
    if (!trimmed) continue
    const [address = '', prefix, ...rest] = trimmed.split('/')
    const family = isIP(address)
    const maxBits = family === 6 ? 128 : 32
    const bits = prefix === undefined ? maxBits : Number(prefix)
    const validPrefix = prefix === undefined || (/^\d+$/.test(prefix) && bits <= maxBits)
    if (!family || rest.length > 0 || !validPrefix) {
      throw new Error(
        `ECHO_WEB_TRUSTED_PROXIES: "${trimmed}" is not an IP address or network (e.g. 10.0.0.0/8)`,
      )
    }
    proxies.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4')
  }
  return proxies
}

/** ECHO_WEB_TRUSTED_PROXIES, or loopback when it is not set. */
export function trustedProxiesFromEnv() {
  return parseTrustedProxies(process.env.ECHO_WEB_TRUSTED_PROXIES ?? DEFAULT_TRUSTED_PROXIES)
}

/**
 * Whether `address` is one of the trusted proxies, whose X-Forwarded-* are believed.
 * @param {string | undefined} address
 * @param {BlockList} proxies
 */
export function isTrusted(address, proxies) {
  if (address === undefined) return false
  const family = isIP(address)
  // BlockList matches an IPv4 network for a dual-stack socket's ::ffff:a.b.c.d too.
  return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/**
 * The client's address, or undefined when the socket's peer is not known.
 * @param {string | undefined} peer the socket's remote address
 * @param {string | string[] | null | undefined} forwardedFor X-Forwarded-For as received
 * @param {BlockList} proxies
 * @returns {string | undefined}
 */
export function clientAddress(peer, forwardedFor, proxies) {
  const hops = [forwardedFor ?? []]
    .flat()
    .join(',')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  let current = peer
  while (current !== undefined && isTrusted(current, proxies) && hops.length > 0) {
    const hop = /** @type {string} */ (hops.pop())
    // A trusted proxy appends an address, never anything else: stop at its word.
    if (!isIP(hop)) break
    current = hop
  }
  // One spelling for an IPv4 client, however the socket reported it.
  return current?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')
}
