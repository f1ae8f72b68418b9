// The transcript, editable: a line is edited in place (Enter saves, Escape cancels), split
// at the cursor or merged with the next; a misheard word is replaced in every line at once;
// every save can be undone. Words the recognizer was unsure of are underlined. The player
// follows the line being edited. Saves carry the transcript's `version`: a 409 says it
// changed elsewhere and offers to reload.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react'
import { errorMessage } from '../../api/errors'
import type { EditableSegmentSchema, TranscriptResponseSchema } from '../../api/gen'
import {
  videosEditTranscriptMutation,
  videosGetTranscriptOptions,
  videosGetTranscriptQueryKey,
  videosRestoreTranscriptMutation,
} from '../../api/gen/@tanstack/react-query.gen'
import { MarkedText } from '../marked-text'
import { useToasts } from '../toaster'
import { usePlayer } from './player-store'
import { videoQueryKey } from './queries'
import { SearchField } from './search-field'
import { Section } from './section'
import { isConflict, StaleNotice } from './stale-notice'
import {
  countMatches,
  formatTimestamp,
  highlightParts,
  searchPattern,
  spokenTimestamp,
} from './timeline'
import { Timestamp } from './timestamp'
import { compareWithEdited } from './transcript-compare'
import {
  type EditLine,
  editLines,
  LOW_CONFIDENCE,
  mergeWithNext,
  replaceEverywhere,
  setLineText,
  splitLine,
} from './transcript-edits'
import { useSpokenLine } from './use-spoken-line'

export function TranscriptEditor({ videoId }: { videoId: string }) {
  const options = videosGetTranscriptOptions({ path: { video_id: videoId } })
  const { data, error } = useQuery(options)
  if (error) {
    return (
      <Section title="Transcript">
        <p className="empty-note">{errorMessage(error)}</p>
      </Section>
    )
  }
  if (!data) {
    return (
      <Section title="Transcript">
        <p className="empty-note" aria-busy="true">
          Loading the transcript…
        </p>
      </Section>
    )
  }
  return <LoadedEditor videoId={videoId} transcript={data} />
}

