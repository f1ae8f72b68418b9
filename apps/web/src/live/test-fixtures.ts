// Builders for API shapes in unit tests (typed by the generated client, so they stay true).
import type {
  JobSocketEventMessage,
  ProcessingStageSchema,
  VideoJobWithVideoSchema,
  VideoSummarySchema,
} from '../api/gen'

export const STAGE_NAMES = [
  'probe',
  'extract_audio',
  'transcribe',
  'subtitles',
  'chapters',
  'metadata',
  'thumbnails',
] as const

export function stages(
  overrides: Partial<Record<(typeof STAGE_NAMES)[number], Partial<ProcessingStageSchema>>> = {},
): ProcessingStageSchema[] {
  return STAGE_NAMES.map((name) => ({
    name,
    label: `Stage ${name}`,
    status: 'PENDING',
    progress: 0,
    started_at: null,
    finished_at: null,
    detail: null,
    ...overrides[name],
  }))
}

export function job(overrides: Partial<VideoJobWithVideoSchema> = {}): VideoJobWithVideoSchema {
  const id = overrides.id ?? 'job-1'
  const videoId = overrides.video_id ?? 'video-1'
  return {
    id,
    video_id: videoId,
    status: 'PENDING',
    processing_stages: stages(),
    error_message: null,
    warnings: [],
    attempts: 0,
    priority: 0,
    created_at: '2026-03-04T10:00:00Z',
    started_at: null,
    finished_at: null,
    updated_at: '2026-03-04T10:00:00Z',
    title: null,
    video: {
      id: videoId,
      uploader_user_id: 'user-1',
      original_filename: 'talk.mp4',
      content_type: 'video/mp4',
      size_bytes: 1000,
      language: 'auto',
      created_at: '2026-03-04T10:00:00Z',
      updated_at: '2026-03-04T10:00:00Z',
    },
    ...overrides,
  }
}

export function video(overrides: Partial<VideoSummarySchema> = {}): VideoSummarySchema {
  return {
    id: 'video-1',
    original_filename: 'talk.mp4',
    title: null,
    status: 'PENDING',
    latest_job_id: 'job-1',
    thumbnail_url: null,
    duration_seconds: 80.5,
    size_bytes: 1000,
    created_at: '2026-03-04T10:00:00Z',
    ...overrides,
  }
}

export function event(overrides: Partial<JobSocketEventMessage> = {}): JobSocketEventMessage {
  return {
    type: 'job',
    job_id: 'job-1',
    video_id: 'video-1',
    status: 'PROCESSING',
    stage: null,
    stage_status: null,
    progress: null,
    detail: null,
    ...overrides,
  }
}
