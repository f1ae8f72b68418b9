// The player's clock, shared by the chapter strip, the chapter list and the transcript:
// one <video> element, a subscription to its time, and seeking.
import { createContext, useContext, useSyncExternalStore } from 'react'

export interface PlayerState {
  time: number
  /** The media's own duration once known (NaN before). */
  duration: number
  playing: boolean
}

export interface PlayerStore {
  /** Give the store its <video> (a ref callback); null detaches. */
  attach(element: HTMLVideoElement | null): void
  /**
   * Jump to `seconds` and play from there. The player is scrolled back into view when
   * less than half of it shows (on wide screens it is sticky and always shows).
   */
  seek(seconds: number, options?: { play?: boolean }): void
  /** Keyboard shortcuts: play or pause, move by `seconds`, full screen, subtitles. */
  togglePlay(): void
  skipBy(seconds: number): void
  toggleFullscreen(): void
  toggleCaptions(): void
  subscribe(listener: () => void): () => void
  getState(): PlayerState
}

const INITIAL: PlayerState = { time: 0, duration: Number.NaN, playing: false }
const EVENTS = [
  'timeupdate',
  'seeked',
  'seeking',
  'loadedmetadata',
  'durationchange',
  'play',
  'pause',
  'ended',
] as const

export function createPlayerStore(): PlayerStore {
  let element: HTMLVideoElement | null = null
  let state = INITIAL
  const listeners = new Set<() => void>()

  const read = () => {
    if (!element) return
    const next: PlayerState = {
      time: element.currentTime,
      duration: element.duration,
      playing: !element.paused && !element.ended,
    }
    if (
      next.time === state.time &&
      next.playing === state.playing &&
      (next.duration === state.duration ||
        (Number.isNaN(next.duration) && Number.isNaN(state.duration)))
    )
      return
    state = next
    for (const listener of listeners) listener()
  }

  return {
    attach(next) {
      if (element === next) return
      if (element) for (const name of EVENTS) element.removeEventListener(name, read)
      element = next
      if (element) {
        for (const name of EVENTS) element.addEventListener(name, read)
        read()
      }
    },
    seek(seconds, options = {}) {
      if (!element) return
      element.currentTime = Math.max(0, seconds)
      read()
      reveal(element)
      if (options.play !== false && element.paused) {
        // A refused play() (autoplay rules) just leaves the video paused at that time.
        element.play().catch(() => {})
      }
    },
    togglePlay() {
      if (!element) return
      if (element.paused || element.ended) element.play().catch(() => {})
      else element.pause()
    },
    skipBy(seconds) {
      if (!element) return
      const end = Number.isFinite(element.duration) ? element.duration : Number.POSITIVE_INFINITY
      element.currentTime = Math.min(end, Math.max(0, element.currentTime + seconds))
      read()
    },
    toggleFullscreen() {
      if (!element) return
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {})
      else void element.requestFullscreen?.().catch(() => {})
    },
    toggleCaptions() {
      const track = element?.textTracks[0]
      if (track) track.mode = track.mode === 'showing' ? 'hidden' : 'showing'
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getState: () => state,
  }
}

function reveal(element: HTMLElement) {
  const box = element.getBoundingClientRect()
  const shown = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0)
  if (shown >= box.height / 2) return
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches
  element.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' })
}

export const PlayerContext = createContext<PlayerStore | null>(null)

export function usePlayer(): PlayerStore {
  const store = useContext(PlayerContext)
  if (!store) throw new Error('usePlayer() needs a <PlayerContext.Provider>')
  return store
}

const serverState = () => INITIAL

/** The player's state; re-renders on every time update (a few times a second). */
export function usePlayerState(): PlayerState {
  const store = usePlayer()
  return useSyncExternalStore(store.subscribe, store.getState, serverState)
}

/** Only what `pick` returns; re-renders when that changes (e.g. the current index). */
export function usePlayerSelector<T>(pick: (state: PlayerState) => T): T {
  const store = usePlayer()
  return useSyncExternalStore(
    store.subscribe,
    () => pick(store.getState()),
    () => pick(INITIAL),
  )
}
