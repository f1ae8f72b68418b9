// API tokens for scripts: made here (the secret shown once, with a copy button), listed
// with their last use, revoked at once.
import { useSuspenseQuery } from '@tanstack/react-query'
import { type FormEvent, useId } from 'react'
import { fieldErrors } from '../../api/errors'
import {
  apiTokensCreateMutation,
  apiTokensListOptions,
  apiTokensListQueryKey,
  apiTokensRevokeMutation,
} from '../../api/gen/@tanstack/react-query.gen'
import { FormError, TextField } from '../form-fields'
import { formatDateTime } from '../format'
import { RemovableList } from './removable-list'
import { SecretOnce } from './secret-once'
import { useSecretItems } from './use-secret-items'

const NO_EXPIRY = ''
const EXPIRIES = [
  { days: '30', label: '30 days' },
  { days: '90', label: '90 days' },
  { days: '365', label: 'A year' },
  { days: NO_EXPIRY, label: 'Never (until revoked)' },
]

export function ApiTokensSection() {
  const { data: tokens } = useSuspenseQuery(apiTokensListOptions())
  const id = useId()
  const { created, create, remove } = useSecretItems({
    listKey: apiTokensListQueryKey(),
    create: apiTokensCreateMutation(),
    remove: apiTokensRevokeMutation(),
    removedMessage: 'Token revoked.',
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
        <SecretOnce
          heading={<>Copy the token “{created.name}” now:</>}
          secret={created.token}
          copiedMessage="Token copied."
        />
      ) : null}
      <form method="post" onSubmit={submit} noValidate className="inline-form">
        <FormError error={create.error} fields={['name', 'expires_in_days']} />
        <TextField
          id={`${id}-name`}
          label="Name"
          name="name"
          maxLength={100}
          placeholder="What the token is for"
          error={errors.name}
        />
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
      <RemovableList
        items={tokens}
        label="Your API tokens"
        empty="No tokens yet."
        removeLabel="Revoke"
        removing={remove.isPending}
        onRemove={(token) => remove.mutate({ path: { token_id: token.id } })}
      >
        {(token) => (
          <>
            <strong>{token.name}</strong>
            <span className="muted">
              {token.last_used_at
                ? `Last used ${formatDateTime(token.last_used_at)}`
                : 'Never used'}
              {' · '}
              {token.expires_at ? `expires ${formatDateTime(token.expires_at)}` : 'never expires'}
            </span>
          </>
        )}
      </RemovableList>
    </section>
  )
}
