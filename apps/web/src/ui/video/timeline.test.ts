import { describe, expect, it } from 'vitest'
import {
  chapterSpans,
  countMatches,
  currentIndex,
  formatTimestamp,
  highlightParts,
  searchPattern,
  spokenTimestamp,
} from './timeline'

describe('formatTimestamp', () => {
  it.each([
    [0, '0:00'],
    [59.9, '0:59'],
    [63, '1:03'],
    [245, '4:05'],
    [3723, '1:02:03'],
    [-3, '0:00'],
    [Number.NaN, '0:00'],
  ])('%o → %s', (seconds, expected) => {
    expect(formatTimestamp(seconds)).toBe(expected)
  })
})

describe('spokenTimestamp', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [65, '1 minute 5 seconds'],
    [120, '2 minutes'],
    [3661, '1 hour 1 minute 1 second'],
  ])('%o → %s', (seconds, expected) => {
    expect(spokenTimestamp(seconds)).toBe(expected)
  })
})

describe('currentIndex', () => {
  const starts = [0, 21, 43, 63]
  const at = (time: number) => currentIndex(starts, time, (start) => start)

  it('finds the last item starting at or before the time', () => {
    expect(at(0)).toBe(0)
    expect(at(20.99)).toBe(0)
    expect(at(21)).toBe(1)
    expect(at(50)).toBe(2)
    expect(at(1000)).toBe(3)
  })

  it('is -1 before the first item and for no items', () => {
    expect(currentIndex([1.16, 4.31], 0.5, (start) => start)).toBe(-1)
    expect(currentIndex([], 10, (start: number) => start)).toBe(-1)
  })
})

describe('chapterSpans', () => {
  const chapters = [
    { start_seconds: 0, title: 'Cooking' },
    { start_seconds: 20, title: 'Stars' },
    { start_seconds: 60, title: 'Tyres' },
  ]

  it('runs each chapter to the next one and the last to the end', () => {
    expect(chapterSpans(chapters, 80)).toEqual([
      { index: 0, title: 'Cooking', start: 0, end: 20, share: 0.25 },
      { index: 1, title: 'Stars', start: 20, end: 60, share: 0.5 },
      { index: 2, title: 'Tyres', start: 60, end: 80, share: 0.25 },
    ])
  })

  it('needs a duration', () => {
    expect(chapterSpans(chapters, null)).toEqual([])
    expect(chapterSpans(chapters, 0)).toEqual([])
  })

  it('drops chapters past the end', () => {
    expect(chapterSpans(chapters, 50).map((span) => span.title)).toEqual(['Cooking', 'Stars'])
  })
})

describe('search', () => {
  it('ignores an empty query', () => {
    expect(searchPattern('   ')).toBeNull()
    expect(highlightParts('some text', null)).toEqual([{ text: 'some text', match: false }])
    expect(countMatches('some text', null)).toBe(0)
  })

  it('marks every match, case-insensitively', () => {
    const pattern = searchPattern('Water')
    expect(highlightParts('water the water', pattern)).toEqual([
      { text: 'water', match: true },
      { text: ' the ', match: false },
      { text: 'water', match: true },
    ])
    expect(countMatches('Water, WATER, water', pattern)).toBe(3)
  })

  it('treats the query as text, not a pattern', () => {
    const pattern = searchPattern('a.b (c)')
    expect(countMatches('axb (c) a.b (c)', pattern)).toBe(1)
    expect(highlightParts('x [y]', searchPattern('[y]'))).toEqual([
      { text: 'x ', match: false },
      { text: '[y]', match: true },
    ])
  })

  it('keeps text without a match whole', () => {
    expect(highlightParts('nothing here', searchPattern('zebra'))).toEqual([
      { text: 'nothing here', match: false },
    ])
  })

  it('matches beyond ASCII', () => {
    expect(countMatches('Crème brûlée, CRÈME', searchPattern('crème'))).toBe(2)
  })
})
