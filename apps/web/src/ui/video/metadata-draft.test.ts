import { describe, expect, it } from 'vitest'
import type { VideoMetadataResponseSchema } from '../../api/gen'
import { changesOf, draftOf, editsAfterSave, withEdits } from './metadata-draft'

const saved = { title: 'A Guide to Water', description: 'About water.', tags: ['water', 'cook'] }

describe('metadata draft', () => {
  it('starts from the metadata, with empty strings for nothing yet', () => {
    const metadata = {
      title: null,
      description: null,
      tags: ['a'],
    } as unknown as VideoMetadataResponseSchema
    expect(draftOf(metadata)).toEqual({ title: '', description: '', tags: ['a'] })
  })

  it('sends nothing when nothing changed', () => {
    expect(changesOf(withEdits(saved, {}), saved)).toEqual({})
    // Choosing the saved title again, or adding spaces around it, is no change.
    expect(changesOf(withEdits(saved, { title: '  A Guide to Water ' }), saved)).toEqual({})
  })

  it('sends only the fields that differ, the title stripped', () => {
    const draft = withEdits(saved, { title: ' Water Explained ', tags: ['water'] })
    expect(changesOf(draft, saved)).toEqual({ title: 'Water Explained', tags: ['water'] })
  })

  it('lets untouched fields follow the server', () => {
    // The editor appeared before the text was written (e.g. a live status update came
    // first); the description and tags arriving later must show and must not be sent.
    const early = { title: '', description: '', tags: [] }
    const edits = { title: 'My title' }
    expect(changesOf(withEdits(early, edits), early)).toEqual({ title: 'My title' })
    const later = { title: 'Generated', description: 'Generated text', tags: ['x'] }
    expect(withEdits(later, edits)).toEqual({
      title: 'My title',
      description: 'Generated text',
      tags: ['x'],
    })
    expect(changesOf(withEdits(later, edits), later)).toEqual({ title: 'My title' })
  })

  it('after a save keeps only what was typed meanwhile', () => {
    const sent = { title: 'New', description: 'Text' }
    expect(editsAfterSave({ title: 'New ', description: 'Text' }, sent)).toEqual({})
    expect(editsAfterSave({ title: 'Newer', description: 'Text' }, sent)).toEqual({
      title: 'Newer',
    })
    expect(editsAfterSave({ tags: ['a'] }, { tags: ['a'] })).toEqual({})
    expect(editsAfterSave({ tags: ['a', 'b'] }, { tags: ['a'] })).toEqual({ tags: ['a', 'b'] })
  })
})