function LoadedEditor({
  videoId,
  transcript,
}: {
  videoId: string
  transcript: TranscriptResponseSchema
}) {
  const id = useId()
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const player = usePlayer()
  const [find, setFind] = useState('')
  const [replacement, setReplacement] = useState('')
  const [editing, setEditing] = useState<{ index: number; text: string } | null>(null)
  // The lines before each save made here, newest last, for Undo.
  const [history, setHistory] = useState<EditLine[][]>([])
  const listRef = useRef<HTMLOListElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)

  const segments = transcript.segments
  const lines = useMemo(() => editLines(segments), [segments])
  const pattern = useMemo(() => searchPattern(find), [find])
  const current = useSpokenLine(listRef, segments, pattern !== null || editing !== null)

  const storeTranscript = (updated: TranscriptResponseSchema) => {
    queryClient.setQueryData(videosGetTranscriptQueryKey({ path: { video_id: videoId } }), updated)
    // Subtitles, transcript.txt, the show notes and the export follow the transcript.
    void queryClient.invalidateQueries({ queryKey: videoQueryKey(videoId) })
  }

  const save = useMutation({
    ...videosEditTranscriptMutation(),
    meta: { toast: false },
    onSuccess: (updated) => storeTranscript(updated),
  })

  const restore = useMutation({
    ...videosRestoreTranscriptMutation(),
    onSuccess: (updated) => {
      storeTranscript(updated)
      setHistory((past) => [...past, lines])
      toasts.show('success', "The recognizer's transcript is back.")
    },
  })

  const send = (next: EditLine[], done: string, undoable = true) => {
    save.mutate(
      { path: { video_id: videoId }, body: { version: transcript.version, segments: next } },
      {
        onSuccess: () => {
          if (undoable) setHistory((past) => [...past, lines])
          setEditing(null)
          toasts.show('success', done)
        },
      },
    )
  }

  const startEditing = (index: number) => {
    const line = lines[index]
    if (!line) return
    setEditing({ index, text: line.text })
    // The player follows the line being edited.
    player.seek(line.start, { play: false })
    requestAnimationFrame(() => inputRef.current?.focus())
  }

  const onLineKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!editing) return
    if (event.key === 'Enter') {
      event.preventDefault()
      send(setLineText(lines, editing.index, editing.text.trim()), 'Line saved.')
    } else if (event.key === 'Escape') {
      event.preventDefault()
      setEditing(null)
    }
  }

  const matches = useMemo(
    () => lines.reduce((total, line) => total + countMatches(line.text, pattern), 0),
    [lines, pattern],
  )
  const shown = lines
    .map((line, index) => ({ line, index }))
    .filter(
      ({ line, index }) =>
        !pattern || countMatches(line.text, pattern) > 0 || editing?.index === index,
    )

  return (
    <Section
      title="Transcript"
      count={lines.length}
      hint="Click a line to play from there; Edit to correct it (Enter saves, Escape cancels)."
      className="transcript"
      actions={
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={history.length === 0 || save.isPending}
          onClick={() => {
            const previous = history.at(-1)
            if (!previous) return
            setHistory((past) => past.slice(0, -1))
            send(previous, 'Undone.', false)
          }}
        >
          Undo
        </button>
      }
    >
      <div className="transcript-editor transcript-tools row">
        <SearchField
          id={`${id}-find`}
          label="Find in the transcript"
          placeholder="Find"
          value={find}
          onChange={setFind}
          summaryId={`${id}-summary`}
        />
        <label className="visually-hidden" htmlFor={`${id}-replace`}>
          Replace with
        </label>
        <input
          id={`${id}-replace`}
          placeholder="Replace with"
          value={replacement}
          onChange={(event) => setReplacement(event.target.value)}
          autoComplete="off"
        />
        <button
          type="button"
          className="button button-small"
          disabled={!pattern || matches === 0 || save.isPending}
          onClick={() => {
            const { lines: replaced, count } = replaceEverywhere(lines, find, replacement)
            send(replaced, count === 1 ? 'Replaced 1 match.' : `Replaced ${count} matches.`)
          }}
        >
          Replace all
        </button>
        <p id={`${id}-summary`} className="small muted transcript-summary" role="status">
          {pattern ? (matches === 1 ? '1 match' : `${matches} matches`) : ''}
        </p>
      </div>
      {save.error ? (
        isConflict(save.error) ? (
          <StaleNotice videoId={videoId} onReload={() => setEditing(null)} />
        ) : (
          <p className="chapter-problem" role="alert">
            {errorMessage(save.error)}
          </p>
        )
      ) : null}
      {transcript.edited ? (
        <div className="row transcript-edited">
          <p className="small muted">
            You have edited this transcript; subtitles and files follow it.
          </p>
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={restore.isPending || save.isPending}
            onClick={() =>
              restore.mutate({ path: { video_id: videoId }, body: { version: transcript.version } })
            }
          >
            Restore the recognizer's version
          </button>
        </div>
      ) : null}
      <ol className="transcript-list" ref={listRef}>
        {shown.map(({ line, index }) =>
          editing?.index === index ? (
            <li key={line.id ?? `new-${index}`} data-index={index} className="line-editing">
              <span className="timestamp" aria-hidden="true">
                {formatTimestamp(line.start)}
              </span>
              <label className="visually-hidden" htmlFor={`${id}-line`}>
                Line at {spokenTimestamp(line.start)}
              </label>
              <input
                id={`${id}-line`}
                ref={inputRef}
                className="line-input"
                value={editing.text}
                onChange={(event) => setEditing({ index, text: event.target.value })}
                onKeyDown={onLineKey}
              />
              <div className="row line-actions">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => {
                    const at = inputRef.current?.selectionStart ?? editing.text.length
                    send(
                      splitLine(setLineText(lines, index, editing.text), index, at),
                      'Line split.',
                    )
                  }}
                >
                  Split at cursor
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  disabled={index === lines.length - 1}
                  onClick={() =>
                    send(
                      mergeWithNext(setLineText(lines, index, editing.text), index),
                      'Lines merged.',
                    )
                  }
                >
                  Merge with next
                </button>
                <span className="spacer" />
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => setEditing(null)}
                >
                  Cancel
                </button>
                <button
                  type="button"
                  className="button button-small"
                  disabled={save.isPending}
                  onClick={() =>
                    send(setLineText(lines, index, editing.text.trim()), 'Line saved.')
                  }
                >
                  Save
                </button>
              </div>
            </li>
          ) : (
            <li key={line.id ?? `new-${index}`} data-index={index} className="line">
              <button
                type="button"
                className="segment"
                aria-current={index === current ? 'true' : undefined}
                onClick={() => player.seek(line.start)}
              >
                <Timestamp seconds={line.start} />
                <LineText segment={segments[index]} text={line.text} pattern={pattern} />
              </button>
              <button
                type="button"
                className="button button-quiet button-small line-edit"
                aria-label={`Edit the line at ${formatTimestamp(line.start)}`}
                onClick={() => startEditing(index)}
              >
                Edit
              </button>
            </li>
          ),
        )}
      </ol>
      {/* After the lines, so the transcript itself comes first, for eyes and for find. */}
      {transcript.edited && transcript.original ? (
        <RecognizedBeside recognized={transcript.original} edited={segments} />
      ) : null}
    </Section>
  )
}

/** A line's text with matches of the search marked, else its unsure words underlined. */
function LineText({
  segment,
  text,
  pattern,
}: {
  segment: EditableSegmentSchema | undefined
  text: string
  pattern: RegExp | null
}) {
  if (pattern) {
    return <MarkedText className="segment-text" parts={highlightParts(text, pattern)} />
  }
  const unsure = new Set(
    (segment?.words ?? [])
      .filter((word) => word.probability != null && word.probability < LOW_CONFIDENCE)
      .map((word) => normalizeWord(word.word)),
  )
  if (unsure.size === 0) return <span className="segment-text">{text}</span>
  return (
    <span className="segment-text">
      {text.split(/(\s+)/).map((token, at) =>
        unsure.has(normalizeWord(token)) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens never reorder
          <span key={at} className="unsure" title="The recognizer was unsure of this word">
            {token}
          </span>
        ) : (
          token
        ),
      )}
    </span>
  )
}

function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, '')
}

/** The recognizer's lines (a new recognition after a reprocess that kept the edit, or the
 * original), with the ones the edit changed marked, to compare before restoring. */
function RecognizedBeside({
  recognized,
  edited,
}: {
  recognized: readonly { start: number; text: string }[]
  edited: readonly { text: string }[]
}) {
  const lines = useMemo(() => compareWithEdited(recognized, edited), [recognized, edited])
  const changed = lines.filter((line) => line.changed).length
  return (
    <details className="transcript-compare">
      <summary>
        Compare with the recognizer's version (
        {changed === 1 ? '1 line differs' : `${changed} lines differ`})
      </summary>
      <ol className="transcript-compare-list">
        {lines.map((line) => (
          <li
            // Lines do not overlap, so no two start at the same time.
            key={line.start}
            className={line.changed ? 'compare-changed' : undefined}
          >
            <span className="timestamp">{formatTimestamp(line.start)}</span>{' '}
            {line.changed ? <span className="visually-hidden">Changed in your edit: </span> : null}
            {line.text}
          </li>
        ))}
      </ol>
    </details>
  )
}
