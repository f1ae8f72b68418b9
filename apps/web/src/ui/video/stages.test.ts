import { describe, expect, it } from 'vitest'
import type { ProcessingStageSchema } from '../../api/gen'
import { formatFps, formatName, formatResolution } from './facts'
import { activeStage, jobProgress, stageLabel } from './stages'

const stage = (
  name: string,
  status: ProcessingStageSchema['status'],
  progress: number,
): ProcessingStageSchema => ({ name, status, progress })

describe('stages', () => {
  it('names known and unknown stages', () => {
    expect(stageLabel('transcribe')).toBe('Transcribing speech')
    expect(stageLabel('burn_in_subtitles')).toBe('Burn in subtitles')
  })

  it('adds up progress, counting finished and skipped stages whole', () => {
    const stages = [
      stage('probe', 'COMPLETED', 1),
      stage('extract_audio', 'SKIPPED', 0),
      stage('transcribe', 'RUNNING', 0.5),
      stage('subtitles', 'PENDING', 0),
    ]
    expect(jobProgress(stages)).toBeCloseTo(2.5 / 4)
    expect(jobProgress([])).toBe(0)
    expect(activeStage(stages)?.name).toBe('transcribe')
    expect(activeStage([stage('probe', 'PENDING', 0)])?.name).toBe('probe')
    expect(activeStage([stage('probe', 'COMPLETED', 1)])).toBeUndefined()
  })
})

describe('video facts', () => {
  it('names the container', () => {
    expect(formatName('video/mp4', 'mov,mp4,m4a,3gp,3g2,mj2')).toBe('MP4')
    expect(formatName('video/x-unknown', 'avi')).toBe('AVI')
    expect(formatName('video/x-unknown', null)).toBe('video/x-unknown')
  })

  it('formats resolution and frame rate', () => {
    expect(formatResolution('1280x720')).toBe('1280 × 720')
    expect(formatResolution(null)).toBe('—')
    expect(formatFps(30)).toBe('30 fps')
    expect(formatFps(30000 / 1001)).toBe('29.97 fps')
    expect(formatFps(null)).toBe('—')
  })
})
