// How numbers and dates read on screen.

/**
 * 75 → "1:15", 3725.4 → "1:02:05"; null → "—". Whole seconds rounded down, as the player's
 * clock and the video page show them, so a card never says 1:21 for a video the page
 * calls 1:20.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—'
  const total = Math.floor(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** 1536 → "1.5 KB" (powers of 1024, one decimal under 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}

/** Where and how to show a time: the viewer's own (`local`), or UTC in a fixed locale. */
export type TimeZoneChoice = 'utc' | { locale?: string | undefined; timeZone?: string | undefined }

/**
 * An ISO 8601 timestamp as a date and time ("4 Mar 2026, 05:06 UTC"), or a date alone.
 * `'utc'` reads the same on the server and in the browser (what SSR renders); an object
 * names the viewer's locale and time zone (undefined: the runtime's own).
 */
export function formatDateTime(
  iso: string,
  zone: TimeZoneChoice = 'utc',
  show: 'datetime' | 'date' = 'datetime',
): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const style: Intl.DateTimeFormatOptions =
    show === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }
  if (zone === 'utc') {
    const text = new Intl.DateTimeFormat('en-GB', { ...style, timeZone: 'UTC' }).format(date)
    return show === 'date' ? text : `${text} UTC`
  }
  return new Intl.DateTimeFormat(zone.locale, { ...style, timeZone: zone.timeZone }).format(date)
}
