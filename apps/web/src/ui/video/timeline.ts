// Pure helpers for the player's timeline, the chapter list and the transcript.

/** YouTube's chapter stamp (whole seconds, rounded down): 0:00, 4:05, 1:02:03. */
export function formatTimestamp(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** A spoken form of a timestamp for screen readers: "1 minute 5 seconds". */
export function spokenTimestamp(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  const parts: string[] = []
  if (h) parts.push(`${h} ${h === 1 ? 'hour' : 'hours'}`)
  if (m) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`)
  if (s || parts.length === 0) parts.push(`${s} ${s === 1 ? 'second' : 'seconds'}`)
  return parts.join(' ')
}

/**
 * The index of the last item starting at or before `time` (items sorted by start), or -1
 * before the first one. A pause between two segments keeps the earlier one current.
 */
export function currentIndex<T>(items: readonly T[], time: number, start: (item: T) => number) {
  let low = 0
  let high = items.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    const item = items[middle] as T
    if (start(item) <= time) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}

export interface ChapterSpan {
  index: number
  title: string
  start: number
  end: number
  /** Share of the whole video, 0..1. */
  share: number
}

/**
 * Chapters as spans of the video, for a chapter strip: each ends where the next starts
 * and the last at the video's end. Without a known duration there is no strip.
 */
export function chapterSpans(
  chapters: readonly { start_seconds: number; title: string }[],
  duration: number | null | undefined,
): ChapterSpan[] {
  if (!duration || !Number.isFinite(duration) || duration <= 0) return []
  return chapters
    .map((chapter, index) => {
      const start = Math.min(Math.max(chapter.start_seconds, 0), duration)
      const next = chapters[index + 1]
      const end = next ? Math.min(Math.max(next.start_seconds, start), duration) : duration
      return { index, title: chapter.title, start, end, share: (end - start) / duration }
    })
    .filter((span) => span.end > span.start)
}

/** A piece of text, marked when it matches the search. */
export interface TextPart {
  text: string
  match: boolean
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A case-insensitive matcher for what the person typed (trimmed), or null for nothing. */
export function searchPattern(query: string): RegExp | null {
  const needle = query.trim()
  if (!needle) return null
  return new RegExp(escapeRegExp(needle), 'giu')
}

/** `text` cut into matching and non-matching parts (one part when nothing matches). */
export function highlightParts(text: string, pattern: RegExp | null): TextPart[] {
  if (!pattern) return [{ text, match: false }]
  const parts: TextPart[] = []
  let last = 0
  for (const found of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
    const at = found.index ?? 0
    if (at > last) parts.push({ text: text.slice(last, at), match: false })
    parts.push({ text: found[0], match: true })
    last = at + found[0].length
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last), match: false })
  return parts
}

/** How many times the pattern occurs in `text`. */
export function countMatches(text: string, pattern: RegExp | null): number {
  if (!pattern) return 0
  let count = 0
  for (const _ of text.matchAll(new RegExp(pattern.source, pattern.flags))) count++
  return count
}
