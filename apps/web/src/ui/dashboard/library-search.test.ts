import { describe, expect, it } from 'vitest'
import { countLabel, libraryQuery, librarySearch, PAGE_SIZE, pageCount } from './library-search'

describe('librarySearch', () => {
  it('accepts good values', () => {
    expect(librarySearch.parse({ page: 3, status: 'FAILED', q: ' interview ' })).toEqual({
      page: 3,
      status: 'FAILED',
      q: 'interview',
    })
  })

  it('drops bad values instead of failing the page', () => {
    expect(librarySearch.parse({ page: -2, status: 'BOGUS', q: '   ' })).toEqual({
      page: 1,
      status: undefined,
      q: undefined,
    })
    expect(librarySearch.parse({})).toEqual({ page: 1 })
  })

  it('takes a number as search text (the router parses ?q=2024 as JSON)', () => {
    expect(librarySearch.parse({ q: 2024 }).q).toBe('2024')
  })
})

describe('libraryQuery', () => {
  it('pages and filters the API query', () => {
    const [key] = libraryQuery({ page: 2, status: 'COMPLETED', q: 'cats' }).queryKey
    expect(key.query).toEqual({
      limit: PAGE_SIZE,
      offset: PAGE_SIZE,
      status: ['COMPLETED'],
      q: 'cats',
    })
    const [plain] = libraryQuery({ page: 1 }).queryKey
    expect(plain.query).toEqual({ limit: PAGE_SIZE, offset: 0 })
  })
})

describe('labels', () => {
  it('counts pages and videos', () => {
    expect(pageCount(0)).toBe(1)
    expect(pageCount(PAGE_SIZE)).toBe(1)
    expect(pageCount(PAGE_SIZE + 1)).toBe(2)
    expect(countLabel(1, false)).toBe('1 video')
    expect(countLabel(0, true)).toBe('0 videos match')
    expect(countLabel(1, true)).toBe('1 video matches')
  })
})
