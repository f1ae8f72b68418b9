// Webhooks: URLs told by a signed POST when a job or a publication ends. Made here (the
// signing secret shown once), listed with their deliveries, deleted.
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { fieldErrors, formErrorMessage } from '../../api/errors'
import {
  webhooksCreateMutation,
  webhooksDeleteMutation,
  webhooksDeliveriesOptions,
  webhooksListOptions,
  webhooksListQueryKey,
} from '../../api/gen/@tanstack/react-query.gen'
import type { WebhookCreatedSchema, WebhookSchema } from '../../api/gen/types.gen'
import { formatDateTime } from '../format'
import { useToasts } from '../toaster'
import { copyText } from '../video/clipboard'

type EventType = WebhookSchema['events'][number]

const EVENTS: { type: EventType; label: string }[] = [
  { type: 'job.completed', label: 'Processing finished' },
  { type: 'job.failed', label: 'Processing failed' },
  { type: 'publication.completed', label: 'Published to YouTube' },
  { type: 'publication.failed', label: 'Publishing failed' },
]

export function WebhooksSection() {
  const { data: webhooks } = useSuspenseQuery(webhooksListOptions())
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const id = useId()
  const [created, setCreated] = useState<WebhookCreatedSchema | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhooksListQueryKey() })
  const create = useMutation({
    ...webhooksCreateMutation(),
    onSuccess: (webhook) => {
      setCreated(webhook)
      void refresh()
    },
  })
  const remove = useMutation({
    ...webhooksDeleteMutation(),
    onSuccess: () => {
      toasts.show('success', 'Webhook deleted.')
      void refresh()
    },
  })
  const errors = fieldErrors(create.error)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const events = form.getAll('events').map(String) as EventType[]
    create.mutate({ body: { url: String(form.get('url') ?? '').trim(), events } })
  }

  return (
    <section className="settings-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Webhooks</h2>
      <p className="muted">
        Echo POSTs a signed JSON event to each URL (header <code>Echo-Signature</code>), and retries
        for about an hour until it answers 2xx. Only public http(s) addresses.
      </p>
      {created ? (
        <div className="secret-once" role="status">
          <p>
            <strong>Copy the signing secret now:</strong> it is not shown again.
          </p>
          <div className="secret-row">
            <code className="secret-value">{created.secret}</code>
            <button
              type="button"
              className="button"
              onClick={() =>
                copyText(created.secret).then(
                  () => toasts.show('success', 'Secret copied.'),
                  (error: unknown) => toasts.show('error', String(error)),
                )
              }
            >
              Copy
            </button>
          </div>
        </div>
      ) : null}
      <form method="post" onSubmit={submit} noValidate>
        {create.error ? (
          <p className="form-error" role="alert">
            {formErrorMessage(create.error, ['url', 'events'])}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-url`}>URL</label>
          <input
            id={`${id}-url`}
            name="url"
            type="url"
            placeholder="https://example.com/hooks/echo"
            aria-invalid={errors.url ? true : undefined}
          />
          {errors.url ? <p className="field-error">{errors.url}</p> : null}
        </div>
        <fieldset className="event-choice">
          <legend>Events</legend>
          {EVENTS.map((event) => (
            <label key={event.type}>
              <input type="checkbox" name="events" value={event.type} defaultChecked />
              {event.label} <code className="muted">{event.type}</code>
            </label>
          ))}
        </fieldset>
        <div className="row settings-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add the webhook'}
          </button>
        </div>
      </form>
      {webhooks.length ? (
        <ul className="settings-list" aria-label="Your webhooks">
          {webhooks.map((webhook) => (
            <li key={webhook.id} className="webhook-item">
              <div>
                <strong>{webhook.url}</strong>
                <span className="muted">{webhook.events.join(', ')}</span>
                <Deliveries webhookId={webhook.id} />
              </div>
              <button
                type="button"
                className="button button-quiet"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ path: { webhook_id: webhook.id } })}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No webhooks yet.</p>
      )}
    </section>
  )
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const [open, setOpen] = useState(false)
  const deliveries = useQuery({
    ...webhooksDeliveriesOptions({ path: { webhook_id: webhookId } }),
    enabled: open,
  })
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Deliveries</summary>
      {deliveries.isPending && open ? <p className="muted">Loading…</p> : null}
      {deliveries.data && deliveries.data.length === 0 ? (
        <p className="muted">Nothing sent yet.</p>
      ) : null}
      <ul className="delivery-list">
        {deliveries.data?.map((delivery) => (
          <li key={delivery.id}>
            <span className={`delivery-status delivery-${delivery.status}`}>{delivery.status}</span>{' '}
            {delivery.event_type}
            <ul>
              {delivery.attempts.map((attempt) => (
                <li key={attempt.at} className="muted">
                  {formatDateTime(attempt.at)}: {attempt.status_code ?? 'no answer'}
                  {attempt.error ? ` (${attempt.error})` : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </details>
  )
}
