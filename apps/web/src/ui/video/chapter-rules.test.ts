import { describe, expect, it } from 'vitest'
import { addChapterAt, chapterProblems, parseTimestamp } from './chapter-rules'

const good = [
  { start_seconds: 0, title: 'Intro' },
  { start_seconds: 21, title: 'Stars' },
  { start_seconds: 43, title: 'Mulch' },
]

describe('chapterProblems', () => {
  it('accepts what YouTube accepts', () => {
    expect(chapterProblems(good, 80)).toEqual([])
    expect(chapterProblems([], 80)).toEqual([])
  })

  it('names each broken rule and the chapter it is about', () => {
    expect(
      chapterProblems([{ start_seconds: 5, title: 'A' }, ...good.slice(1)], 80),
    ).toContainEqual({ index: 0, message: 'The first chapter must start at 0:00.' })
    expect(chapterProblems(good.slice(0, 2), 80)).toContainEqual({
      index: null,
      message: 'YouTube needs at least 3 chapters.',
    })
    expect(chapterProblems([...good, { start_seconds: 75, title: 'End' }], 80)).toContainEqual({
      index: 3,
      message: 'Each chapter must last at least 10 seconds.',
    })
    expect(
      chapterProblems(
        [good[0], good[2], { start_seconds: 30, title: 'Back' }].flatMap((c) => (c ? [c] : [])),
        80,
      ),
    ).toContainEqual({ index: 2, message: 'Chapters must be in order of time.' })
    expect(
      chapterProblems(
        [good[0], { start_seconds: 21, title: ' ' }, good[2]].flatMap((c) => (c ? [c] : [])),
        80,
      ),
    ).toContainEqual({
      index: 1,
      message: 'Give this chapter a title.',
    })
  })
})

describe('parseTimestamp', () => {
  it('reads m:ss and h:mm:ss, nothing else', () => {
    expect(parseTimestamp('1:05')).toBe(65)
    expect(parseTimestamp('0:00')).toBe(0)
    expect(parseTimestamp('1:02:05')).toBe(3725)
    expect(parseTimestamp('1:75')).toBeNull()
    expect(parseTimestamp('abc')).toBeNull()
  })
})

describe('addChapterAt', () => {
  it("puts a chapter at the player's whole second, in time order", () => {
    const { chapters, index } = addChapterAt(good, 30.7, 'New')
    expect(index).toBe(2)
    expect(chapters.map((c) => c.start_seconds)).toEqual([0, 21, 30, 43])
  })
})
