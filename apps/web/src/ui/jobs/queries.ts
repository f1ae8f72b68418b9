// The job queries the dashboard and the job page read (the loaders ensure the same ones),
// and what the dashboard's processing list shows of them.
import { ProcessingStatus, type VideoJobWithVideoSchema } from '../../api/gen'
import { jobsGetOptions, jobsListOptions } from '../../api/gen/@tanstack/react-query.gen'

/** Every pending and running job (the API's maximum page), for the list and queue order. */
export const ACTIVE_JOBS_LIMIT = 100
/** Recent failures are offered for a retry; older ones stay reachable from the library. */
export const FAILED_JOBS_LIMIT = 10
export const FAILED_JOBS_SHOWN_FOR_MS = 24 * 60 * 60 * 1000

export function activeJobsQuery() {
  return jobsListOptions({
    query: {
      status: [ProcessingStatus.PENDING, ProcessingStatus.PROCESSING],
      limit: ACTIVE_JOBS_LIMIT,
    },
  })
}

export function failedJobsQuery() {
  return jobsListOptions({
    query: { status: [ProcessingStatus.FAILED], limit: FAILED_JOBS_LIMIT },
  })
}

export function jobQuery(jobId: string) {
  return jobsGetOptions({ path: { job_id: jobId } })
}

/**
 * The jobs the processing list shows: the active ones (running, then waiting in the order
 * they will run), then failures from the last day whose video has not been queued again since.
 */
export function processingListJobs(
  active: readonly VideoJobWithVideoSchema[],
  failed: readonly VideoJobWithVideoSchema[],
  now: number,
): VideoJobWithVideoSchema[] {
  const busyVideos = new Set(active.map((job) => job.video_id))
  const recentFailures = failed.filter((job) => {
    if (busyVideos.has(job.video_id)) return false
    const finished = Date.parse(job.finished_at ?? job.updated_at)
    return Number.isNaN(finished) || now - finished < FAILED_JOBS_SHOWN_FOR_MS
  })
  const running = active.filter((job) => job.status === ProcessingStatus.PROCESSING)
  const waiting = active.filter((job) => job.status !== ProcessingStatus.PROCESSING)
  const queueOrder = (a: VideoJobWithVideoSchema, b: VideoJobWithVideoSchema) =>
    b.priority - a.priority || Date.parse(a.created_at) - Date.parse(b.created_at)
  return [...running.sort(queueOrder), ...waiting.sort(queueOrder), ...recentFailures]
}
