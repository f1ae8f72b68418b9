import { describe, expect, it } from 'vitest'
import {
  hasUnfinished,
  nextToStart,
  type UploadItem,
  uploadFraction,
  uploadQueueReducer,
} from './upload-queue'

const added = uploadQueueReducer([], {
  type: 'add',
  items: [
    { id: 'a', name: 'a.mp4', size: 100 },
    { id: 'b', name: 'b.mov', size: 50 },
  ],
})

describe('uploadQueueReducer', () => {
  it('queues new files in order', () => {
    expect(added.map((item) => [item.id, item.phase, item.sent])).toEqual([
      ['a', 'queued', 0],
      ['b', 'queued', 0],
    ])
  })

  it('runs one upload through its phases', () => {
    let items = uploadQueueReducer(added, { type: 'start', id: 'a' })
    expect(items[0]?.phase).toBe('sending')
    items = uploadQueueReducer(items, { type: 'progress', id: 'a', sent: 40 })
    expect(items[0]?.sent).toBe(40)
    // Progress never goes back, and never past the file's size.
    expect(uploadQueueReducer(items, { type: 'progress', id: 'a', sent: 30 })).toBe(items)
    expect(uploadQueueReducer(items, { type: 'progress', id: 'a', sent: 500 })[0]?.sent).toBe(100)
    items = uploadQueueReducer(items, { type: 'sent', id: 'a' })
    expect(items[0]).toMatchObject({ phase: 'checking', sent: 100 })
    items = uploadQueueReducer(items, { type: 'remove', id: 'a' })
    expect(items.map((item) => item.id)).toEqual(['b'])
  })

  it('keeps the error of a failed upload', () => {
    const items = uploadQueueReducer(uploadQueueReducer(added, { type: 'start', id: 'a' }), {
      type: 'failed',
      id: 'a',
      error: 'This file is not a video Echo can read, or it is damaged.',
    })
    expect(items[0]).toMatchObject({
      phase: 'failed',
      error: expect.stringContaining('not a video'),
    })
  })

  it('ignores actions for items that are gone or in another phase', () => {
    expect(uploadQueueReducer(added, { type: 'remove', id: 'zzz' })).toBe(added)
    expect(uploadQueueReducer(added, { type: 'progress', id: 'a', sent: 10 })[0]?.sent).toBe(0)
    expect(uploadQueueReducer(added, { type: 'sent', id: 'a' })[0]?.phase).toBe('queued')
  })
})

describe('nextToStart', () => {
  it('starts the first queued upload when none is running', () => {
    expect(nextToStart(added)?.id).toBe('a')
    const running = uploadQueueReducer(added, { type: 'start', id: 'a' })
    expect(nextToStart(running)).toBeUndefined()
    const failed = uploadQueueReducer(running, { type: 'failed', id: 'a', error: 'x' })
    expect(nextToStart(failed)?.id).toBe('b')
    expect(nextToStart([])).toBeUndefined()
  })
})

describe('hasUnfinished / uploadFraction', () => {
  const item = (phase: UploadItem['phase'], sent = 0, size = 100): UploadItem => ({
    id: 'x',
    name: 'x',
    size,
    sent,
    phase,
  })

  it('warns before leaving only while something is still to upload', () => {
    expect(hasUnfinished([item('failed')])).toBe(false)
    expect(hasUnfinished([item('failed'), item('queued')])).toBe(true)
    expect(hasUnfinished([])).toBe(false)
  })

  it('is the share of the file sent', () => {
    expect(uploadFraction(item('sending', 25))).toBe(0.25)
    expect(uploadFraction(item('sending', 0, 0))).toBe(0)
  })
})
