import { describe, expect, it } from 'vitest'
import { job, stages } from '../../live/test-fixtures'
import {
  canRetry,
  formatElapsed,
  isActive,
  jobElapsed,
  jobName,
  jobProgress,
  ordinal,
  percent,
  queuePositions,
  stageElapsed,
  statusAnnouncement,
  statusLabel,
} from './job-view'

describe('labels', () => {
  it('words statuses', () => {
    expect(statusLabel('PROCESSING')).toBe('Processing')
    expect(statusLabel('CANCELED')).toBe('Canceled')
    expect(statusLabel(null)).toBe('No job')
  })

  it('knows which jobs can be retried or canceled', () => {
    expect(isActive('PENDING')).toBe(true)
    expect(isActive('PROCESSING')).toBe(true)
    expect(isActive('FAILED')).toBe(false)
    expect(canRetry('FAILED')).toBe(true)
    expect(canRetry('CANCELED')).toBe(true)
    expect(canRetry('COMPLETED')).toBe(false)
  })
})

describe('jobProgress', () => {
  it('is at the first stage before anything ran', () => {
    const progress = jobProgress(job())
    expect(progress.stage?.name).toBe('probe')
    expect(progress).toMatchObject({ step: 1, steps: 7, stageFraction: 0, overall: 0 })
  })

  it('is at the running stage, with the finished ones counted', () => {
    const progress = jobProgress(
      job({
        processing_stages: stages({
          probe: { status: 'COMPLETED', progress: 1 },
          extract_audio: { status: 'SKIPPED', progress: 1 },
          transcribe: { status: 'RUNNING', progress: 0.5 },
        }),
      }),
    )
    expect(progress.stage?.name).toBe('transcribe')
    expect(progress.step).toBe(3)
    expect(progress.stageFraction).toBe(0.5)
    expect(progress.overall).toBeCloseTo(2.5 / 7)
  })

  it('points at the failed stage', () => {
    const progress = jobProgress(
      job({
        processing_stages: stages({
          probe: { status: 'COMPLETED', progress: 1 },
          extract_audio: { status: 'FAILED', progress: 0.3 },
        }),
      }),
    )
    expect(progress.stage?.name).toBe('extract_audio')
  })

  it('is complete when every stage is done', () => {
    const all = stages()
    for (const stage of all) stage.status = 'COMPLETED'
    expect(jobProgress(job({ processing_stages: all }))).toMatchObject({
      stage: null,
      step: 7,
      overall: 1,
    })
  })

  it('copes with a job without stages', () => {
    expect(jobProgress(job({ processing_stages: [] }))).toMatchObject({ stage: null, steps: 0 })
  })
})

describe('percent', () => {
  it.each([
    [0, 0],
    [0.456, 46],
    [1, 100],
    [1.4, 100],
    [-1, 0],
    [Number.NaN, 0],
  ])('%o → %o', (fraction, expected) => {
    expect(percent(fraction)).toBe(expected)
  })
})

describe('queuePositions', () => {
  const pending = (id: string, created: string, priority = 0) =>
    job({ id, status: 'PENDING', created_at: created, priority })

  it('counts the oldest pending job as first in line', () => {
    const page = {
      // Newest first, as the API lists them; the running one has no position.
      items: [
        pending('c', '2026-03-04T10:03:00Z'),
        pending('b', '2026-03-04T10:02:00Z'),
        job({ id: 'running', status: 'PROCESSING', created_at: '2026-03-04T10:00:00Z' }),
        pending('a', '2026-03-04T10:01:00Z'),
      ],
      total: 4,
    }
    const positions = queuePositions(page)
    expect(Object.fromEntries(positions)).toEqual({ a: 1, b: 2, c: 3 })
  })

  it('puts higher priority first, as the workers do', () => {
    const positions = queuePositions({
      items: [
        pending('new-urgent', '2026-03-04T10:05:00Z', 5),
        pending('old', '2026-03-04T10:00:00Z'),
      ],
      total: 2,
    })
    expect(positions.get('new-urgent')).toBe(1)
    expect(positions.get('old')).toBe(2)
  })

  it('counts older jobs the page left out as ahead in line', () => {
    const positions = queuePositions({
      items: [pending('newest', '2026-03-04T10:05:00Z'), pending('next', '2026-03-04T10:04:00Z')],
      total: 5,
    })
    expect(positions.get('next')).toBe(4)
    expect(positions.get('newest')).toBe(5)
  })
})

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [102, '102nd'],
  ])('%o → %s', (n, expected) => {
    expect(ordinal(n)).toBe(expected)
  })
})

