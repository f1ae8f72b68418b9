import { describe, expect, it } from 'vitest'
import { videoSearch } from './start-at'

describe('videoSearch', () => {
  it('takes a time in seconds, as a number or a string', () => {
    expect(videoSearch.parse({ t: 75.5 })).toEqual({ t: 75.5 })
    expect(videoSearch.parse({ t: '12' })).toEqual({ t: 12 })
    expect(videoSearch.parse({})).toEqual({ t: undefined })
  })

  it('drops a time that is no time instead of failing the page', () => {
    for (const t of ['abc', '', -3, 'Infinity', null, { seconds: 3 }]) {
      expect(videoSearch.parse({ t })).toEqual({ t: undefined })
    }
  })
})
