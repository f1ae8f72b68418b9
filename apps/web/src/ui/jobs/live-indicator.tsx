import { useLiveStatus } from '../../live/live-jobs'

const TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  'signed-out': 'Updates paused',
  stopped: 'Updates paused',
} as const

const TITLE = {
  connecting: 'Connecting for live updates',
  live: 'Updates arrive as they happen',
  reconnecting: 'The live connection dropped; checking every few seconds meanwhile',
  'signed-out': 'Sign in again for live updates',
  stopped: 'Live updates are off',
} as const

/** Whether this page is receiving live updates. */
export function LiveIndicator() {
  const status = useLiveStatus()
  return (
    <span
      className="jobs-live"
      data-status={status}
      title={TITLE[status]}
      data-testid="live-status"
    >
      <span className="jobs-live-dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  )
}
