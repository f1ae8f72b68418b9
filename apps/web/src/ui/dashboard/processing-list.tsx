// The creator's jobs that are running, waiting, or failed lately: the stage each one is
// at, its progress, its place in the queue, its error, and Retry / Cancel. The socket keeps
// it live; it also polls slowly while anything is active, in case events are missed.
import { useSuspenseQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { ProcessingStatus, type VideoJobWithVideoSchema } from '../../api/gen'
import { useLiveStatus } from '../../live/live-jobs'
import { pollInterval } from '../../live/poll'
import { JobActions } from '../jobs/job-actions'
import { jobName, jobProgress, ordinal, percent, queuePositions } from '../jobs/job-view'
import { LiveIndicator } from '../jobs/live-indicator'
import { JobStepsBar } from '../jobs/progress-bar'
import { activeJobsQuery, failedJobsQuery, processingListJobs } from '../jobs/queries'
import { StatusBadge } from '../jobs/status-badge'

export function ProcessingList() {
  const live = useLiveStatus()
  const { data: active } = useSuspenseQuery({
    ...activeJobsQuery(),
    refetchInterval: (query) => pollInterval((query.state.data?.items.length ?? 0) > 0, live),
  })
  const { data: failed } = useSuspenseQuery(failedJobsQuery())
  const jobs = processingListJobs(active.items, failed.items, Date.now())
  const positions = queuePositions(active)

  return (
    <section className="dash-section" aria-labelledby="processing-heading">
      <div className="dash-section-head">
        <h2 id="processing-heading">Processing</h2>
        {active.items.length > 0 ? <LiveIndicator /> : null}
      </div>
      {jobs.length === 0 ? (
        <p className="dash-quiet">Nothing is processing right now. New uploads show up here.</p>
      ) : (
        <ul className="dash-jobs" aria-labelledby="processing-heading">
          {jobs.map((job) => (
            <ProcessingItem key={job.id} job={job} position={positions.get(job.id)} />
          ))}
        </ul>
      )}
    </section>
  )
}

function ProcessingItem({ job, position }: { job: VideoJobWithVideoSchema; position?: number }) {
  const name = jobName(job)
  const filename = job.video.original_filename
  return (
    <li
      className="dash-job"
      data-testid="processing-job"
      data-job-id={job.id}
      data-status={job.status}
    >
      <div className="dash-job-main">
        <div className="dash-job-top">
          <Link to="/jobs/$jobId" params={{ jobId: job.id }} className="dash-job-name">
            {name}
          </Link>
          <StatusBadge status={job.status} />
        </div>
        {name !== filename ? <p className="dash-job-file">{filename}</p> : null}
        <JobState job={job} position={position} />
        {job.status === ProcessingStatus.PENDING || job.status === ProcessingStatus.PROCESSING ? (
          <JobStepsBar job={job} label={`Progress of ${filename}`} />
        ) : null}
      </div>
      <div className="dash-job-actions">
        <JobActions job={job} compact />
        <Link
          to="/jobs/$jobId"
          params={{ jobId: job.id }}
          className="button button-quiet jobs-button-small"
          aria-label={`Details of ${filename}`}
        >
          Details
        </Link>
      </div>
    </li>
  )
}

function JobState({ job, position }: { job: VideoJobWithVideoSchema; position?: number }) {
  if (job.status === ProcessingStatus.FAILED) {
    return <p className="dash-job-error">{job.error_message || 'Processing failed.'}</p>
  }
  const progress = jobProgress(job)
  if (job.status === ProcessingStatus.PENDING) {
    return (
      <>
        <p className="dash-job-stage" data-testid="job-current-stage">
          <strong>
            {position === 1 ? 'Next in line' : position ? `${ordinal(position)} in line` : 'Queued'}
          </strong>
          <span className="muted"> · waiting for a worker</span>
        </p>
        {/* After a failed attempt the backend says what happened and that it will retry. */}
        {job.error_message ? <p className="dash-job-note">{job.error_message}</p> : null}
      </>
    )
  }
  const stage = progress.stage
  return (
    <p className="dash-job-stage" data-testid="job-current-stage">
      <strong>{stage ? stage.label : 'Finishing up'}</strong>
      {stage ? (
        <span className="muted">
          {' '}
          · {percent(progress.stageFraction)}% · step {progress.step} of {progress.steps}
          {stage.detail ? ` · ${stage.detail}` : ''}
        </span>
      ) : null}
    </p>
  )
}
