import type { ProcessingStatus } from '../../api/gen'
import { statusLabel } from './job-view'

/** A job's status in words, coloured by status. */
export function StatusBadge({ status }: { status: ProcessingStatus | null | undefined }) {
  const key = status ? status.toLowerCase() : 'none'
  return (
    <span
      className={`jobs-badge jobs-badge-${key}`}
      data-testid="status-badge"
      data-status={status ?? 'NONE'}
    >
      {statusLabel(status)}
    </span>
  )
}
