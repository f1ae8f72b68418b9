// How a processing job reads on screen: statuses, where it has got to, how long things took.
// Stages come with their labels from the API. Pure functions; the components only draw what these return.
import {
  type ProcessingStageSchema,
  ProcessingStatus,
  StageStatus,
  type VideoJobWithVideoSchema,
} from '../../api/gen'

/** The words for a job's status (badges, filters). */
export const STATUS_LABELS: Record<ProcessingStatus, string> = {
  PENDING: 'Pending',
  PROCESSING: 'Processing',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
}

export function statusLabel(status: ProcessingStatus | null | undefined): string {
  return status ? STATUS_LABELS[status] : 'No job'
}

export const STAGE_STATUS_LABELS: Record<StageStatus, string> = {
  PENDING: 'Waiting',
  RUNNING: 'Running',
  COMPLETED: 'Done',
  FAILED: 'Failed',
  SKIPPED: 'Skipped',
}

export function isActive(status: ProcessingStatus | null | undefined): boolean {
  return status === ProcessingStatus.PENDING || status === ProcessingStatus.PROCESSING
}

export function canRetry(status: ProcessingStatus): boolean {
  return status === ProcessingStatus.FAILED || status === ProcessingStatus.CANCELED
}

const DONE: readonly StageStatus[] = [StageStatus.COMPLETED, StageStatus.SKIPPED]

/** A stage finished for good within its job (completed or skipped): it never runs again. */
export function isStageDone(status: StageStatus): boolean {
  return DONE.includes(status)
}

export interface JobProgress {
  /** The stage the job is at (running, next up, or the one that failed); null when done. */
  stage: ProcessingStageSchema | null
  /** Its position, 1-based ("step 3 of 7"); the stage count when done. */
  step: number
  steps: number
  /** The current stage's progress, 0..1. */
  stageFraction: number
  /** Finished stages plus the current one's share, 0..1 (each stage counts the same). */
  overall: number
}

/** Where the job has got to (the same rule as the backend's `current_stage`). */
export function jobProgress(job: Pick<VideoJobWithVideoSchema, 'processing_stages'>): JobProgress {
  const stages = job.processing_stages
  const steps = stages.length
  const index = stages.findIndex((stage) => !isStageDone(stage.status))
  if (index === -1) return { stage: null, step: steps, steps, stageFraction: 1, overall: 1 }
  const stage = stages[index] as ProcessingStageSchema
  const stageFraction = clamp01(stage.progress)
  return {
    stage,
    step: index + 1,
    steps,
    stageFraction,
    overall: steps === 0 ? 0 : (index + stageFraction) / steps,
  }
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0
}

/** 0.456 → 46 (a whole percentage for bars and aria-valuenow). */
export function percent(fraction: number): number {
  return Math.round(clamp01(fraction) * 100)
}

/**
 * The queue position of each pending job (1 = next to start), in the order workers claim
 * them: higher priority first, then oldest. `page` is a newest-first list of pending jobs;
 * when it holds only the newest of them, the older ones it left out are ahead in line.
 * Only the creator's own jobs are counted: other creators' jobs may be ahead too.
 */
export function queuePositions(page: {
  items: readonly Pick<VideoJobWithVideoSchema, 'id' | 'status' | 'priority' | 'created_at'>[]
  total: number
}): Map<string, number> {
  const pending = page.items.filter((job) => job.status === ProcessingStatus.PENDING)
  const missing = Math.max(0, page.total - page.items.length)
  const ordered = [...pending].sort(
    (a, b) =>
      b.priority - a.priority ||
      Date.parse(a.created_at) - Date.parse(b.created_at) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  return new Map(ordered.map((job, index) => [job.id, missing + index + 1]))
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`
}

/** A length of time for people: "<0.1 s", "0.4 s", "12 s", "1 min 05 s", "1 h 02 min". */
export function formatElapsed(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 0.1) return '<0.1 s'
  if (seconds < 10) return `${(Math.floor(seconds * 10) / 10).toFixed(1)} s`
  const whole = Math.floor(seconds)
  if (whole < 60) return `${whole} s`
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`
  const minutes = Math.floor((whole % 3600) / 60)
  return `${Math.floor(whole / 3600)} h ${String(minutes).padStart(2, '0')} min`
}

function secondsBetween(from: string, to: number): number | null {
  const start = Date.parse(from)
  if (Number.isNaN(start)) return null
  return Math.max(0, (to - start) / 1000)
}

/**
 * From the start to the end, or to `now` (in ms) while it runs; null before it starts, or
 * while the page has no clock yet, so server and browser render the same text.
 */
function runTime(
  run: { started_at?: string | null; finished_at?: string | null },
  running: boolean,
  now: number | null,
): number | null {
  if (!run.started_at) return null
  if (run.finished_at) {
    const end = Date.parse(run.finished_at)
    return Number.isNaN(end) ? null : secondsBetween(run.started_at, end)
  }
  if (!running || now === null) return null
  return secondsBetween(run.started_at, now)
}

/** How long a stage took, or has been running so far. */
export function stageElapsed(
  stage: Pick<ProcessingStageSchema, 'started_at' | 'finished_at' | 'status'>,
  now: number | null,
): number | null {
  return runTime(stage, stage.status === StageStatus.RUNNING, now)
}

/** The job's whole run: from its start to its end (or `now` while it runs). */
export function jobElapsed(
  job: Pick<VideoJobWithVideoSchema, 'started_at' | 'finished_at' | 'status'>,
  now: number | null,
): number | null {
  return runTime(job, job.status === ProcessingStatus.PROCESSING, now)
}

/** The name a job goes by: the video's chosen title, else its filename. */
export function jobName(job: Pick<VideoJobWithVideoSchema, 'title' | 'video'>): string {
  return job.title?.trim() || job.video.original_filename
}

/**
 * One sentence for screen readers about where the job is; it changes only when the status
 * or the stage does (never with the percentage), so a live region speaks at those moments.
 */
export function statusAnnouncement(
  job: Pick<VideoJobWithVideoSchema, 'status' | 'processing_stages'>,
): string {
  switch (job.status) {
    case ProcessingStatus.PENDING:
      return 'Queued for processing.'
    case ProcessingStatus.PROCESSING: {
      const { stage, step, steps } = jobProgress(job)
      return stage ? `Processing: ${stage.label}, step ${step} of ${steps}.` : 'Processing.'
    }
    case ProcessingStatus.COMPLETED:
      return 'Processing finished.'
    case ProcessingStatus.FAILED:
      return 'Processing failed.'
    case ProcessingStatus.CANCELED:
      return 'Processing was canceled.'
  }
}
