import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createToastStore } from './toast-store'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('toast store', () => {
  it('shows notices, tells subscribers, and dismisses them', () => {
    const store = createToastStore({ durationMs: 0 })
    const listener = vi.fn()
    store.subscribe(listener)
    const id = store.show('error', 'Upload failed.')
    expect(store.getSnapshot()).toEqual([{ id, kind: 'error', message: 'Upload failed.' }])
    expect(listener).toHaveBeenCalledTimes(1)
    store.dismiss(id)
    expect(store.getSnapshot()).toEqual([])
    expect(listener).toHaveBeenCalledTimes(2)
    store.dismiss(id)
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('goes away on its own after the duration', () => {
    const store = createToastStore({ durationMs: 5000 })
    store.show('error', 'Nope')
    vi.advanceTimersByTime(4999)
    expect(store.getSnapshot()).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(store.getSnapshot()).toHaveLength(0)
  })

  it('shows the same notice twice in a row once', () => {
    const store = createToastStore({ durationMs: 0 })
    const first = store.show('error', 'Same')
    expect(store.show('error', 'Same')).toBe(first)
    expect(store.getSnapshot()).toHaveLength(1)
  })

  it('keeps at most `limit`, dropping the oldest', () => {
    const store = createToastStore({ durationMs: 0, limit: 2 })
    store.show('info', 'one')
    store.show('info', 'two')
    store.show('info', 'three')
    expect(store.getSnapshot().map((t) => t.message)).toEqual(['two', 'three'])
  })

  it('keeps the snapshot stable between changes (for useSyncExternalStore)', () => {
    const store = createToastStore()
    expect(store.getSnapshot()).toBe(store.getSnapshot())
    store.show('info', 'x')
    expect(store.getSnapshot()).toBe(store.getSnapshot())
  })
})
