// The transcript line being spoken, kept in view inside the transcript's own scroll box
// (never scrolling the page) while the video plays, unless the creator holds the list
// still by searching or editing.
import { type RefObject, useEffect } from 'react'
import { usePlayerSelector } from './player-store'
import { currentIndex } from './timeline'

/** The index of the line being spoken (-1 before the first one). */
export function useSpokenLine(
  listRef: RefObject<HTMLElement | null>,
  lines: readonly { start: number }[],
  hold: boolean,
): number {
  const current = usePlayerSelector((state) =>
    currentIndex(lines, state.time, (line) => line.start),
  )
  const playing = usePlayerSelector((state) => state.playing)
  const follow = playing && !hold

  useEffect(() => {
    if (!follow || current < 0) return
    const list = listRef.current
    const item = list?.querySelector<HTMLElement>(`[data-index="${current}"]`)
    if (!list || !item) return
    // The list is the items' offset parent (position: relative in video.css).
    const top = item.offsetTop
    const bottom = top + item.offsetHeight
    if (top < list.scrollTop || bottom > list.scrollTop + list.clientHeight) {
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: 'smooth' })
    }
  }, [listRef, current, follow])

  return current
}
