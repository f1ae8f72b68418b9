import { describe, expect, it, vi } from 'vitest'
import {
  BACKOFF_MAX_MS,
  backoffDelay,
  CLOSE_NOT_AUTHENTICATED,
  createJobSocket,
  jobSocketUrl,
  type LiveStatus,
  type SocketLike,
} from './job-socket'

describe('backoffDelay', () => {
  it('doubles from about a second and stops at 30 s', () => {
    const top = () => 1
    expect(backoffDelay(0, top)).toBe(1000)
    expect(backoffDelay(1, top)).toBe(2000)
    expect(backoffDelay(3, top)).toBe(8000)
    expect(backoffDelay(10, top)).toBe(BACKOFF_MAX_MS)
    expect(backoffDelay(100, top)).toBe(BACKOFF_MAX_MS)
  })

  it('draws each wait from the upper half, so tabs spread out', () => {
    expect(backoffDelay(0, () => 0)).toBe(500)
    expect(backoffDelay(2, () => 0.5)).toBe(3000)
  })
})

describe('jobSocketUrl', () => {
  it('uses the page origin, ws or wss as the page', () => {
    expect(jobSocketUrl({ protocol: 'http:', host: '127.0.0.1:3000' })).toBe(
      'ws://127.0.0.1:3000/api/ws/jobs',
    )
    expect(jobSocketUrl({ protocol: 'https:', host: 'echo.example' })).toBe(
      'wss://echo.example/api/ws/jobs',
    )
  })
})

class FakeSocket implements SocketLike {
  onmessage: SocketLike['onmessage'] = null
  onclose: SocketLike['onclose'] = null
  onerror: SocketLike['onerror'] = null
  closed: number | undefined
  constructor(readonly url: string) {}
  close(code?: number) {
    this.closed = code
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
  drop(code = 1006) {
    this.onclose?.({ code })
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = []
  const statuses: LiveStatus[] = []
  const events: unknown[] = []
  const onReady = vi.fn()
  const onUnauthorized = vi.fn()
  const socket = createJobSocket({
    url: 'ws://here/api/ws/jobs',
    onEvent: (event) => events.push(event),
    onReady,
    onUnauthorized,
    onStatus: (status) => statuses.push(status),
    createSocket: (url) => {
      const created = new FakeSocket(url)
      sockets.push(created)
      return created
    },
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false }
      timers.push(timer)
      return timer
    },
    clearTimer: (handle) => {
      ;(handle as { cleared: boolean }).cleared = true
    },
    random: () => 1,
  })
  const last = () => sockets[sockets.length - 1] as FakeSocket
  const fire = () => {
    const timer = timers.find((t) => !t.cleared)
    if (!timer) throw new Error('no timer pending')
    timer.cleared = true
    timer.callback()
  }
  return { socket, sockets, timers, statuses, events, onReady, onUnauthorized, last, fire }
}

const READY = { type: 'ready', user_id: 'u1' }
const EVENT = { type: 'job', job_id: 'j', video_id: 'v', status: 'PENDING' }

describe('createJobSocket', () => {
  it('goes live on the ready message and passes events on', () => {
    const t = setup()
    t.socket.start()
    expect(t.last().url).toBe('ws://here/api/ws/jobs')
    expect(t.socket.status()).toBe('connecting')
    t.last().receive(READY)
    expect(t.socket.status()).toBe('live')
    expect(t.onReady).toHaveBeenCalledTimes(1)
    t.last().receive(EVENT)
    t.last().receive({ type: 'something new' })
    expect(t.events).toHaveLength(1)
  })

  it('reconnects with growing pauses, and resyncs when back', () => {
    const t = setup()
    t.socket.start()
    t.last().receive(READY)
    t.last().drop()
    expect(t.socket.status()).toBe('reconnecting')
    expect(t.timers.map((timer) => timer.ms)).toEqual([1000])
    t.fire()
    expect(t.sockets).toHaveLength(2)
    t.last().drop()
    expect(t.timers.map((timer) => timer.ms)).toEqual([1000, 2000])
    t.fire()
    t.last().receive(READY)
    expect(t.socket.status()).toBe('live')
    expect(t.onReady).toHaveBeenCalledTimes(2)
    // A good connection resets the backoff.
    t.last().drop()
    expect(t.timers.map((timer) => timer.ms)).toEqual([1000, 2000, 1000])
    expect(t.statuses).toEqual(['live', 'reconnecting', 'live', 'reconnecting'])
  })

  it('stops trying when the server refuses the session', () => {
    const t = setup()
    t.socket.start()
    t.last().drop(CLOSE_NOT_AUTHENTICATED)
    expect(t.socket.status()).toBe('signed-out')
    expect(t.onUnauthorized).toHaveBeenCalledTimes(1)
    expect(t.timers).toHaveLength(0)
  })

  it('reconnects at once when asked while waiting', () => {
    const t = setup()
    t.socket.start()
    t.last().drop()
    t.socket.reconnectNow()
    expect(t.sockets).toHaveLength(2)
    expect(t.timers[0]?.cleared).toBe(true)
    // Nothing to do while connected.
    t.last().receive(READY)
    t.socket.reconnectNow()
    expect(t.sockets).toHaveLength(2)
  })

  it('closes and stays closed after stop()', () => {
    const t = setup()
    t.socket.start()
    const first = t.last()
    t.socket.stop()
    expect(first.closed).toBe(1000)
    first.drop(1000)
    first.receive(EVENT)
    expect(t.socket.status()).toBe('stopped')
    expect(t.timers).toHaveLength(0)
    expect(t.events).toHaveLength(0)
  })

  it('cancels a pending reconnect on stop()', () => {
    const t = setup()
    t.socket.start()
    t.last().drop()
    t.socket.stop()
    expect(t.timers[0]?.cleared).toBe(true)
  })
})
