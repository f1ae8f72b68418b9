// A live region that tells screen reader users when a job's status or stage changes.
import type { VideoJobResponseSchema } from '../../api/gen'
import { statusAnnouncement } from './job-view'

export function StatusAnnouncer({ job }: { job: VideoJobResponseSchema | null | undefined }) {
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="status-announcer">
      {job ? statusAnnouncement(job) : ''}
    </p>
  )
}
