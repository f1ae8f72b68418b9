import { describe, expect, it } from 'vitest'
import { job } from '../../live/test-fixtures'
import { activeJobsQuery, FAILED_JOBS_SHOWN_FOR_MS, processingListJobs } from './queries'

const now = Date.parse('2026-03-05T12:00:00Z')

describe('activeJobsQuery', () => {
  it('asks for pending and running jobs', () => {
    const [key] = activeJobsQuery().queryKey
    expect(key.query).toEqual({ status: ['PENDING', 'PROCESSING'], limit: 100 })
  })
})

describe('processingListJobs', () => {
  it('shows running jobs, then waiting ones in queue order, then recent failures', () => {
    const active = [
      job({ id: 'waiting-new', status: 'PENDING', created_at: '2026-03-05T11:59:00Z' }),
      job({
        id: 'running',
        video_id: 'v2',
        status: 'PROCESSING',
        created_at: '2026-03-05T11:00:00Z',
      }),
      job({
        id: 'waiting-old',
        video_id: 'v3',
        status: 'PENDING',
        created_at: '2026-03-05T11:30:00Z',
      }),
    ]
    const failed = [
      job({
        id: 'failed-recent',
        video_id: 'v4',
        status: 'FAILED',
        finished_at: '2026-03-05T10:00:00Z',
      }),
    ]
    expect(processingListJobs(active, failed, now).map((j) => j.id)).toEqual([
      'running',
      'waiting-old',
      'waiting-new',
      'failed-recent',
    ])
  })

  it('leaves out old failures and failures whose video is being processed again', () => {
    const old = new Date(now - FAILED_JOBS_SHOWN_FOR_MS - 1000).toISOString()
    const failed = [
      job({ id: 'failed-old', video_id: 'v1', status: 'FAILED', finished_at: old }),
      job({
        id: 'failed-requeued',
        video_id: 'v2',
        status: 'FAILED',
        finished_at: '2026-03-05T11:00:00Z',
      }),
    ]
    const active = [job({ id: 'again', video_id: 'v2', status: 'PENDING' })]
    expect(processingListJobs(active, failed, now).map((j) => j.id)).toEqual(['again'])
  })

  it('is empty when nothing is going on', () => {
    expect(processingListJobs([], [], now)).toEqual([])
  })
})
