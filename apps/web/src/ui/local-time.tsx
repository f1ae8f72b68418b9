// A time in the viewer's own time zone and locale. The server cannot know either, so the
// server's HTML and the hydrating render say UTC (the same text on both sides, no
// mismatch), and the browser then re-renders in local time; pages reached by navigating
// in the browser show local time at once.
import { useSyncExternalStore } from 'react'
import { formatDateTime } from './format'

const LOCAL = {}
const never = () => () => {}

export function LocalTime({
  iso,
  show = 'datetime',
  className,
}: {
  iso: string
  show?: 'datetime' | 'date'
  className?: string
}) {
  const inBrowser = useSyncExternalStore(
    never,
    () => true,
    () => false,
  )
  return (
    <time dateTime={iso} className={className}>
      {formatDateTime(iso, inBrowser ? LOCAL : 'utc', show)}
    </time>
  )
}
