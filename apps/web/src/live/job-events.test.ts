import { describe, expect, it } from 'vitest'
import type { VideoDetailSchema } from '../api/gen'
import {
  classifyJobEvent,
  mergeJobEvent,
  mergeJobEventIntoJobsPage,
  mergeJobEventIntoVideoDetail,
  mergeJobEventIntoVideosPage,
  parseServerMessage,
} from './job-events'
import { event, job, stages, video } from './test-fixtures'

describe('parseServerMessage', () => {
  it('reads the ready message', () => {
    expect(parseServerMessage('{"type":"ready","user_id":"u1"}')).toEqual({
      type: 'ready',
      user_id: 'u1',
    })
  })

  it('reads a job event as the server sends it', () => {
    const raw = JSON.stringify({
      type: 'job',
      job_id: 'j',
      video_id: 'v',
      status: 'PROCESSING',
      stage: 'transcribe',
      stage_status: 'RUNNING',
      progress: 0.42,
      detail: 'pocketsphinx: 120 words',
    })
    expect(parseServerMessage(raw)).toEqual({
      type: 'job',
      job_id: 'j',
      video_id: 'v',
      status: 'PROCESSING',
      stage: 'transcribe',
      stage_status: 'RUNNING',
      progress: 0.42,
      detail: 'pocketsphinx: 120 words',
    })
  })

  it('fills the optional fields of a status-only event with null', () => {
    expect(
      parseServerMessage({ type: 'job', job_id: 'j', video_id: 'v', status: 'COMPLETED' }),
    ).toEqual({
      type: 'job',
      job_id: 'j',
      video_id: 'v',
      status: 'COMPLETED',
      stage: null,
      stage_status: null,
      progress: null,
      detail: null,
    })
  })

  it.each([
    ['not json', '{nope'],
    ['not an object', '[1,2]'],
    ['an unknown type', '{"type":"hello"}'],
    ['a ready message without user', '{"type":"ready"}'],
    ['an unknown job status', '{"type":"job","job_id":"j","video_id":"v","status":"DONE"}'],
    ['a missing job id', '{"type":"job","video_id":"v","status":"PENDING"}'],
    [
      'an unknown stage status',
      '{"type":"job","job_id":"j","video_id":"v","status":"PROCESSING","stage_status":"X"}',
    ],
    [
      'progress outside 0..1',
      '{"type":"job","job_id":"j","video_id":"v","status":"PROCESSING","progress":1.5}',
    ],
  ])('ignores %s', (_what, raw) => {
    expect(parseServerMessage(raw)).toBeNull()
  })
})

describe('mergeJobEvent', () => {
  const running = job({
    status: 'PROCESSING',
    processing_stages: stages({
      probe: { status: 'COMPLETED', progress: 1 },
      extract_audio: { status: 'COMPLETED', progress: 1 },
      transcribe: { status: 'RUNNING', progress: 0.1, started_at: '2026-03-04T10:00:05Z' },
    }),
  })

  it('moves the stage progress and detail', () => {
    const merged = mergeJobEvent(
      running,
      event({ stage: 'transcribe', stage_status: 'RUNNING', progress: 0.5, detail: '80 words' }),
    )
    const transcribe = merged.processing_stages[2]
    expect(transcribe).toMatchObject({ status: 'RUNNING', progress: 0.5, detail: '80 words' })
    // What the event does not carry is kept.
    expect(transcribe?.started_at).toBe('2026-03-04T10:00:05Z')
    // Nothing is mutated; other stages are the same objects.
    expect(running.processing_stages[2]?.progress).toBe(0.1)
    expect(merged.processing_stages[0]).toBe(running.processing_stages[0])
  })

  it('finishes a stage and takes the job status', () => {
    const merged = mergeJobEvent(
      running,
      event({ stage: 'transcribe', stage_status: 'COMPLETED', progress: 1, detail: '231 words' }),
    )
    expect(merged.processing_stages[2]).toMatchObject({ status: 'COMPLETED', progress: 1 })
    const done = mergeJobEvent(merged, event({ status: 'COMPLETED' }))
    expect(done.status).toBe('COMPLETED')
    expect(done.processing_stages).toBe(merged.processing_stages)
  })

  it('returns the same object when nothing changes', () => {
    const same = event({ stage: 'transcribe', stage_status: 'RUNNING', progress: 0.1 })
    expect(mergeJobEvent(running, same)).toBe(running)
    expect(mergeJobEvent(running, event({ job_id: 'other' }))).toBe(running)
    expect(mergeJobEvent(running, event({ stage: 'no_such_stage', progress: 0.3 }))).toBe(running)
  })

  it('never reopens a stage the REST answer shows finished', () => {
    const late = event({ stage: 'probe', stage_status: 'RUNNING', progress: 0.3 })
    expect(mergeJobEvent(running, late)).toBe(running)
  })

  it('lets a failed stage run again (the next attempt)', () => {
    const failed = job({
      status: 'PENDING',
      processing_stages: stages({ probe: { status: 'FAILED', detail: 'boom' } }),
    })
    const merged = mergeJobEvent(
      failed,
      event({ stage: 'probe', stage_status: 'RUNNING', progress: 0, detail: null }),
    )
    expect(merged.status).toBe('PROCESSING')
    expect(merged.processing_stages[0]).toMatchObject({ status: 'RUNNING', detail: null })
  })
})

