import { describe, expect, it } from 'vitest'
import { compareWithEdited } from './transcript-compare'

describe('compareWithEdited', () => {
  it('marks the recognized lines the creator changed, whatever the spacing or case', () => {
    const recognized = [
      { start: 0, text: 'To cook pasta well start' },
      { start: 4, text: 'with the large pot of water' },
      { start: 9, text: 'it was seized mcdonalds' },
    ]
    const edited = [
      { text: 'to cook  pasta well start' },
      { text: 'with the large pot of water' },
      { text: "It was Sid McDonald's" },
    ]

    expect(compareWithEdited(recognized, edited).map((line) => line.changed)).toEqual([
      false,
      false,
      true,
    ])
  })

  it('keeps the recognized times and words', () => {
    expect(compareWithEdited([{ start: 2.5, text: 'hello' }], [])).toEqual([
      { start: 2.5, text: 'hello', changed: true },
    ])
  })
})
