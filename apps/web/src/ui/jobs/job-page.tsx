// A processing job: where it is, what each stage did and how long it took, what went
// wrong, and Retry / Cancel. Kept live by the job-events socket, polled as a fallback.
import { useQuery, useSuspenseQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import {
  type ProcessingStageSchema,
  ProcessingStatus,
  StageStatus,
  type VideoJobWithVideoSchema,
} from '../../api/gen'
import { useLiveStatus } from '../../live/live-jobs'
import { pollInterval } from '../../live/poll'
import { formatBytes } from '../format'
import { LineIcon } from '../line-icon'
import { LocalTime } from '../local-time'
import { JobActions } from './job-actions'
import {
  formatElapsed,
  isActive,
  isStageDone,
  jobElapsed,
  jobName,
  jobProgress,
  ordinal,
  percent,
  queuePositions,
  STAGE_STATUS_LABELS,
  stageElapsed,
} from './job-view'
import { JobWarnings } from './job-warnings'
import { LiveIndicator } from './live-indicator'
import { JobStepsBar, ProgressBar } from './progress-bar'
import { activeJobsQuery, jobQuery } from './queries'
import { StatusBadge } from './status-badge'
import { JobsStyles } from './styles'
import { useNow } from './use-now'

export function JobPage({ jobId }: { jobId: string }) {
  const live = useLiveStatus()
  const { data: job } = useSuspenseQuery({
    ...jobQuery(jobId),
    refetchInterval: (query) => pollInterval(isActive(query.state.data?.status), live),
  })
  const running = job.status === ProcessingStatus.PROCESSING
  const now = useNow(1000, running)
  const name = jobName(job)
  const progress = jobProgress(job)
  // Where it is in line (the same list the dashboard reads), only while it waits.
  const waiting = job.status === ProcessingStatus.PENDING
  const { data: active } = useQuery({ ...activeJobsQuery(), enabled: waiting })
  const position = waiting && active ? queuePositions(active).get(job.id) : undefined

  return (
    <main className="page jobs-page">
      <JobsStyles />
      <nav aria-label="Breadcrumb" className="jobs-crumbs">
        <Link to="/">Dashboard</Link>
        <span aria-hidden="true">/</span>
        <span aria-current="page">Processing job</span>
      </nav>

      <header className="jobs-head">
        <div className="jobs-head-text">
          <div className="jobs-title-row">
            <h1>{name}</h1>
            <StatusBadge status={job.status} />
          </div>
          <p className="muted small">
            {job.title ? `${job.video.original_filename} · ` : ''}
            {formatBytes(job.video.size_bytes)} · uploaded <LocalTime iso={job.video.created_at} />
          </p>
        </div>
        <div className="jobs-head-actions">
          <Link
            to="/videos/$videoId"
            params={{ videoId: job.video_id }}
            className={job.status === ProcessingStatus.COMPLETED ? 'button' : 'button button-quiet'}
          >
            Open video
          </Link>
          <JobActions job={job} />
        </div>
      </header>

      <JobMessage job={job} />
      <JobWarnings warnings={job.warnings} />

      <section className="jobs-card" aria-labelledby="job-overview">
        <div className="jobs-card-head">
          <h2 id="job-overview">Overview</h2>
          {isActive(job.status) ? <LiveIndicator /> : null}
        </div>
        {isActive(job.status) ? (
          <div className="jobs-overview-progress">
            <p className="jobs-now">
              {waiting ? (
                <>
                  <strong>
                    {position === 1
                      ? 'Next in line'
                      : position
                        ? `${ordinal(position)} in line`
                        : 'Queued'}
                  </strong>
                  <span className="muted"> · waiting for a worker to pick it up</span>
                </>
              ) : progress.stage ? (
                <>
                  <strong>{progress.stage.label}</strong>
                  <span className="muted">
                    {' '}
                    · {percent(progress.stageFraction)}% · step {progress.step} of {progress.steps}
                  </span>
                </>
              ) : (
                'Finishing up'
              )}
            </p>
            <JobStepsBar job={job} label={`Progress of ${name}`} />
          </div>
        ) : null}
        <dl className="jobs-facts">
          <div>
            <dt>Attempts</dt>
            <dd>{job.attempts}</dd>
          </div>
          <div>
            <dt>Queued</dt>
            <dd>
              <LocalTime iso={job.created_at} />
            </dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{job.started_at ? <LocalTime iso={job.started_at} /> : 'Not yet'}</dd>
          </div>
          <div>
            <dt>{job.finished_at ? 'Took' : 'Running for'}</dt>
            <dd>{formatElapsed(jobElapsed(job, now))}</dd>
          </div>
        </dl>
      </section>

      <section className="jobs-card" aria-labelledby="job-stages">
        <div className="jobs-card-head">
          <h2 id="job-stages">Stages</h2>
          <span className="muted small">
            {doneCount(job.processing_stages)} of {job.processing_stages.length} done
          </span>
        </div>
        <ol className="jobs-timeline" aria-labelledby="job-stages">
          {job.processing_stages.map((stage) => (
            <StageItem key={stage.name} stage={stage} now={now} />
          ))}
        </ol>
      </section>
    </main>
  )
}

function doneCount(stages: readonly ProcessingStageSchema[]): number {
  return stages.filter((stage) => isStageDone(stage.status)).length
}

function JobMessage({ job }: { job: VideoJobWithVideoSchema }) {
  if (!job.error_message) return null
  if (job.status === ProcessingStatus.FAILED) {
    return (
      <div className="jobs-alert jobs-alert-danger" role="alert">
        <strong>Processing failed.</strong> {job.error_message}
      </div>
    )
  }
  if (job.status === ProcessingStatus.CANCELED) {
    return (
      <div className="jobs-alert">
        <strong>Canceled.</strong> Retry to pick up where it stopped: finished stages are kept.
      </div>
    )
  }
  // Pending or running again after a failed attempt: the backend's note on what happened.
  return <div className="jobs-alert jobs-alert-warning">{job.error_message}</div>
}

function StageItem({ stage, now }: { stage: ProcessingStageSchema; now: number | null }) {
  const elapsed = stageElapsed(stage, now)
  const running = stage.status === StageStatus.RUNNING
  return (
    <li
      className="jobs-stage"
      data-testid="job-stage"
      data-stage={stage.name}
      data-status={stage.status}
    >
      <span className="jobs-stage-icon" data-status={stage.status} aria-hidden="true">
        <StageIcon status={stage.status} />
      </span>
      <div className="jobs-stage-body">
        <div className="jobs-stage-line">
          <h3 className="jobs-stage-name">{stage.label}</h3>
          <span className="jobs-stage-time muted small">
            {elapsed === null ? '' : formatElapsed(elapsed)}
          </span>
        </div>
        <p className="jobs-stage-meta small">
          <span className={`jobs-stage-status jobs-stage-status-${stage.status.toLowerCase()}`}>
            {STAGE_STATUS_LABELS[stage.status]}
            {running ? ` · ${percent(stage.progress)}%` : ''}
          </span>
          {stage.detail ? <span className="jobs-stage-detail">{stage.detail}</span> : null}
        </p>
        {running ? (
          <ProgressBar
            value={stage.progress}
            label={`${stage.label} progress`}
            className="jobs-stage-bar"
          />
        ) : null}
      </div>
    </li>
  )
}

function StageIcon({ status }: { status: StageStatus }) {
  switch (status) {
    case StageStatus.COMPLETED:
      return (
        <LineIcon size={14}>
          <path d="M3.5 8.5l3 3 6-7" />
        </LineIcon>
      )
    case StageStatus.FAILED:
      return (
        <LineIcon size={12}>
          <path d="M4 4l8 8M12 4l-8 8" />
        </LineIcon>
      )
    case StageStatus.SKIPPED:
      return (
        <LineIcon size={12}>
          <path d="M4 8h8" />
        </LineIcon>
      )
    default:
      return <span className="jobs-stage-dot" />
  }
}

export function JobPageSkeleton() {
  return (
    <main className="page jobs-page" aria-busy="true">
      <JobsStyles />
      <p className="visually-hidden" role="status">
        Loading the job…
      </p>
      <div aria-hidden="true" className="jobs-skeleton-stack">
        <span className="jobs-skeleton" style={{ width: '9rem', height: '0.9rem' }} />
        <span className="jobs-skeleton" style={{ width: '60%', height: '1.8rem' }} />
        <span className="jobs-skeleton" style={{ width: '14rem', height: '0.9rem' }} />
      </div>
      <div className="jobs-card" aria-hidden="true">
        <span className="jobs-skeleton" style={{ width: '7rem', height: '1.1rem' }} />
        <span className="jobs-skeleton" style={{ width: '100%', height: '0.6rem' }} />
        <span className="jobs-skeleton" style={{ width: '100%', height: '3rem' }} />
      </div>
      <div className="jobs-card" aria-hidden="true">
        <span className="jobs-skeleton" style={{ width: '6rem', height: '1.1rem' }} />
        {[0, 1, 2, 3, 4, 5, 6].map((row) => (
          <div key={row} className="jobs-skeleton-row">
            <span className="jobs-skeleton jobs-skeleton-circle" />
            <span className="jobs-skeleton" style={{ flex: 1, height: '1rem' }} />
          </div>
        ))}
      </div>
    </main>
  )
}

export function JobNotFound() {
  return (
    <main className="status-page">
      <h1>Job not found</h1>
      <p>
        There is no processing job at this address in your account. Its video may have been deleted.
      </p>
      <Link to="/" className="button">
        Go to the dashboard
      </Link>
    </main>
  )
}
