// Progress bars: a plain one (upload, a running stage), and the job's bar of steps, one
// segment per stage, the current one filling as the stage reports progress.
import type { VideoJobWithVideoSchema } from '../../api/gen'
import { isStageDone, jobProgress, percent } from './job-view'

interface ProgressBarProps {
  /** 0..1 */
  value: number
  label: string
  valueText?: string
  tone?: 'accent' | 'danger'
  className?: string
}

export function ProgressBar({
  value,
  label,
  valueText,
  tone = 'accent',
  className,
}: ProgressBarProps) {
  const now = percent(value)
  return (
    <div
      {...progressbarRole(label, now, valueText ?? `${now}%`)}
      className={`jobs-bar jobs-bar-${tone}${className ? ` ${className}` : ''}`}
    >
      <span className="jobs-bar-fill" style={{ width: `${now}%` }} />
    </div>
  )
}

/**
 * The job's steps as one bar. Its value (aria-valuenow) is the current stage's progress,
 * its text names the stage and the step ("Transcription 45%, step 3 of 7").
 */
export function JobStepsBar({ job, label }: { job: VideoJobWithVideoSchema; label: string }) {
  const progress = jobProgress(job)
  const now = percent(progress.stageFraction)
  const current = progress.stage
  const valueText = current
    ? `${current.label} ${now}%, step ${progress.step} of ${progress.steps}`
    : 'All steps done'
  return (
    <div
      {...progressbarRole(label, now, valueText)}
      className="jobs-steps"
      data-testid="job-progress"
    >
      {job.processing_stages.map((stage) => {
        const fill = isStageDone(stage.status)
          ? 100
          : stage === current
            ? percent(stage.progress)
            : 0
        return (
          <span
            key={stage.name}
            className="jobs-step"
            data-state={stage === current ? 'current' : stage.status.toLowerCase()}
          >
            <span className="jobs-step-fill" style={{ width: `${fill}%` }} />
          </span>
        )
      })}
    </div>
  )
}

/** What a screen reader hears of a bar: its name, a whole percentage and words for it. */
function progressbarRole(label: string, now: number, valueText: string) {
  return {
    role: 'progressbar',
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    'aria-valuenow': now,
    'aria-valuetext': valueText,
  } as const
}
