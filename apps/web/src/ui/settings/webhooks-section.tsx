// Webhooks: URLs told by a signed POST when a job or a publication ends. Made here (the
// signing secret shown once), listed with their deliveries, deleted.
import { useQuery, useSuspenseQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { fieldErrors } from '../../api/errors'
import {
  webhooksCreateMutation,
  webhooksDeleteMutation,
  webhooksDeliveriesOptions,
  webhooksListOptions,
  webhooksListQueryKey,
} from '../../api/gen/@tanstack/react-query.gen'
import type { WebhookSchema } from '../../api/gen/types.gen'
import { FormError, TextField } from '../form-fields'
import { formatDateTime } from '../format'
import { RemovableList } from './removable-list'
import { SecretOnce } from './secret-once'
import { useSecretItems } from './use-secret-items'

type EventType = WebhookSchema['events'][number]

const EVENTS: { type: EventType; label: string }[] = [
  { type: 'job.completed', label: 'Processing finished' },
  { type: 'job.failed', label: 'Processing failed' },
  { type: 'publication.completed', label: 'Published to YouTube' },
  { type: 'publication.failed', label: 'Publishing failed' },
]

export function WebhooksSection() {
  const { data: webhooks } = useSuspenseQuery(webhooksListOptions())
  const id = useId()
  const { created, create, remove } = useSecretItems({
    listKey: webhooksListQueryKey(),
    create: webhooksCreateMutation(),
    remove: webhooksDeleteMutation(),
    removedMessage: 'Webhook deleted.',
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
        <SecretOnce
          heading="Copy the signing secret now:"
          secret={created.secret}
          copiedMessage="Secret copied."
        />
      ) : null}
      <form method="post" onSubmit={submit} noValidate>
        <FormError error={create.error} fields={['url', 'events']} />
        <TextField
          id={`${id}-url`}
          label="URL"
          name="url"
          type="url"
          placeholder="https://example.com/hooks/echo"
          error={errors.url}
        />
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
      <RemovableList
        items={webhooks}
        label="Your webhooks"
        empty="No webhooks yet."
        removeLabel="Delete"
        removing={remove.isPending}
        onRemove={(webhook) => remove.mutate({ path: { webhook_id: webhook.id } })}
        itemClassName="webhook-item"
      >
        {(webhook) => (
          <>
            <strong>{webhook.url}</strong>
            <span className="muted">{webhook.events.join(', ')}</span>
            <Deliveries webhookId={webhook.id} />
          </>
        )}
      </RemovableList>
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
