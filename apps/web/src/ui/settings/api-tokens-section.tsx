// API tokens for scripts: made here (the secret shown once, with a copy button), listed
// with their last use, revoked at once.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { fieldErrors, formErrorMessage } from '../../api/errors'
import {
  apiTokensCreateMutation,
  apiTokensListOptions,
  apiTokensListQueryKey,
  apiTokensRevokeMutation,
} from '../../api/gen/@tanstack/react-query.gen'
import type { ApiTokenCreatedSchema } from '../../api/gen/types.gen'
import { formatDateTime } from '../format'
import { useToasts } from '../toaster'
import { copyText } from '../video/clipboard'

const NO_EXPIRY = ''
const EXPIRIES = [
  { days: '30', label: '30 days' },
  { days: '90', label: '90 days' },
  { days: '365', label: 'A year' },
  { days: NO_EXPIRY, label: 'Never (until revoked)' },
]

export function ApiTokensSection() {
  const { data: tokens } = useSuspenseQuery(apiTokensListOptions())
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const id = useId()
  const [created, setCreated] = useState<ApiTokenCreatedSchema | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiTokensListQueryKey() })
  const create = useMutation({
    ...apiTokensCreateMutation(),
    onSuccess: (token) => {
      setCreated(token)
      void refresh()
    },
  })
  const revoke = useMutation({
    ...apiTokensRevokeMutation(),
    onSuccess: () => {
      toasts.show('success', 'Token revoked.')
      void refresh()
    },
  })
  const errors = fieldErrors(create.error)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const days = String(form.get('expires_in_days') ?? NO_EXPIRY)
    create.mutate({
      body: {
        name: String(form.get('name') ?? '').trim(),
        expires_in_days: days === NO_EXPIRY ? null : Number(days),
      },
    })
  }

  return (
    <section className="settings-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>API tokens</h2>
      <p className="muted">
        For scripts: send one as <code>Authorization: Bearer …</code> to reach everything your
        account can. A token cannot make more tokens.
      </p>
      {created ? (
        <div className="secret-once" role="status">
          <p>
            <strong>Copy the token “{created.name}” now:</strong> it is not shown again.
          </p>
          <div className="secret-row">
            <code className="secret-value">{created.token}</code>
            <button
              type="button"
              className="button"
              onClick={() =>
                copyText(created.token).then(
                  () => toasts.show('success', 'Token copied.'),
                  (error: unknown) => toasts.show('error', String(error)),
                )
              }
            >
              Copy
            </button>
          </div>
        </div>
      ) : null}
      <form method="post" onSubmit={submit} noValidate className="inline-form">
        {create.error ? (
          <p className="form-error" role="alert">
            {formErrorMessage(create.error, ['name', 'expires_in_days'])}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            name="name"
            maxLength={100}
            placeholder="What the token is for"
            aria-invalid={errors.name ? true : undefined}
          />
          {errors.name ? <p className="field-error">{errors.name}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-expiry`}>Expires</label>
          <select id={`${id}-expiry`} name="expires_in_days" defaultValue="90">
            {EXPIRIES.map((option) => (
              <option key={option.label} value={option.days}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Making…' : 'Make a token'}
        </button>
      </form>
      {tokens.length ? (
        <ul className="settings-list" aria-label="Your API tokens">
          {tokens.map((token) => (
            <li key={token.id}>
              <div>
                <strong>{token.name}</strong>
                <span className="muted">
                  {token.last_used_at
                    ? `Last used ${formatDateTime(token.last_used_at)}`
                    : 'Never used'}
                  {' · '}
                  {token.expires_at
                    ? `expires ${formatDateTime(token.expires_at)}`
                    : 'never expires'}
                </span>
              </div>
              <button
                type="button"
                className="button button-quiet"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ path: { token_id: token.id } })}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tokens yet.</p>
      )}
    </section>
  )
}
