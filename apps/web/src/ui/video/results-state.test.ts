import { describe, expect, it } from 'vitest'
import { missingResultNote, resultsState } from './results-state'

const notes = { coming: 'Chapters appear here soon.', absent: 'Too few topics.' }

describe('missingResultNote', () => {
  it('says a canceled or failed job stopped, never that the video had nothing', () => {
    const canceled = missingResultNote(resultsState('CANCELED'), notes)
    expect(canceled).toMatch(/canceled/)
    expect(canceled).not.toBe(notes.absent)
    expect(missingResultNote(resultsState('FAILED'), notes)).toMatch(/failed/)
  })

  it('says what is coming while the job runs, and what is absent once it is done', () => {
    expect(missingResultNote(resultsState('PENDING'), notes)).toBe(notes.coming)
    expect(missingResultNote(resultsState('PROCESSING'), notes)).toBe(notes.coming)
    expect(missingResultNote(resultsState('COMPLETED'), notes)).toBe(notes.absent)
    expect(missingResultNote(resultsState(null), notes)).toMatch(/not been processed/)
  })
})
