// While the latest job runs: every stage with its progress, in place of the editors.
import type { VideoJobResponseSchema } from '../../api/gen'
import { jobProgress, percent, STAGE_STATUS_LABELS } from '../jobs/job-view'
import { ProgressBar } from '../jobs/progress-bar'
import { OpenJobLink } from './open-job-link'
import { Section } from './section'

export function ProcessingPanel({ job }: { job: VideoJobResponseSchema }) {
  const stages = job.processing_stages
  // Stage names and progress as the job page reads them (ui/jobs/job-view.ts).
  const progress = jobProgress(job)
  const overall = percent(progress.overall)
  const now = progress.stage
  const waiting = job.status === 'PENDING'

  return (
    <Section
      title="Processing"
      className="processing"
      hint={
        waiting
          ? 'Queued: a worker will pick this video up shortly.'
          : `${now ? `${now.label}…` : 'Finishing…'} Titles, description, tags and thumbnails appear here when it is done.`
      }
      actions={<OpenJobLink jobId={job.id} />}
    >
      <div className="overall">
        <div className="overall-head">
          <span>{waiting ? 'Queued' : 'Overall'}</span>
          <span className="overall-percent">{overall}%</span>
        </div>
        <ProgressBar value={progress.overall} label="Overall progress" />
      </div>
      <ol className="stage-list">
        {stages.map((stage) => {
          const stagePercent = percent(stage.status === 'COMPLETED' ? 1 : stage.progress)
          return (
            <li key={stage.name} className={`stage stage-${stage.status.toLowerCase()}`}>
              <span className="stage-icon" aria-hidden="true" />
              <div className="stage-body">
                <div className="stage-head">
                  <span className="stage-name">{stage.label}</span>
                  <span className="stage-status">
                    {stage.status === 'RUNNING'
                      ? `${stagePercent}%`
                      : STAGE_STATUS_LABELS[stage.status]}
                  </span>
                </div>
                {stage.status === 'RUNNING' ? (
                  <ProgressBar
                    value={stage.progress}
                    label={stage.label}
                    className="progress-thin"
                  />
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
