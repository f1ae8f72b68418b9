import { describe, expect, it } from 'vitest'
import { momentsLabel, SPOKEN_PAGE_SIZE, spokenMatchesQuery } from './spoken-search'

const page = (offset: number, count: number, total: number) => ({
  items: Array.from({ length: count }, (_, index) => ({
    video_id: 'v',
    title: 'Talk',
    start: offset + index,
    end: offset + index + 1,
    snippet: [{ text: 'word', match: true }],
  })),
  total,
  limit: SPOKEN_PAGE_SIZE,
  offset,
})

describe('spokenMatchesQuery', () => {
  it('asks for the next page until every match is shown', () => {
    const { getNextPageParam } = spokenMatchesQuery('pasta')
    expect(getNextPageParam(page(0, SPOKEN_PAGE_SIZE, 14))).toBe(SPOKEN_PAGE_SIZE)
    expect(getNextPageParam(page(12, 2, 14))).toBeUndefined()
    expect(getNextPageParam(page(0, 0, 0))).toBeUndefined()
  })
})

describe('momentsLabel', () => {
  it('counts moments', () => {
    expect(momentsLabel(1)).toBe('1 moment')
    expect(momentsLabel(0)).toBe('0 moments')
    expect(momentsLabel(12)).toBe('12 moments')
  })
})
