// The chapter list: each chapter is a button that seeks the player to its start.
import type { ChapterSchema } from '../../api/gen'
import { useCurrentChapter } from './player'
import { usePlayer } from './player-store'
import { missingResultNote, type ResultsState } from './results-state'
import { Section } from './section'
import { formatTimestamp, spokenTimestamp } from './timeline'

export function Chapters({
  chapters,
  state,
}: {
  chapters: readonly ChapterSchema[]
  state: ResultsState
}) {
  const player = usePlayer()
  const current = useCurrentChapter(chapters)

  return (
    <Section
      title="Chapters"
      count={chapters.length || undefined}
      hint={chapters.length ? 'Click a chapter to play from there.' : undefined}
    >
      {chapters.length === 0 ? (
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
                <span className="timestamp" aria-hidden="true">
                  {formatTimestamp(chapter.start_seconds)}
                </span>
                <span className="visually-hidden">{spokenTimestamp(chapter.start_seconds)}: </span>
                <span className="chapter-title">{chapter.title}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </Section>
  )
}
