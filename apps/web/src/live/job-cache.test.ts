import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  PageVideoJobWithVideoSchema,
  PageVideoSummarySchema,
  VideoJobWithVideoSchema,
} from '../api/gen'
import {
  jobsListOptions,
  videosGetQueryKey,
  videosListOptions,
} from '../api/gen/@tanstack/react-query.gen'
import { applyJobEvent, cachedJobName, findCachedJob, jobQueryKey, operationOf } from './job-cache'
import { pollInterval } from './poll'
import { event, job, stages, video } from './test-fixtures'

const activeKey = jobsListOptions({
  query: { status: ['PENDING', 'PROCESSING'], limit: 100 },
}).queryKey
const libraryKey = videosListOptions({ query: { limit: 12, offset: 0 } }).queryKey

let client: QueryClient
afterEach(() => client?.clear())

function seed() {
  client = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } } })
  const running = job({
    status: 'PROCESSING',
    title: 'My talk',
    processing_stages: stages({ probe: { status: 'RUNNING', progress: 0.1 } }),
  })
  client.setQueryData<PageVideoJobWithVideoSchema>(activeKey, {
    items: [running],
    total: 1,
    limit: 100,
    offset: 0,
  })
  client.setQueryData<VideoJobWithVideoSchema>(jobQueryKey('job-1'), running)
  client.setQueryData<PageVideoSummarySchema>(libraryKey, {
    items: [video({ status: 'PROCESSING' })],
    total: 1,
    limit: 12,
    offset: 0,
  })
  return running
}

const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false

describe('operationOf', () => {
  it('names the generated operation of a key, ignoring infinite queries', () => {
    expect(operationOf(activeKey)).toBe('jobsList')
    expect(operationOf([{ _id: 'jobsList', _infinite: true }])).toBeUndefined()
    expect(operationOf(['plain'])).toBeUndefined()
  })
})

describe('findCachedJob / cachedJobName', () => {
  it('finds the job in its own query or in a list', () => {
    const running = seed()
    expect(findCachedJob(client, 'job-1')).toBe(running)
    client.removeQueries({ queryKey: jobQueryKey('job-1') })
    expect(findCachedJob(client, 'job-1')).toEqual(running)
    expect(cachedJobName(client, 'job-1')).toBe('My talk')
    expect(findCachedJob(client, 'nope')).toBeUndefined()
    expect(cachedJobName(client, 'nope')).toBeUndefined()
  })
})

describe('applyJobEvent', () => {
  it('merges progress everywhere without refetching', () => {
    seed()
    const kind = applyJobEvent(
      client,
      event({ stage: 'probe', stage_status: 'RUNNING', progress: 0.6, detail: 'reading' }),
    )
    expect(kind).toBe('progress')
    const page = client.getQueryData<PageVideoJobWithVideoSchema>(activeKey)
    expect(page?.items[0]?.processing_stages[0]).toMatchObject({ progress: 0.6, detail: 'reading' })
    const own = client.getQueryData<VideoJobWithVideoSchema>(jobQueryKey('job-1'))
    expect(own?.processing_stages[0]?.progress).toBe(0.6)
    expect(stale(activeKey)).toBe(false)
    expect(stale(jobQueryKey('job-1'))).toBe(false)
    expect(stale(libraryKey)).toBe(false)
  })

  it('refetches the job and the jobs lists when a stage ends', () => {
    seed()
    const kind = applyJobEvent(
      client,
      event({ stage: 'probe', stage_status: 'COMPLETED', progress: 1 }),
    )
    expect(kind).toBe('stage')
    expect(stale(activeKey)).toBe(true)
    expect(stale(jobQueryKey('job-1'))).toBe(true)
    expect(stale(libraryKey)).toBe(false)
  })

  it('updates badges at once and refetches everything when the status changes', () => {
    seed()
    const videoKey = videosGetQueryKey({ path: { video_id: 'video-1' } })
    client.setQueryData(videoKey, { id: 'video-1', latest_job: job({ status: 'PROCESSING' }) })
    const kind = applyJobEvent(client, event({ status: 'COMPLETED' }))
    expect(kind).toBe('status')
    const library = client.getQueryData<PageVideoSummarySchema>(libraryKey)
    expect(library?.items[0]?.status).toBe('COMPLETED')
    expect(client.getQueryData<VideoJobWithVideoSchema>(jobQueryKey('job-1'))?.status).toBe(
      'COMPLETED',
    )
    for (const key of [activeKey, jobQueryKey('job-1'), libraryKey, videoKey]) {
      expect(stale(key)).toBe(true)
    }
  })

  it('refetches the lists for a job it has never seen (a new upload)', () => {
    seed()
    expect(applyJobEvent(client, event({ job_id: 'job-new', status: 'PENDING' }))).toBe('unknown')
    expect(stale(activeKey)).toBe(true)
    expect(stale(libraryKey)).toBe(true)
    expect(stale(jobQueryKey('job-1'))).toBe(false)
  })
})

describe('the video page after Reprocess', () => {
  const videoKey = videosGetQueryKey({ path: { video_id: 'video-1' } })
  const detail = (latest: VideoJobWithVideoSchema) => ({ id: 'video-1', latest_job: latest })

  it('refetches the video when an event names a job newer than the one it shows', () => {
    client = new QueryClient({
      defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } },
    })
    // The page still shows the finished job while the new one's first stages run.
    client.setQueryData(videoKey, detail(job({ id: 'job-old', status: 'COMPLETED' })))
    applyJobEvent(
      client,
      event({ job_id: 'job-new', stage: 'probe', stage_status: 'COMPLETED', progress: 1 }),
    )
    expect(stale(videoKey)).toBe(true)
  })

  it('refetches the video when a stage of its job starts or ends, not on progress', () => {
    client = new QueryClient({
      defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } },
    })
    // Fetched while the job was still queued: the events of its first stages came before.
    client.setQueryData(videoKey, detail(job({ id: 'job-new', status: 'PROCESSING' })))
    applyJobEvent(
      client,
      event({ job_id: 'job-new', stage: 'transcribe', stage_status: 'RUNNING', progress: 0.59 }),
    )
    expect(stale(videoKey)).toBe(true)

    client.setQueryData(
      videoKey,
      detail(
        job({
          id: 'job-new',
          status: 'PROCESSING',
          processing_stages: stages({
            probe: { status: 'COMPLETED', progress: 1 },
            extract_audio: { status: 'COMPLETED', progress: 1 },
            transcribe: { status: 'RUNNING', progress: 0.59 },
          }),
        }),
      ),
    )
    applyJobEvent(
      client,
      event({ job_id: 'job-new', stage: 'transcribe', stage_status: 'RUNNING', progress: 0.6 }),
    )
    expect(stale(videoKey)).toBe(false)
  })
})

describe('pollInterval', () => {
  it('polls only while something is active, faster while the socket is down', () => {
    expect(pollInterval(false, 'live')).toBe(false)
    expect(pollInterval(false, 'reconnecting')).toBe(false)
    expect(pollInterval(true, 'live')).toBe(10_000)
    expect(pollInterval(true, 'reconnecting')).toBe(4_000)
    expect(pollInterval(true, 'connecting')).toBe(4_000)
  })
})
