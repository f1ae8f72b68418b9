// Keep the line being spoken in view inside a transcript's own scroll box (never scrolling
// the page), while `active` (playing, and the creator is not searching or editing).
import { type RefObject, useEffect } from 'react'

export function useFollowPlayback(
  listRef: RefObject<HTMLElement | null>,
  current: number,
  active: boolean,
) {
  useEffect(() => {
    if (!active || current < 0) return
    const list = listRef.current
    const item = list?.querySelector<HTMLElement>(`[data-index="${current}"]`)
    if (!list || !item) return
    // The list is the items' offset parent (position: relative in video.css).
    const top = item.offsetTop
    const bottom = top + item.offsetHeight
    if (top < list.scrollTop || bottom > list.scrollTop + list.clientHeight) {
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: 'smooth' })
    }
  }, [listRef, current, active])
}