describe('formatElapsed', () => {
  it.each([
    [0.005, '<0.1 s'],
    [0.42, '0.4 s'],
    [9.99, '9.9 s'],
    [12.7, '12 s'],
    [65, '1 min 05 s'],
    [3599, '59 min 59 s'],
    [3725, '1 h 02 min'],
    [null, '—'],
    [-1, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('%o → %s', (seconds, expected) => {
    expect(formatElapsed(seconds)).toBe(expected)
  })
})

describe('stageElapsed / jobElapsed', () => {
  const now = Date.parse('2026-03-04T10:01:00Z')

  it('measures a finished stage from its times', () => {
    expect(
      stageElapsed(
        {
          status: 'COMPLETED',
          started_at: '2026-03-04T10:00:00Z',
          finished_at: '2026-03-04T10:00:04.5Z',
        },
        null,
      ),
    ).toBe(4.5)
  })

  it('measures a running stage up to now, once the page has a clock', () => {
    const running = {
      status: 'RUNNING' as const,
      started_at: '2026-03-04T10:00:30Z',
      finished_at: null,
    }
    expect(stageElapsed(running, now)).toBe(30)
    expect(stageElapsed(running, null)).toBeNull()
  })

  it('has nothing to say about a stage that never started', () => {
    expect(stageElapsed({ status: 'PENDING', started_at: null, finished_at: null }, now)).toBeNull()
  })

  it('measures the whole job', () => {
    expect(
      jobElapsed(
        {
          status: 'COMPLETED',
          started_at: '2026-03-04T10:00:00Z',
          finished_at: '2026-03-04T10:00:10Z',
        },
        now,
      ),
    ).toBe(10)
    expect(
      jobElapsed(
        { status: 'PROCESSING', started_at: '2026-03-04T10:00:00Z', finished_at: null },
        now,
      ),
    ).toBe(60)
    expect(jobElapsed({ status: 'PENDING', started_at: null, finished_at: null }, now)).toBeNull()
  })
})

describe('jobName', () => {
  it('prefers the title, else the filename', () => {
    expect(jobName(job({ title: 'Cooking pasta' }))).toBe('Cooking pasta')
    expect(jobName(job({ title: '  ' }))).toBe('talk.mp4')
    expect(jobName(job())).toBe('talk.mp4')
  })
})

describe('statusAnnouncement', () => {
  it('names the status and the stage, and does not change with progress', () => {
    const running = job({
      status: 'PROCESSING',
      processing_stages: stages({
        probe: { status: 'COMPLETED', progress: 1 },
        extract_audio: { status: 'RUNNING', progress: 0.2 },
      }),
    })
    expect(statusAnnouncement(running)).toBe('Processing: Stage extract_audio, step 2 of 7.')
    const further = {
      ...running,
      processing_stages: stages({
        probe: { status: 'COMPLETED', progress: 1 },
        extract_audio: { status: 'RUNNING', progress: 0.9 },
      }),
    }
    expect(statusAnnouncement(further)).toBe(statusAnnouncement(running))
    expect(statusAnnouncement(job({ status: 'CANCELED' }))).toBe('Processing was canceled.')
    expect(statusAnnouncement(job({ status: 'COMPLETED' }))).toBe('Processing finished.')
  })
})
