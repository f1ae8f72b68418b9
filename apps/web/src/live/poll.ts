// Polling is the fallback when the socket's hints don't arrive.
import type { LiveStatus } from './job-socket'

/**
 * How often to poll a resource as a fallback: not at all when nothing is active, slowly
 * while events arrive, more often while the socket is down.
 */
export function pollInterval(active: boolean, status: LiveStatus): number | false {
  if (!active) return false
  return status === 'live' ? 10_000 : 4_000
}
