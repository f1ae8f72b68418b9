// One line about the latest job when it needs attention: queued by this page, failed,
// canceled, or never processed.
import { Link } from '@tanstack/react-router'
import type { VideoDetailSchema } from '../../api/gen'

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
      <div className="banner banner-info" role="status">
        <p>
          <strong>Not processed yet.</strong> Use Reprocess to generate subtitles, chapters and
          metadata.
        </p>
      </div>
    )
  }

  if (job.status === 'FAILED') {
    return (
      <div className="banner banner-error" role="alert">
        <div>
          <p>
            <strong>Processing failed</strong>
            {job.attempts > 1 ? ` after ${job.attempts} attempts` : ''}.
          </p>
          <p className="banner-detail">{job.error_message || 'The job stopped with no message.'}</p>
        </div>
        <Link
          to="/jobs/$jobId"
          params={{ jobId: job.id }}
          className="button button-quiet button-small"
        >
          Open job page
        </Link>
      </div>
    )
  }

  if (job.status === 'CANCELED') {
    return (
      <div className="banner banner-info" role="status">
        <p>
          <strong>Processing was canceled.</strong> Reprocess to start again.
        </p>
        <Link
          to="/jobs/$jobId"
          params={{ jobId: job.id }}
          className="button button-quiet button-small"
        >
          Open job page
        </Link>
      </div>
    )
  }

  if (queuedJobId === job.id) {
    return (
      <div className="banner banner-info" role="status">
        <p>
          <strong>
            {job.status === 'COMPLETED' ? 'Reprocessing finished.' : 'Queued for reprocessing.'}
          </strong>{' '}
          {job.status === 'COMPLETED'
            ? 'The results below are new.'
            : 'Follow its progress here or on the job page.'}
        </p>
        <Link
          to="/jobs/$jobId"
          params={{ jobId: job.id }}
          className="button button-quiet button-small"
        >
          Open job page
        </Link>
      </div>
    )
  }

  return null
}
