// Words for the pipeline's stages and the overall progress of a job.
import type { ProcessingStageSchema } from '../../api/gen'

const STAGE_LABELS: Record<string, string> = {
  probe: 'Reading the video',
  extract_audio: 'Extracting the audio',
  transcribe: 'Transcribing speech',
  subtitles: 'Writing subtitles',
  chapters: 'Finding chapters',
  metadata: 'Drafting titles, description and tags',
  thumbnails: 'Picking thumbnails',
}

export function stageLabel(name: string): string {
  const known = STAGE_LABELS[name]
  if (known) return known
  const words = name.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** 0..1 over all stages; finished and skipped stages count whole. */
export function jobProgress(stages: readonly ProcessingStageSchema[]): number {
  if (stages.length === 0) return 0
  const done = stages.reduce((sum, stage) => {
    if (stage.status === 'COMPLETED' || stage.status === 'SKIPPED') return sum + 1
    return sum + Math.min(Math.max(stage.progress, 0), 1)
  }, 0)
  return done / stages.length
}

/** The stage running now, or the first still waiting. */
export function activeStage(
  stages: readonly ProcessingStageSchema[],
): ProcessingStageSchema | undefined {
  return (
    stages.find((stage) => stage.status === 'RUNNING') ??
    stages.find((stage) => stage.status === 'PENDING')
  )
}