describe('page merges', () => {
  const progress = event({ stage: 'probe', stage_status: 'RUNNING', progress: 0.5 })

  it('updates the job in a jobs page and keeps the page otherwise', () => {
    const page = { items: [job(), job({ id: 'job-2' })], total: 2, limit: 100, offset: 0 }
    const merged = mergeJobEventIntoJobsPage(page, progress)
    expect(merged).not.toBe(page)
    expect(merged.items[0]?.processing_stages[0]?.progress).toBe(0.5)
    expect(merged.items[1]).toBe(page.items[1])
    expect(mergeJobEventIntoJobsPage(page, event({ job_id: 'job-9' }))).toBe(page)
  })

  it("updates a library card's status when the event is about its latest job", () => {
    const page = {
      items: [video(), video({ id: 'video-2', latest_job_id: 'job-2' })],
      total: 2,
      limit: 12,
      offset: 0,
    }
    const merged = mergeJobEventIntoVideosPage(page, event({ status: 'COMPLETED' }))
    expect(merged.items[0]?.status).toBe('COMPLETED')
    expect(merged.items[1]).toBe(page.items[1])
    expect(mergeJobEventIntoVideosPage(page, event({ status: 'PENDING' }))).toBe(page)
  })

  it("updates a video's latest job", () => {
    const detail = { id: 'video-1', latest_job: job() } as unknown as VideoDetailSchema
    const merged = mergeJobEventIntoVideoDetail(detail, progress)
    expect(merged.latest_job?.status).toBe('PROCESSING')
    expect(merged.latest_job?.processing_stages[0]?.progress).toBe(0.5)
    expect(mergeJobEventIntoVideoDetail(detail, event({ job_id: 'old-job' }))).toBe(detail)
  })
})

describe('classifyJobEvent', () => {
  const cached = job({
    status: 'PROCESSING',
    processing_stages: stages({ probe: { status: 'RUNNING', progress: 0.2 } }),
  })

  it('is unknown for a job we have not seen', () => {
    expect(classifyJobEvent(undefined, event())).toBe('unknown')
  })

  it('is status when the job status changes', () => {
    expect(classifyJobEvent(cached, event({ status: 'FAILED' }))).toBe('status')
  })

  it('is stage when a stage starts or ends', () => {
    expect(
      classifyJobEvent(cached, event({ stage: 'probe', stage_status: 'COMPLETED', progress: 1 })),
    ).toBe('stage')
    expect(
      classifyJobEvent(cached, event({ stage: 'extract_audio', stage_status: 'RUNNING' })),
    ).toBe('stage')
  })

  it('is progress when only progress moves', () => {
    expect(
      classifyJobEvent(cached, event({ stage: 'probe', stage_status: 'RUNNING', progress: 0.9 })),
    ).toBe('progress')
    expect(classifyJobEvent(cached, event())).toBe('progress')
  })
})
