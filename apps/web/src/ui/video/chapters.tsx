// The chapter list: each chapter is a button that seeks the player to its start; "Edit
// chapters" turns it into the chapter editor once the job has finished.
import { useState } from 'react'
import type { ChapterSchema, VideoMetadataResponseSchema } from '../../api/gen'
import { ChapterEditor } from './chapter-editor'
import { useCurrentChapter } from './player'
import { usePlayer } from './player-store'
import { missingResultNote, type ResultsState } from './results-state'
import { Section } from './section'
import { Timestamp } from './timestamp'

export function Chapters({
  chapters,
  state,
  videoId,
  editable,
}: {
  chapters: readonly ChapterSchema[]
  state: ResultsState
  videoId: string
  /** The metadata to edit, when the job has finished (edits wait while it runs). */
  editable: VideoMetadataResponseSchema | null
}) {
  const player = usePlayer()
  const current = useCurrentChapter(chapters)
  const [editing, setEditing] = useState(false)

  return (
    <Section
      title="Chapters"
      count={chapters.length || undefined}
      hint={
        editing
          ? 'Play to a moment, then add a chapter there.'
          : chapters.length
            ? 'Click a chapter to play from there.'
            : undefined
      }
      actions={
        editable && !editing ? (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => setEditing(true)}
          >
            Edit chapters
          </button>
        ) : null
      }
    >
      {editing && editable ? (
        <ChapterEditor videoId={videoId} metadata={editable} onDone={() => setEditing(false)} />
      ) : chapters.length === 0 ? (
        <p className="empty-note">
          {missingResultNote(state, {
            coming: 'Chapters appear here when processing finishes.',
            absent:
              'No chapters. YouTube needs at least three chapters of 10 seconds or more, and this video has too few distinct topics or is too short.',
          })}
        </p>
      ) : (
        <ol className="chapter-list">
          {chapters.map((chapter, index) => (
            <li key={`${chapter.start_seconds}-${chapter.title}`}>
              <button
                type="button"
                className="chapter-item"
                aria-current={index === current ? 'true' : undefined}
                onClick={() => player.seek(chapter.start_seconds)}
              >
                <Timestamp seconds={chapter.start_seconds} />
                <span className="chapter-title">{chapter.title}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </Section>
  )
}
