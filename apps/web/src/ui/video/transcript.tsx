// The transcript: timed segments as buttons (click to play from there), the one being
// spoken highlighted and kept in view while playing, and a search that filters and marks.
import { memo, useDeferredValue, useId, useMemo, useRef, useState } from 'react'
import type { TranscriptSegmentSchema } from '../../api/gen'
import { MarkedText } from '../marked-text'
import { usePlayer } from './player-store'
import { missingResultNote, type ResultsState } from './results-state'
import { SearchField } from './search-field'
import { Section } from './section'
import { countMatches, highlightParts, searchPattern } from './timeline'
import { Timestamp } from './timestamp'
import { useSpokenLine } from './use-spoken-line'

export function Transcript({
  segments,
  state,
}: {
  segments: readonly TranscriptSegmentSchema[]
  state: ResultsState
}) {
  const id = useId()
  const [query, setQuery] = useState('')
  const deferredQuery = useDeferredValue(query)
  const pattern = useMemo(() => searchPattern(deferredQuery), [deferredQuery])
  const listRef = useRef<HTMLOListElement>(null)
  const current = useSpokenLine(listRef, segments, pattern !== null)

  const results = useMemo(() => {
    const all = segments.map((segment, index) => ({ segment, index }))
    if (!pattern) return { shown: all, matches: 0 }
    let matches = 0
    const shown = all.filter(({ segment }) => {
      const found = countMatches(segment.text, pattern)
      matches += found
      return found > 0
    })
    return { shown, matches }
  }, [segments, pattern])

  if (segments.length === 0) {
    return (
      <Section title="Transcript">
        <p className="empty-note">
          {missingResultNote(state, {
            coming: 'The transcript appears here when processing finishes.',
            absent: 'No speech was found in this video.',
          })}
        </p>
      </Section>
    )
  }

  return (
    <Section
      title="Transcript"
      count={segments.length}
      hint="Click a line to play from there."
      className="transcript"
    >
      <search className="transcript-search">
        <SearchField
          id={`${id}-q`}
          label="Search the transcript"
          placeholder="Search the transcript"
          value={query}
          onChange={setQuery}
          summaryId={`${id}-summary`}
        />
        <p id={`${id}-summary`} className="small muted" role="status">
          {pattern ? matchSummary(results.matches, results.shown.length) : ''}
        </p>
      </search>
      {pattern && results.shown.length === 0 ? (
        <p className="empty-note">Nothing in the transcript matches “{deferredQuery.trim()}”.</p>
      ) : (
        <ol className="transcript-list" ref={listRef}>
          {results.shown.map(({ segment, index }) => (
            <Segment
              key={index}
              index={index}
              segment={segment}
              current={index === current}
              pattern={pattern}
            />
          ))}
        </ol>
      )}
    </Section>
  )
}

function matchSummary(matches: number, lines: number): string {
  if (matches === 0) return 'No matches'
  const m = matches === 1 ? '1 match' : `${matches} matches`
  return lines === 1 ? `${m} in 1 line` : `${m} in ${lines} lines`
}

const Segment = memo(function Segment({
  index,
  segment,
  current,
  pattern,
}: {
  index: number
  segment: TranscriptSegmentSchema
  current: boolean
  pattern: RegExp | null
}) {
  const player = usePlayer()
  return (
    <li data-index={index}>
      <button
        type="button"
        className="segment"
        aria-current={current ? 'true' : undefined}
        onClick={() => player.seek(segment.start)}
      >
        <Timestamp seconds={segment.start} />
        <MarkedText className="segment-text" parts={highlightParts(segment.text, pattern)} />
      </button>
    </li>
  )
})
