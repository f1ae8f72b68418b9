// The connection to `WS /api/ws/jobs`: open it on the page's own origin (the Start server
// tunnels it to the API, and the httpOnly session cookie rides along, so no token is ever
// in the URL), read its messages, and reconnect with backoff when it drops.
//
// No React here, and every side effect (socket, timers, randomness) can be swapped, so
// the reconnect rules are tested without a browser.
import type { JobSocketEventMessage } from '../api/gen'
import { parseServerMessage } from './job-events'

/** The API closes with this code when the session is missing or no longer valid. */
export const CLOSE_NOT_AUTHENTICATED = 4401

export type LiveStatus =
  /** First connection not made yet (also what the server renders). */
  | 'connecting'
  /** Connected and signed in: events arrive as they happen. */
  | 'live'
  /** The connection dropped; trying again after a pause. */
  | 'reconnecting'
  /** The server refused the session: no more attempts until the page is reloaded. */
  | 'signed-out'
  /** `stop()` was called. */
  | 'stopped'

/** The subset of the browser's WebSocket this module uses. */
export interface SocketLike {
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number }) => void) | null
  onerror: ((event: unknown) => void) | null
  close(code?: number, reason?: string): void
}

export interface JobSocketOptions {
  url: string
  onEvent(event: JobSocketEventMessage): void
  /** Signed in and listening. Events sent while we were not listening are lost: resync. */
  onReady?(): void
  onStatus?(status: LiveStatus): void
  /** The session is gone (close code 4401). */
  onUnauthorized?(): void
  createSocket?(url: string): SocketLike
  setTimer?(callback: () => void, ms: number): unknown
  clearTimer?(handle: unknown): void
  random?(): number
}

export interface JobSocket {
  start(): void
  stop(): void
  /** Skip the wait when a reconnect is pending (the network came back, the tab is visible). */
  reconnectNow(): void
  status(): LiveStatus
}

export const BACKOFF_BASE_MS = 1000
export const BACKOFF_MAX_MS = 30_000

/**
 * How long to wait before reconnect attempt `failures` (0-based): doubling from 1 s up to
 * 30 s, each wait drawn from its upper half so many tabs don't come back in lockstep.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures))
  return Math.round(ceiling / 2 + (ceiling / 2) * random())
}

/** `ws(s)://<this origin>/api/ws/jobs` for a page at `location`. */
export function jobSocketUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/api/ws/jobs`
}

export function createJobSocket(options: JobSocketOptions): JobSocket {
  const createSocket =
    options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike)
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms))
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>))
  const random = options.random ?? Math.random

  let status: LiveStatus = 'connecting'
  let socket: SocketLike | null = null
  let timer: unknown = null
  let failures = 0

  const setStatus = (next: LiveStatus) => {
    if (next === status) return
    status = next
    options.onStatus?.(next)
  }

  const connect = () => {
    timer = null
    const current = createSocket(options.url)
    socket = current
    current.onmessage = ({ data }) => {
      if (socket !== current) return
      const message = parseServerMessage(data)
      if (!message) return
      if (message.type === 'ready') {
        failures = 0
        setStatus('live')
        options.onReady?.()
      } else {
        options.onEvent(message)
      }
    }
    current.onerror = () => {
      // A close event always follows; that is where we decide what to do.
    }
    current.onclose = ({ code }) => {
      if (socket !== current) return
      socket = null
      if (status === 'stopped') return
      if (code === CLOSE_NOT_AUTHENTICATED) {
        setStatus('signed-out')
        options.onUnauthorized?.()
        return
      }
      setStatus('reconnecting')
      timer = setTimer(connect, backoffDelay(failures, random))
      failures++
    }
  }

  return {
    start() {
      if (socket || timer !== null) return
      status = 'connecting'
      connect()
    },
    stop() {
      // Silently: whoever stops the socket is going away (or starting a new one).
      status = 'stopped'
      if (timer !== null) clearTimer(timer)
      timer = null
      const current = socket
      socket = null
      current?.close(1000, 'page closed')
    },
    reconnectNow() {
      if (timer === null || status !== 'reconnecting') return
      clearTimer(timer)
      connect()
    },
    status: () => status,
  }
}
