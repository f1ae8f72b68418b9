import { describe, expect, it } from 'vitest'
import {
  type EditLine,
  mergeWithNext,
  replaceEverywhere,
  setLineText,
  splitLine,
} from './transcript-edits'

const lines: EditLine[] = [
  { id: 'a', start: 0, end: 4, text: 'Jupyter is bright tonight.' },
  { id: 'b', start: 4, end: 10, text: 'You can see jupyter without a telescope.' },
  { id: 'c', start: 10, end: 12, text: 'Stars too.' },
]

describe('replaceEverywhere', () => {
  it('fixes a misheard word in every line, keeping a capital where the match had one', () => {
    const { lines: fixed, count } = replaceEverywhere(lines, 'jupyter', 'jupiter')
    expect(count).toBe(2)
    expect(fixed.map((line) => line.text)).toEqual([
      'Jupiter is bright tonight.',
      'You can see jupiter without a telescope.',
      'Stars too.',
    ])
    // Untouched lines are the same objects, ids and times kept.
    expect(fixed[2]).toBe(lines[2])
    expect(fixed[0]).toMatchObject({ id: 'a', start: 0, end: 4 })
  })

  it('takes the search literally and replaces nothing for an empty search', () => {
    const dotted = [{ id: 'x', start: 0, end: 1, text: 'a.b axb' }]
    expect(replaceEverywhere(dotted, 'a.b', 'c').lines[0]?.text).toBe('c axb')
    expect(replaceEverywhere(lines, '  ', 'x').count).toBe(0)
  })
})

describe('splitLine and mergeWithNext', () => {
  it('splits at the cursor, sharing the time by length; the new half has no id', () => {
    const split = splitLine(lines, 2, 6)
    expect(split).toHaveLength(4)
    expect(split[2]).toEqual({ id: 'c', start: 10, end: 11.111, text: 'Stars' })
    expect(split[3]).toEqual({ id: null, start: 11.111, end: 12, text: 'too.' })
    expect(splitLine(lines, 2, 0)).toEqual(lines)
  })

  it('merges a line with the next, from the first start to the second end', () => {
    const merged = mergeWithNext(lines, 1)
    expect(merged).toHaveLength(2)
    expect(merged[1]).toEqual({
      id: 'b',
      start: 4,
      end: 12,
      text: 'You can see jupyter without a telescope. Stars too.',
    })
    expect(mergeWithNext(lines, 2)).toEqual(lines)
  })

  it('edits one line only', () => {
    expect(setLineText(lines, 0, 'Hi.').map((line) => line.text)[0]).toBe('Hi.')
    expect(setLineText(lines, 0, 'Hi.')[1]).toBe(lines[1])
  })
})
