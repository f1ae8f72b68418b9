// Settings: every user's own YouTube channel, API tokens and webhooks; for admins, also the
// text engine they choose for the whole instance (kind, address, model, key). The key is
// write-only: the page only ever learns whether one is saved.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useId, useState } from 'react'
import { fieldErrors, formErrorMessage } from '../../api/errors'
import {
  settingsGetOptions,
  settingsGetQueryKey,
  settingsTestTextEngineMutation,
  settingsUpdateMutation,
} from '../../api/gen/@tanstack/react-query.gen'
import type { TextEngineSettingsSchema, TextEngineUpdateSchema } from '../../api/gen/types.gen'
import { FormError } from '../form-fields'
import { useToasts } from '../toaster'
import { ApiTokensSection } from './api-tokens-section'
import settingsCss from './settings.css?url'
import { WebhooksSection } from './webhooks-section'
import type { YouTubeOutcome } from './youtube-outcome'
import { YouTubeSection } from './youtube-section'

type Kind = TextEngineSettingsSchema['kind']

const KINDS: { kind: Kind; label: string; hint: string }[] = [
  {
    kind: 'auto',
    label: 'Automatic',
    hint: 'A key from the server’s environment first, then a local Ollama, then offline.',
  },
  {
    kind: 'local',
    label: 'Offline',
    hint: 'Echo’s own engine: no LLM, nothing leaves the server.',
  },
  { kind: 'openai', label: 'OpenAI-compatible', hint: 'OpenAI, vLLM, LM Studio, any /v1 server.' },
  { kind: 'gemini', label: 'Gemini', hint: 'Google’s Gemini API.' },
  { kind: 'ollama', label: 'Ollama', hint: 'An Ollama server’s own API; no key.' },
]
const FIELDS = [
  'text_engine.kind',
  'text_engine.base_url',
  'text_engine.model',
  'text_engine.api_key',
] as const

export function SettingsPage({
  isAdmin,
  youtubeOutcome,
  onYouTubeOutcomeSeen,
}: {
  isAdmin: boolean
  youtubeOutcome: YouTubeOutcome | undefined
  onYouTubeOutcomeSeen: () => void
}) {
  return (
    <main className="page settings-page">
      <link rel="stylesheet" href={settingsCss} precedence="default" />
      <div className="page-head">
        <h1>Settings</h1>
        <Link to="/" className="button button-quiet">
          Back to the dashboard
        </Link>
      </div>
      <YouTubeSection outcome={youtubeOutcome} onOutcomeSeen={onYouTubeOutcomeSeen} />
      {isAdmin ? <TextEngineSection /> : null}
      <ApiTokensSection />
      <WebhooksSection />
    </main>
  )
}

function TextEngineSection() {
  const { data } = useSuspenseQuery(settingsGetOptions())
  const engine = data.text_engine
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const id = useId()
  const [kind, setKind] = useState<Kind>(engine.kind)
  // Bumped by each save, so the fields start again from what was saved (the key empty).
  const [saves, setSaves] = useState(0)
  const save = useMutation({
    ...settingsUpdateMutation(),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsGetQueryKey(), saved)
      setSaves((count) => count + 1)
      test.reset()
      toasts.show('success', 'Settings saved.')
    },
  })
  const test = useMutation(settingsTestTextEngineMutation())
  const defaults = engine.defaults.find((entry) => entry.kind === kind)
  const errors = fieldErrors(save.error)
  const sameKind = kind === engine.kind

  const send = (formElement: HTMLFormElement, removeKey: boolean) => {
    const form = new FormData(formElement)
    const text = (name: string) => String(form.get(name) ?? '').trim() || null
    const change: TextEngineUpdateSchema = { kind }
    if (defaults) {
      change.base_url = text('base_url')
      change.model = text('model')
      const key = text('api_key')
      if (key) change.api_key = key
      if (removeKey) change.api_key = null
    }
    save.mutate({ body: { text_engine: change } })
  }

  return (
    <section className="settings-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Text engine</h2>
      <p className="muted">
        Writes the titles, description, tags, show notes and chapter titles. Saved here, it wins
        over the server’s <code>ECHO_*</code> variables; jobs use it from their next text stage on.
      </p>
      <form
        method="post"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault()
          send(event.currentTarget, false)
        }}
        noValidate
      >
        <FormError error={save.error} fields={FIELDS} />
        <fieldset className="kind-choice">
          <legend>Engine</legend>
          {KINDS.map((option) => (
            <label key={option.kind} className="kind-option">
              <input
                type="radio"
                name="kind"
                value={option.kind}
                checked={kind === option.kind}
                onChange={() => setKind(option.kind)}
              />
              <span>
                <strong>{option.label}</strong>
                <span className="muted">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {defaults ? (
          <>
            <TextField
              id={`${id}-base-url`}
              name="base_url"
              label="Base URL"
              type="url"
              defaultValue={sameKind ? (engine.base_url ?? '') : ''}
              placeholder={defaults.base_url}
              hint="Empty: the server’s default, shown greyed."
              error={errors['text_engine.base_url']}
              key={`${kind}-base-url-${saves}`}
            />
            <TextField
              id={`${id}-model`}
              name="model"
              label="Model"
              defaultValue={sameKind ? (engine.model ?? '') : ''}
              placeholder={defaults.model ?? 'the first model the server lists'}
              hint="Empty: the server’s default, shown greyed."
              error={errors['text_engine.model']}
              key={`${kind}-model-${saves}`}
            />
            {defaults.takes_api_key ? (
              <TextField
                id={`${id}-api-key`}
                name="api_key"
                label="API key"
                type="password"
                autoComplete="off"
                defaultValue=""
                placeholder={
                  sameKind && engine.api_key_set ? 'A key is saved: type to replace it' : 'Not set'
                }
                hint="Never shown again once saved. A new base URL or engine needs the key again."
                error={errors['text_engine.api_key']}
                key={`${kind}-api-key-${saves}`}
              />
            ) : null}
          </>
        ) : null}
        <div className="row settings-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          {defaults?.takes_api_key && sameKind && engine.api_key_set ? (
            <button
              type="button"
              className="button button-quiet"
              disabled={save.isPending}
              onClick={(event) => {
                const form = event.currentTarget.form
                if (form) send(form, true)
              }}
            >
              Remove the key
            </button>
          ) : null}
          <button
            type="button"
            className="button button-quiet"
            disabled={test.isPending || save.isPending}
            onClick={() => test.mutate({})}
          >
            {test.isPending ? 'Testing…' : 'Test'}
          </button>
        </div>
      </form>
      <TestResult result={test.data} error={test.error} />
    </section>
  )
}

function TextField({
  id,
  name,
  label,
  hint,
  error,
  ...input
}: {
  id: string
  name: string
  label: string
  hint: string
  error: string | undefined
  type?: string
  defaultValue: string
  placeholder: string
  autoComplete?: string
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
      />
      <p className="field-hint muted" id={`${id}-hint`}>
        {error ? <span className="field-error">{error}</span> : hint}
      </p>
    </div>
  )
}

function TestResult({
  result,
  error,
}: {
  result: { ok: boolean; engine: string; message: string } | undefined
  error: unknown
}) {
  if (error) {
    return (
      <p className="test-result test-failed" role="status">
        {formErrorMessage(error, [])}
      </p>
    )
  }
  if (!result) return null
  return (
    <p className={`test-result ${result.ok ? 'test-ok' : 'test-failed'}`} role="status">
      <strong>{result.ok ? 'It works.' : 'It does not work yet.'}</strong> {result.message}
    </p>
  )
}
