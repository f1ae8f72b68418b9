// Titles, description and tags: one form, saved together with PATCH /metadata. Counters
// follow YouTube's limits as the backend counts them; the API's own field errors are shown
// next to the fields (and the failure in a toast, by the mutation cache).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useBlocker } from '@tanstack/react-router'
import { type FormEvent, useId, useRef, useState } from 'react'
import { fieldErrors } from '../../api/errors'
import type { VideoMetadataResponseSchema } from '../../api/gen'
import { videosUpdateMetadataMutation } from '../../api/gen/@tanstack/react-query.gen'
import { useToasts } from '../toaster'
import { ConfirmDialog } from './confirm-dialog'
import { LimitCounter } from './limit-counter'
import { changesOf, draftOf, type Edits, editsAfterSave, withEdits } from './metadata-draft'
import { invalidateLists, storeMetadata } from './queries'
import { Section } from './section'
import { isConflict, StaleNotice } from './stale-notice'
import { TagsEditor } from './tags-editor'
import {
  descriptionLength,
  descriptionProblem,
  MAX_DESCRIPTION_BYTES,
  MAX_TITLE_CHARS,
  pyStrip,
  tagsProblem,
  titleLength,
  titleProblem,
} from './youtube-limits'

export function MetadataEditor({
  videoId,
  metadata,
}: {
  videoId: string
  metadata: VideoMetadataResponseSchema
}) {
  const id = useId()
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const saved = draftOf(metadata)
  // Only what the person changed (see metadata-draft.ts); the rest follows the server.
  const [edits, setEdits] = useState<Edits>({})
  const draft = withEdits(saved, edits)
  const titleRef = useRef<HTMLInputElement>(null)
  const descriptionRef = useRef<HTMLTextAreaElement>(null)
  const tagsRef = useRef<HTMLInputElement>(null)

  const save = useMutation({
    ...videosUpdateMetadataMutation(),
    // A conflict is told in the form, with a way to reload; other errors as a notice.
    meta: { toast: (error) => !isConflict(error) },
    onSuccess: (updated, { body }) => {
      storeMetadata(queryClient, videoId, updated)
      // Drop the edits that were saved; keep anything typed while the request ran.
      setEdits((current) => editsAfterSave(current, body))
      void invalidateLists(queryClient)
      toasts.show('success', 'Changes saved.')
    },
  })

  const changes = changesOf(draft, saved)
  const dirty = Object.keys(changes).length > 0

  // Problems are shown for what would be sent; the API's answer, until the next edit.
  const { title, description, tags } = changes
  const problems = {
    title: title != null ? titleProblem(title) : null,
    description: description != null ? descriptionProblem(description) : null,
    tags: tags != null ? tagsProblem(tags) : null,
  }
  const apiErrors = fieldErrors(save.error)
  const errors = {
    title: problems.title ?? apiErrors.title,
    description: problems.description ?? apiErrors.description,
    tags: problems.tags ?? apiErrors.tags,
  }

  const edit = (patch: Edits) => {
    if (save.isError) save.reset()
    setEdits((current) => ({ ...current, ...patch }))
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!dirty || save.isPending) return
    const first = problems.title
      ? titleRef
      : problems.description
        ? descriptionRef
        : problems.tags
          ? tagsRef
          : null
    if (first) {
      first.current?.focus()
      toasts.show('error', 'Fix the highlighted fields before saving.')
      return
    }
    // The version the form was filled from: another tab's save in between answers 409.
    save.mutate({ path: { video_id: videoId }, body: { ...changes, version: metadata.version } })
  }

  const blocker = useBlocker({
    shouldBlockFn: () => true,
    enableBeforeUnload: dirty,
    disabled: !dirty,
    withResolver: true,
  })

  const suggestions = metadata.title_suggestions
  const titleUsed = titleLength(draft.title)
  const descriptionUsed = descriptionLength(draft.description)
  const status = save.isPending
    ? 'Saving…'
    : dirty
      ? 'Unsaved changes'
      : save.isSuccess
        ? 'All changes saved.'
        : 'No unsaved changes.'

  return (
    <form className="metadata-form" onSubmit={onSubmit} noValidate>
      <Section
        title="Titles"
        count={suggestions.length || undefined}
        hint={
          suggestions.length
            ? 'Pick a suggestion, then polish it in the field below.'
            : 'Write the title viewers will see.'
        }
      >
        {suggestions.length ? (
          <fieldset className="title-options">
            <legend className="visually-hidden">Suggested titles</legend>
            {suggestions.map((suggestion) => (
              <label key={suggestion} className="title-option">
                <input
                  type="radio"
                  name={`${id}-suggestion`}
                  value={suggestion}
                  checked={pyStrip(draft.title) === suggestion}
                  onChange={() => edit({ title: suggestion })}
                />
                <span>{suggestion}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="field">
          <div className="field-label-row">
            <label htmlFor={`${id}-title`}>Title</label>
            <LimitCounter
              id={`${id}-title-counter`}
              used={titleUsed}
              limit={MAX_TITLE_CHARS}
              unit="characters"
            />
          </div>
          <input
            ref={titleRef}
            id={`${id}-title`}
            value={draft.title}
            onChange={(event) => edit({ title: event.target.value })}
            autoComplete="off"
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={`${id}-title-counter${errors.title ? ` ${id}-title-error` : ''}`}
          />
          {errors.title ? (
            <p id={`${id}-title-error`} className="field-error">
              {errors.title}
            </p>
          ) : null}
        </div>
      </Section>

      <Section title="Description" hint="Chapters at the end become YouTube's chapter markers.">
        <div className="field">
          <div className="field-label-row">
            <label htmlFor={`${id}-description`} className="visually-hidden">
              Description
            </label>
            <LimitCounter
              id={`${id}-description-counter`}
              used={descriptionUsed}
              limit={MAX_DESCRIPTION_BYTES}
              unit="bytes"
            />
          </div>
          <textarea
            ref={descriptionRef}
            id={`${id}-description`}
            className="description-input"
            value={draft.description}
            onChange={(event) => edit({ description: event.target.value })}
            rows={10}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={`${id}-description-counter${
              errors.description ? ` ${id}-description-error` : ''
            }`}
          />
          {errors.description ? (
            <p id={`${id}-description-error`} className="field-error">
              {errors.description}
            </p>
          ) : null}
        </div>
      </Section>

      <Section title="Tags" count={draft.tags.length || undefined}>
        <TagsEditor
          tags={draft.tags}
          onChange={(tags) => edit({ tags })}
          problem={errors.tags}
          inputRef={tagsRef}
        />
      </Section>

      {save.error && isConflict(save.error) ? (
        <StaleNotice videoId={videoId} onReload={() => setEdits({})} />
      ) : null}
      <div className={`save-bar ${dirty ? 'save-bar-dirty' : ''}`}>
        <p className="save-status" role="status">
          {status}
        </p>
        <div className="row">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              save.reset()
              setEdits({})
            }}
            disabled={!dirty || save.isPending}
          >
            Discard
          </button>
          <button type="submit" className="button" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </div>

      <ConfirmDialog
        open={blocker.status === 'blocked'}
        title="Leave without saving?"
        confirmLabel="Leave"
        cancelLabel="Stay"
        danger
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>Your changes to the title, description or tags have not been saved.</p>
      </ConfirmDialog>
    </form>
  )
}
