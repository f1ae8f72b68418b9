// Editing the chapters: add one at the player's time, rename, move (change its time),
// delete; YouTube's rules are checked as the creator types, and the list is saved with its
// `version` (a stale one is refused: see StaleNotice).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react'
import { errorMessage } from '../../api/errors'
import type { ChapterSchema, VideoMetadataResponseSchema } from '../../api/gen'
import { videosReplaceChaptersMutation } from '../../api/gen/@tanstack/react-query.gen'
import { useToasts } from '../toaster'
import { addChapterAt, chapterProblems, parseTimestamp } from './chapter-rules'
import { usePlayer, usePlayerSelector } from './player-store'
import { invalidateLists, storeMetadata } from './queries'
import { isConflict, StaleNotice } from './stale-notice'
import { formatTimestamp } from './timeline'

interface Row {
  key: number
  time: string
  title: string
}

let rowKeys = 0
const toRow = (chapter: ChapterSchema): Row => ({
  key: ++rowKeys,
  time: formatTimestamp(chapter.start_seconds),
  title: chapter.title,
})

export function ChapterEditor({
  videoId,
  metadata,
  onDone,
}: {
  videoId: string
  metadata: VideoMetadataResponseSchema
  onDone: () => void
}) {
  const id = useId()
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const player = usePlayer()
  const now = usePlayerSelector((state) => Math.floor(state.time))
  const [rows, setRows] = useState<Row[]>(() => metadata.chapters.map(toRow))
  const duration = metadata.extracted_video_duration_seconds

  const save = useMutation({
    ...videosReplaceChaptersMutation(),
    // Every error is shown in the editor itself.
    meta: { toast: false },
    onSuccess: (updated) => {
      storeMetadata(queryClient, videoId, updated)
      void invalidateLists(queryClient)
      toasts.show('success', 'Chapters saved.')
      onDone()
    },
  })

  const times = rows.map((row) => parseTimestamp(row.time))
  const chapters = rows.map((row, index) => ({
    start_seconds: times[index] ?? Number.NaN,
    title: row.title.trim(),
  }))
  const badTime = times.some((time) => time === null)
  const problems = badTime ? [] : chapterProblems(chapters, duration)
  const problemsAt = (index: number) => problems.filter((problem) => problem.index === index)
  const listProblems = problems.filter((problem) => problem.index === null)

  const update = (index: number, patch: Partial<Row>) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...patch } : row)))

  const addAtPlayer = () => {
    const valid = chapters.filter((chapter) => Number.isFinite(chapter.start_seconds))
    const { index } = addChapterAt(valid, now, '')
    setRows((current) => [
      ...current.slice(0, index),
      { key: ++rowKeys, time: formatTimestamp(now), title: '' },
      ...current.slice(index),
    ])
    // The new row's title field takes focus once it is drawn.
    requestAnimationFrame(() => document.getElementById(`${id}-title-${index}`)?.focus())
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (badTime || problems.length > 0 || save.isPending) return
    save.mutate({
      path: { video_id: videoId },
      body: { version: metadata.version, chapters },
    })
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onDone()
    }
  }

  return (
    <form className="chapter-editor" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <p className="small muted">
        Times as m:ss. Enter saves, Escape cancels. YouTube needs the first chapter at 0:00, at
        least three, each at least 10 seconds.
      </p>
      <ol className="chapter-rows">
        {rows.map((row, index) => {
          const rowProblems = problemsAt(index)
          const timeBad = times[index] === null
          const describedBy = `${id}-problem-${index}`
          return (
            <li key={row.key} className="chapter-row" data-testid="chapter-row">
              <label className="visually-hidden" htmlFor={`${id}-time-${index}`}>
                Chapter {index + 1} start
              </label>
              <input
                id={`${id}-time-${index}`}
                className="chapter-time-input"
                value={row.time}
                inputMode="numeric"
                aria-invalid={timeBad || undefined}
                aria-describedby={describedBy}
                onChange={(event) => update(index, { time: event.target.value })}
                onFocus={() => {
                  const time = times[index]
                  if (time != null) player.seek(time, { play: false })
                }}
              />
              <label className="visually-hidden" htmlFor={`${id}-title-${index}`}>
                Chapter {index + 1} title
              </label>
              <input
                id={`${id}-title-${index}`}
                className="chapter-title-input"
                value={row.title}
                maxLength={100}
                aria-invalid={rowProblems.length > 0 || undefined}
                aria-describedby={describedBy}
                onChange={(event) => update(index, { title: event.target.value })}
              />
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={`Delete chapter ${index + 1}`}
                onClick={() => setRows((current) => current.filter((_, at) => at !== index))}
              >
                Delete
              </button>
              <p id={describedBy} className="chapter-problem">
                {timeBad
                  ? 'Write the time as m:ss, e.g. 1:05.'
                  : rowProblems.map((p) => p.message).join(' ')}
              </p>
            </li>
          )
        })}
      </ol>
      {listProblems.length > 0 ? (
        <p className="chapter-problem" role="status">
          {listProblems.map((problem) => problem.message).join(' ')}
        </p>
      ) : null}
      {save.error ? (
        isConflict(save.error) ? (
          <StaleNotice videoId={videoId} onReload={onDone} />
        ) : (
          <p className="chapter-problem" role="alert">
            {errorMessage(save.error)}
          </p>
        )
      ) : null}
      <div className="row chapter-editor-actions">
        <button type="button" className="button button-quiet" onClick={addAtPlayer}>
          Add chapter at {formatTimestamp(now)}
        </button>
        <span className="spacer" />
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="button"
          disabled={save.isPending || badTime || problems.length > 0}
        >
          {save.isPending ? 'Saving…' : 'Save chapters'}
        </button>
      </div>
    </form>
  )
}
