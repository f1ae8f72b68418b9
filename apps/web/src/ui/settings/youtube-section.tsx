// Every user's own YouTube channel: connect it through Google's consent page, see which
// channel it is, disconnect it, and what to do when Google stopped accepting it.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { useId } from 'react'
import {
  youtubeConnectionDeleteMutation,
  youtubeConnectionGetOptions,
  youtubeConnectionGetQueryKey,
  youtubeConnectMutation,
} from '../../api/gen/@tanstack/react-query.gen'
import { FormError } from '../form-fields'
import { useToasts } from '../toaster'
import { outcomeNotice, type YouTubeOutcome } from './youtube-outcome'

export function YouTubeSection({
  outcome,
  onOutcomeSeen,
}: {
  outcome: YouTubeOutcome | undefined
  onOutcomeSeen: () => void
}) {
  const id = useId()
  const { data: connection } = useSuspenseQuery(youtubeConnectionGetOptions())
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const connect = useMutation({
    ...youtubeConnectMutation(),
    // Google's consent page; Google sends the browser back to this page with the outcome.
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  })
  const disconnect = useMutation({
    ...youtubeConnectionDeleteMutation(),
    onSuccess: (result) => {
      onOutcomeSeen()
      void queryClient.invalidateQueries({ queryKey: youtubeConnectionGetQueryKey() })
      toasts.show(result.revoked ? 'success' : 'error', result.message)
    },
  })
  const notice = outcome ? outcomeNotice(outcome) : null
  const error = connect.error ?? disconnect.error
  const busy = connect.isPending || connect.isSuccess || disconnect.isPending
  const hasChannel = connection.connected || connection.needs_reconnect

  return (
    <section className="settings-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>YouTube channel</h2>
      <p className="muted">
        The channel your finished videos are published to. Each account connects its own.
      </p>
      {notice ? (
        <p
          className={`test-result ${notice.ok ? 'test-ok' : 'test-failed'}`}
          role="status"
          data-testid="youtube-outcome"
        >
          {notice.message}
        </p>
      ) : null}
      <FormError error={error} />
      {!connection.configured && !hasChannel ? (
        <p className="youtube-state">
          YouTube is not set up on this Echo yet: an admin creates a Google OAuth client and sets{' '}
          <code>ECHO_GOOGLE_CLIENT_ID</code> and <code>ECHO_GOOGLE_CLIENT_SECRET</code> (the README
          says how).
        </p>
      ) : null}
      {connection.connected ? (
        <p className="youtube-state" data-testid="youtube-channel">
          Connected to <strong>{connection.channel_title}</strong>.
        </p>
      ) : null}
      {connection.needs_reconnect ? (
        <p className="test-result test-failed" role="alert">
          <strong>{connection.channel_title}</strong>: {connection.message}
        </p>
      ) : null}
      {connection.configured && !connection.connected && !connection.needs_reconnect ? (
        <p className="youtube-state">
          Google will ask you to let Echo upload videos and manage their captions.
        </p>
      ) : null}
      <div className="row settings-actions youtube-actions">
        {connection.configured && !connection.connected ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => connect.mutate({})}
          >
            {connect.isPending || connect.isSuccess
              ? 'Opening Google…'
              : connection.needs_reconnect
                ? 'Connect again'
                : 'Connect a YouTube channel'}
          </button>
        ) : null}
        {hasChannel ? (
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            onClick={() => disconnect.mutate({})}
          >
            {disconnect.isPending ? 'Disconnecting…' : 'Disconnect'}
          </button>
        ) : null}
      </div>
    </section>
  )
}
