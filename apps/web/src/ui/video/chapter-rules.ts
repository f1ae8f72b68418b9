// YouTube's chapter rules, checked while the creator edits (the API checks them again):
// the first at 0:00, at least three, each at least 10 seconds long, in order, inside the
// video, each with a title.
import type { ChapterSchema } from '../../api/gen'

export const MIN_CHAPTERS = 3
export const MIN_CHAPTER_SECONDS = 10

export interface ChapterProblem {
  /** The chapter the problem is about, or null for the list as a whole. */
  index: number | null
  message: string
}

export function chapterProblems(
  chapters: readonly ChapterSchema[],
  duration: number | null,
): ChapterProblem[] {
  if (chapters.length === 0) return []
  const problems: ChapterProblem[] = []
  if (chapters[0] && chapters[0].start_seconds !== 0) {
    problems.push({ index: 0, message: 'The first chapter must start at 0:00.' })
  }
  if (chapters.length < MIN_CHAPTERS) {
    problems.push({ index: null, message: `YouTube needs at least ${MIN_CHAPTERS} chapters.` })
  }
  chapters.forEach((chapter, index) => {
    if (!chapter.title.trim()) problems.push({ index, message: 'Give this chapter a title.' })
    const next = chapters[index + 1]
    const end = next ? next.start_seconds : duration
    if (next && next.start_seconds <= chapter.start_seconds) {
      problems.push({ index: index + 1, message: 'Chapters must be in order of time.' })
    } else if (end != null && end - chapter.start_seconds < MIN_CHAPTER_SECONDS) {
      problems.push({
        index,
        message: `Each chapter must last at least ${MIN_CHAPTER_SECONDS} seconds.`,
      })
    }
  })
  return problems
}

/** "1:05" or "1:02:05" → seconds; null for anything else. */
export function parseTimestamp(text: string): number | null {
  const match = /^\s*(?:(\d+):)?(\d{1,2}):(\d{2})\s*$/.exec(text)
  if (!match) return null
  const [, h, m, s] = match
  if (Number(s) > 59 || (h !== undefined && Number(m) > 59)) return null
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s)
}

/** A chapter at `seconds` (whole seconds, as YouTube reads them), kept in time order. */
export function addChapterAt(
  chapters: readonly ChapterSchema[],
  seconds: number,
  title: string,
): { chapters: ChapterSchema[]; index: number } {
  const start = Math.max(0, Math.floor(seconds))
  const index = chapters.filter((chapter) => chapter.start_seconds <= start).length
  const added = { start_seconds: start, title }
  return { chapters: [...chapters.slice(0, index), added, ...chapters.slice(index)], index }
}
