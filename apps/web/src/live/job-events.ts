// What arrives on `WS /api/ws/jobs`, and how one event changes the resources we cache.
//
// Events are hints: they carry a job's status and the snapshot of the one stage that
// moved. Merging them into cached REST data makes progress bars move at once; whenever a
// hint says something more than "progress", the REST resources are fetched again (see
// `classifyJobEvent`), because they are the truth.
//
// Everything here is pure: same input, same output, nothing mutated; an update that changes
// nothing returns the very same object, so React Query does not re-render for it.
import type {
  JobSocketEventMessage,
  JobSocketServerMessage,
  PageVideoJobWithVideoSchema,
  PageVideoSummarySchema,
  ProcessingStageSchema,
  ProcessingStatus,
  VideoDetailSchema,
} from '../api/gen'
import { zJobSocketServerMessage } from '../api/gen/zod.gen'
import { isStageDone } from '../ui/jobs/job-view'

/**
 * One frame from the socket, checked by the validator generated from the API's message
 * schemas; null for anything else (a newer server's message type, or garbage), which the
 * client ignores.
 */
export function parseServerMessage(data: unknown): JobSocketServerMessage | null {
  let value: unknown = data
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data)
    } catch {
      return null
    }
  }
  const parsed = zJobSocketServerMessage.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** The parts of a job an event can change (both job schemas have them). */
export interface JobLike {
  id: string
  status: ProcessingStatus
  processing_stages: ProcessingStageSchema[]
}

function mergeStage(stage: ProcessingStageSchema, event: JobSocketEventMessage) {
  const status = event.stage_status ?? stage.status
  // A late event must not reopen a stage the REST answer already shows finished
  // (completed stages are never run again within a job).
  if (isStageDone(stage.status) && !isStageDone(status)) return stage
  const progress = event.progress ?? stage.progress
  // The event carries the stage's whole snapshot, so a null detail means "no detail".
  const detail = event.stage_status != null ? (event.detail ?? null) : stage.detail
  if (status === stage.status && progress === stage.progress && detail === stage.detail) {
    return stage
  }
  return { ...stage, status, progress, detail }
}

/** The job as the event describes it; the same object when the event changes nothing. */
export function mergeJobEvent<T extends JobLike>(job: T, event: JobSocketEventMessage): T {
  if (job.id !== event.job_id) return job
  let stages = job.processing_stages
  if (event.stage) {
    const index = stages.findIndex((stage) => stage.name === event.stage)
    const stage = stages[index]
    if (stage) {
      const merged = mergeStage(stage, event)
      if (merged !== stage) stages = stages.map((old, i) => (i === index ? merged : old))
    }
  }
  if (stages === job.processing_stages && event.status === job.status) return job
  return { ...job, status: event.status, processing_stages: stages }
}

/** A page of jobs (the processing list) with the event merged in. */
export function mergeJobEventIntoJobsPage(
  page: PageVideoJobWithVideoSchema,
  event: JobSocketEventMessage,
): PageVideoJobWithVideoSchema {
  let changed = false
  const items = page.items.map((job) => {
    const merged = mergeJobEvent(job, event)
    if (merged !== job) changed = true
    return merged
  })
  return changed ? { ...page, items } : page
}

/** A page of the library: the card whose latest job this is takes the event's status. */
export function mergeJobEventIntoVideosPage(
  page: PageVideoSummarySchema,
  event: JobSocketEventMessage,
): PageVideoSummarySchema {
  let changed = false
  const items = page.items.map((video) => {
    if (video.latest_job_id !== event.job_id || video.status === event.status) return video
    changed = true
    return { ...video, status: event.status }
  })
  return changed ? { ...page, items } : page
}

/** A video's details: its latest job, if the event is about that job. */
export function mergeJobEventIntoVideoDetail(
  video: VideoDetailSchema,
  event: JobSocketEventMessage,
): VideoDetailSchema {
  const job = video.latest_job
  if (!job || job.id !== event.job_id) return video
  const merged = mergeJobEvent(job, event)
  return merged === job ? video : { ...video, latest_job: merged }
}

/**
 * What an event means for the REST data, judged against the job as cached before it:
 * - `unknown`: no cached copy (a new upload, another tab): fetch the lists again;
 * - `status`: the job's status changed: fetch the job, the lists and the video again;
 * - `stage`: a stage started, finished or failed: fetch the job (times, details) again;
 * - `progress`: only progress moved: merging the event is enough.
 */
export type JobEventKind = 'unknown' | 'status' | 'stage' | 'progress'

export function classifyJobEvent(
  cached: JobLike | undefined,
  event: JobSocketEventMessage,
): JobEventKind {
  if (!cached) return 'unknown'
  if (cached.status !== event.status) return 'status'
  if (!event.stage) return 'progress'
  const stage = cached.processing_stages.find((s) => s.name === event.stage)
  if (!stage) return 'stage'
  if (event.stage_status != null && event.stage_status !== stage.status) return 'stage'
  return 'progress'
}
