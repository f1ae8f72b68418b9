// Where the player starts: ?t=75.5 on a video's page (a spoken-word search result links
// there), validated here and applied once the video's length is known.
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { usePlayer, usePlayerSelector } from './player-store'

export const videoSearch = z.object({
  // The router parses search values as JSON, so ?t=12.5 arrives as a number; a hand-typed
  // "abc" or a negative time is dropped rather than refusing the page.
  t: z
    .union([z.number(), z.string().trim().min(1).transform(Number)])
    .pipe(z.number().finite().min(0))
    .optional()
    .catch(undefined),
})

export type VideoSearch = z.infer<typeof videoSearch>

/** Seek to `seconds` and play, once the media can seek (its duration is known). */
export function useStartAt(seconds: number | undefined) {
  const player = usePlayer()
  const ready = usePlayerSelector((state) => !Number.isNaN(state.duration))
  const done = useRef<number | undefined>(undefined)
  useEffect(() => {
    if (!ready || seconds === undefined || done.current === seconds) return
    done.current = seconds
    player.seek(seconds)
  }, [ready, seconds, player])
}
