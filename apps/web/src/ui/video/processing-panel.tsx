// While the latest job runs: every stage with its progress, in place of the editors.
import { Link } from '@tanstack/react-router'
import type { ProcessingStageSchema, VideoJobResponseSchema } from '../../api/gen'
import { Section } from './section'
import { activeStage, jobProgress, stageLabel } from './stages'

const STATUS_WORDS: Record<ProcessingStageSchema['status'], string> = {
  PENDING: 'Waiting',
  RUNNING: 'Running',
  COMPLETED: 'Done',
  FAILED: 'Failed',
  SKIPPED: 'Skipped',
}

export function ProcessingPanel({ job }: { job: VideoJobResponseSchema }) {
  const stages = job.processing_stages
  const overall = Math.round(jobProgress(stages) * 100)
  const now = activeStage(stages)
  const waiting = job.status === 'PENDING'

  return (
    <Section
      title="Processing"
      className="processing"
      hint={
        waiting
          ? 'Queued: a worker will pick this video up shortly.'
          : `${now ? `${stageLabel(now.name)}…` : 'Finishing…'} Titles, description, tags and thumbnails appear here when it is done.`
      }
      actions={
        <Link
          to="/jobs/$jobId"
          params={{ jobId: job.id }}
          className="button button-quiet button-small"
        >
          Open job page
        </Link>
      }
    >
      <div className="overall">
        <div className="overall-head">
          <span>{waiting ? 'Queued' : 'Overall'}</span>
          <span className="overall-percent">{overall}%</span>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label="Overall progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={overall}
        >
          <span className="progress-fill" style={{ width: `${overall}%` }} />
        </div>
      </div>
      <ol className="stage-list">
        {stages.map((stage) => {
          const percent = Math.round(
            (stage.status === 'COMPLETED' ? 1 : Math.min(Math.max(stage.progress, 0), 1)) * 100,
          )
          return (
            <li key={stage.name} className={`stage stage-${stage.status.toLowerCase()}`}>
              <span className="stage-icon" aria-hidden="true" />
              <div className="stage-body">
                <div className="stage-head">
                  <span className="stage-name">{stageLabel(stage.name)}</span>
                  <span className="stage-status">
                    {stage.status === 'RUNNING' ? `${percent}%` : STATUS_WORDS[stage.status]}
                  </span>
                </div>
                {stage.status === 'RUNNING' ? (
                  <div
                    className="progress progress-thin"
                    role="progressbar"
                    aria-label={stageLabel(stage.name)}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={percent}
                  >
                    <span className="progress-fill" style={{ width: `${percent}%` }} />
                  </div>
                ) : null}
                {stage.detail ? <p className="stage-detail">{stage.detail}</p> : null}
              </div>
            </li>
          )
        })}
      </ol>
    </Section>
  )
}
