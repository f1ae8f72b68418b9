// The transcript editor's changes, as pure functions over the lines it holds: edit one
// line, split a line where the cursor is, merge a line with the next, and replace a word
// everywhere. Each returns new lines (the old ones are kept for undo); the API then times
// the words (unchanged words keep their timings).
import type { SegmentEditSchema } from '../../api/gen'
import { searchPattern } from './timeline'

export type EditLine = SegmentEditSchema

/** Lines as the API answered them, ready to edit and send back. */
export function editLines(
  segments: readonly { id: string; start: number; end: number; text: string }[],
): EditLine[] {
  return segments.map(({ id, start, end, text }) => ({ id, start, end, text }))
}

export function setLineText(lines: readonly EditLine[], index: number, text: string): EditLine[] {
  return lines.map((line, at) => (at === index ? { ...line, text } : line))
}

/**
 * Cut line `index` at character `at` of its text: the time is shared by the length of
 * each half (speech runs at about the same pace through a line). The second half is a new
 * line (id null). Nothing happens when either half would be empty.
 */
export function splitLine(lines: readonly EditLine[], index: number, at: number): EditLine[] {
  const line = lines[index]
  if (!line) return [...lines]
  const first = line.text.slice(0, at).trim()
  const second = line.text.slice(at).trim()
  if (!first || !second) return [...lines]
  const share = first.length / (first.length + second.length)
  const cut = roundMs(line.start + (line.end - line.start) * share)
  return [
    ...lines.slice(0, index),
    { ...line, end: cut, text: first },
    { id: null, start: cut, end: line.end, text: second },
    ...lines.slice(index + 1),
  ]
}

/** Join line `index` with the one after it: one line from the first's start to the second's end. */
export function mergeWithNext(lines: readonly EditLine[], index: number): EditLine[] {
  const line = lines[index]
  const next = lines[index + 1]
  if (!line || !next) return [...lines]
  const merged = { ...line, end: next.end, text: `${line.text.trim()} ${next.text.trim()}`.trim() }
  return [...lines.slice(0, index), merged, ...lines.slice(index + 2)]
}

/**
 * Replace every occurrence of `find` (case-insensitive, taken literally) in every line.
 * A match that starts with a capital gets a capitalised replacement, so fixing "jupyter"
 * to "Jupiter" and "Jupyter" at a sentence start both read right.
 */
export function replaceEverywhere(
  lines: readonly EditLine[],
  find: string,
  replacement: string,
): { lines: EditLine[]; count: number } {
  const pattern = searchPattern(find)
  if (!pattern) return { lines: [...lines], count: 0 }
  let count = 0
  const replaced = lines.map((line) => {
    const text = line.text.replace(pattern, (match) => {
      count++
      return matchCase(match, replacement)
    })
    return text === line.text ? line : { ...line, text }
  })
  return { lines: replaced, count }
}

function matchCase(match: string, replacement: string): string {
  const first = match.charAt(0)
  const startsUpper = first !== first.toLowerCase() && first === first.toUpperCase()
  if (!startsUpper || !replacement) return replacement
  return replacement.charAt(0).toUpperCase() + replacement.slice(1)
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000
}

/** Words the recognizer was unsure of (below this probability) are marked for a look. */
export const LOW_CONFIDENCE = 0.5
