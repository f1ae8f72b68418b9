// YouTube's limits on titles, descriptions and tags, counted exactly as the backend counts
// them (apps/core/src/echo_core/youtube_rules.py), so the live counters and the API agree:
//
// - lengths are Python's `len()`: Unicode code points, not UTF-16 units ("🎬" is 1);
// - the description is measured in UTF-8 bytes ("é" is 2, "🎬" is 4);
// - "blank" and "strip" use Python's idea of whitespace (`str.isspace`), which differs from
//   JavaScript's `trim()` (Python also strips U+001C–U+001F and U+0085, not U+FEFF).
//
// Each `...Problem` function returns the backend's sentence, or null when the value is fine.

export const MAX_TITLE_CHARS = 100
export const MAX_DESCRIPTION_BYTES = 5000
export const MAX_TAGS_CHARS = 500
export const FORBIDDEN_CHARACTERS = ['<', '>'] as const

// Python's str.isspace(): bidi classes WS, B, S and category Zs.
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`)
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`)

/** Python's `str.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '')
}

/** Python's `len()`: code points. */
export function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

const encoder = new TextEncoder()

/** Bytes in UTF-8, as `len(text.encode("utf-8"))`. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length
}

function hasForbidden(text: string): boolean {
  return FORBIDDEN_CHARACTERS.some((character) => text.includes(character))
}

export function titleLength(title: string): number {
  return codePointLength(title)
}

export function titleProblem(title: string): string | null {
  if (!pyStrip(title)) return 'Title must not be empty.'
  const length = titleLength(title)
  if (length > MAX_TITLE_CHARS)
    return `Title must be at most ${MAX_TITLE_CHARS} characters (it has ${length}).`
  if (hasForbidden(title)) return 'Title must not contain < or >.'
  return null
}

export function descriptionLength(description: string): number {
  return utf8Length(description)
}

export function descriptionProblem(description: string): string | null {
  const size = descriptionLength(description)
  if (size > MAX_DESCRIPTION_BYTES)
    return `Description must be at most ${MAX_DESCRIPTION_BYTES} bytes (it has ${size}).`
  if (hasForbidden(description)) return 'Description must not contain < or >.'
  return null
}

/** Length as YouTube counts it: tags joined by commas, a tag with spaces quoted. */
export function tagsLength(tags: readonly string[]): number {
  const quoted = tags.reduce(
    (sum, tag) => sum + codePointLength(tag) + (tag.includes(' ') ? 2 : 0),
    0,
  )
  return quoted + Math.max(tags.length - 1, 0)
}

/** The backend strips each tag, then checks the list (the API saves the stripped tags). */
export function tagsProblem(tags: readonly string[]): string | null {
  const cleaned = tags.map(pyStrip)
  if (cleaned.some((tag) => !tag)) return 'Tags must not be empty.'
  if (cleaned.some((tag) => hasForbidden(tag) || tag.includes(',')))
    return 'Tags must not contain <, > or commas.'
  const total = tagsLength(cleaned)
  if (total > MAX_TAGS_CHARS)
    return `Tags must be at most ${MAX_TAGS_CHARS} characters in all (they have ${total}).`
  return null
}

/**
 * What typing or pasting into the tag field adds: split on commas (and new lines), each
 * piece stripped, `<` and `>` and double quotes removed (YouTube would reject or add them),
 * empty pieces and tags already present (case-insensitively) dropped.
 */
export function parseTagInput(text: string, existing: readonly string[] = []): string[] {
  const seen = new Set(existing.map((tag) => tag.toLowerCase()))
  const added: string[] = []
  for (const piece of text.split(/[,\n\r]/)) {
    const tag = pyStrip(piece.replace(/[<>"]/g, ''))
    const key = tag.toLowerCase()
    if (!tag || seen.has(key)) continue
    seen.add(key)
    added.push(tag)
  }
  return added
}

/** A counter's state: fine, close to the limit (≥ 90 %), or over it. */
export type LimitLevel = 'ok' | 'near' | 'over'

export function limitLevel(used: number, limit: number): LimitLevel {
  if (used > limit) return 'over'
  if (used >= limit * 0.9) return 'near'
  return 'ok'
}
