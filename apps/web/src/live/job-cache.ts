// Applying socket events to the React Query cache: merge the hint into every cached
// resource that shows the job (so bars move at once), then refetch what the hint says is
// out of date. The REST resources stay the truth.
import type { Query, QueryClient } from '@tanstack/react-query'
import type {
  JobSocketEventMessage,
  PageVideoJobWithVideoSchema,
  PageVideoSummarySchema,
  VideoDetailSchema,
  VideoJobWithVideoSchema,
} from '../api/gen'
import { jobsGetQueryKey, videosGetQueryKey } from '../api/gen/@tanstack/react-query.gen'
import {
  classifyJobEvent,
  type JobEventKind,
  type JobLike,
  mergeJobEvent,
  mergeJobEventIntoJobsPage,
  mergeJobEventIntoVideoDetail,
  mergeJobEventIntoVideosPage,
} from './job-events'

/** The generated operation a query key belongs to (`jobsList`, `videosGet`...). */
export function operationOf(queryKey: readonly unknown[]): string | undefined {
  const head = queryKey[0]
  if (typeof head !== 'object' || head === null || !('_id' in head)) return undefined
  // Infinite lists keep pages in another shape; nothing here uses them.
  if ('_infinite' in head && head._infinite) return undefined
  return typeof head._id === 'string' ? head._id : undefined
}

const isOperation =
  (...ids: string[]) =>
  (query: Query) => {
    const id = operationOf(query.queryKey)
    return id !== undefined && ids.includes(id)
  }

export function jobQueryKey(jobId: string) {
  return jobsGetQueryKey({ path: { job_id: jobId } })
}

/** The job as we last knew it: its own query, else any list that holds it. */
export function findCachedJob(queryClient: QueryClient, jobId: string): JobLike | undefined {
  const own = queryClient.getQueryData<VideoJobWithVideoSchema>(jobQueryKey(jobId))
  if (own) return own
  for (const [, page] of queryClient.getQueriesData<PageVideoJobWithVideoSchema>({
    predicate: isOperation('jobsList'),
  })) {
    const found = page?.items.find((job) => job.id === jobId)
    if (found) return found
  }
  for (const [, video] of queryClient.getQueriesData<VideoDetailSchema>({
    predicate: isOperation('videosGet'),
  })) {
    if (video?.latest_job?.id === jobId) return video.latest_job
  }
  return undefined
}

/** A name for the job's video, for notices: its title, else its filename. */
export function cachedJobName(queryClient: QueryClient, jobId: string): string | undefined {
  const own = queryClient.getQueryData<VideoJobWithVideoSchema>(jobQueryKey(jobId))
  if (own) return own.title || own.video.original_filename
  for (const [, page] of queryClient.getQueriesData<PageVideoJobWithVideoSchema>({
    predicate: isOperation('jobsList'),
  })) {
    const found = page?.items.find((job) => job.id === jobId)
    if (found) return found.title || found.video.original_filename
  }
  return undefined
}

/** Merge the event everywhere, refetch what it made stale; says what kind of event it was. */
export function applyJobEvent(
  queryClient: QueryClient,
  event: JobSocketEventMessage,
): JobEventKind {
  const kind = classifyJobEvent(findCachedJob(queryClient, event.job_id), event)

  queryClient.setQueriesData<PageVideoJobWithVideoSchema>(
    { predicate: isOperation('jobsList') },
    (page) => (page ? mergeJobEventIntoJobsPage(page, event) : page),
  )
  queryClient.setQueryData<VideoJobWithVideoSchema>(jobQueryKey(event.job_id), (job) =>
    job ? mergeJobEvent(job, event) : job,
  )
  queryClient.setQueriesData<PageVideoSummarySchema>(
    { predicate: isOperation('videosList') },
    (page) => (page ? mergeJobEventIntoVideosPage(page, event) : page),
  )
  queryClient.setQueryData<VideoDetailSchema>(
    videosGetQueryKey({ path: { video_id: event.video_id } }),
    (video) => (video ? mergeJobEventIntoVideoDetail(video, event) : video),
  )

  if (kind === 'progress') return kind
  const stale: Promise<void>[] = [
    queryClient.invalidateQueries({ predicate: isOperation('jobsList') }),
    queryClient.invalidateQueries({ queryKey: jobQueryKey(event.job_id), exact: true }),
    // The video page draws every stage from its own copy of the job. A fetch answered with
    // a snapshot older than the events merged meanwhile (right after Reprocess the first
    // stages end within a second) would otherwise stay: progress events alone never
    // correct the stages before the running one, and because every merge restarts the
    // query's refetch interval, its polling never fires while events flow. Refetching at
    // each stage change (a handful per job) cancels any older fetch still under way.
    queryClient.invalidateQueries({
      queryKey: videosGetQueryKey({ path: { video_id: event.video_id } }),
      exact: true,
    }),
  ]
  if (kind !== 'stage') {
    // Status changes show in the library (badge, title, thumbnail).
    stale.push(queryClient.invalidateQueries({ predicate: isOperation('videosList') }))
  }
  void Promise.all(stale)
  return kind
}

/** After (re)connecting: events may have been missed, so refetch everything they touch. */
export function refetchJobResources(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: isOperation('jobsList', 'jobsGet', 'videosList', 'videosGet'),
  })
}
