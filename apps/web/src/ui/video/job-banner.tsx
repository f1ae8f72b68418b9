// One line about the latest job when it needs attention: queued by this page, failed,
// canceled, or never processed.
import type { ReactNode } from 'react'
import type { VideoDetailSchema } from '../../api/gen'
import { OpenJobLink } from './open-job-link'

export function JobBanner({
  video,
  queuedJobId,
}: {
  video: VideoDetailSchema
  queuedJobId: string | null
}) {
  const job = video.latest_job

  if (!job) {
    return (
      <Banner tone="info">
        <p>
          <strong>Not processed yet.</strong> Use Reprocess to generate subtitles, chapters and
          metadata.
        </p>
      </Banner>
    )
  }

  if (job.status === 'FAILED') {
    return (
      <Banner tone="error" jobId={job.id}>
        <div>
          <p>
            <strong>Processing failed</strong>
            {job.attempts > 1 ? ` after ${job.attempts} attempts` : ''}.
          </p>
          <p className="banner-detail">{job.error_message || 'The job stopped with no message.'}</p>
        </div>
      </Banner>
    )
  }

  if (job.status === 'CANCELED') {
    return (
      <Banner tone="info" jobId={job.id}>
        <p>
          <strong>Processing was canceled.</strong> Reprocess to start again.
        </p>
      </Banner>
    )
  }

  if (queuedJobId === job.id) {
    return (
      <Banner tone="info" jobId={job.id}>
        <p>
          <strong>
            {job.status === 'COMPLETED' ? 'Reprocessing finished.' : 'Queued for reprocessing.'}
          </strong>{' '}
          {job.status === 'COMPLETED'
            ? 'The results below are new.'
            : 'Follow its progress here or on the job page.'}
        </p>
      </Banner>
    )
  }

  return null
}

/** An error interrupts (an alert); news waits its turn (a status). */
function Banner({
  tone,
  jobId,
  children,
}: {
  tone: 'info' | 'error'
  /** The job to link to, when the banner is about one. */
  jobId?: string
  children: ReactNode
}) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
      {jobId ? <OpenJobLink jobId={jobId} /> : null}
    </div>
  )
}
