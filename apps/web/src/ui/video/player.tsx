// The player (the original, streamed with Range requests, with the generated subtitles)
// and the chapter strip under it.
import { memo } from 'react'
import type { ChapterSchema, VideoDetailSchema } from '../../api/gen'
import { languageName } from './facts'
import { usePlayer, usePlayerSelector, usePlayerState } from './player-store'
import { type ChapterSpan, chapterSpans, currentIndex, formatTimestamp } from './timeline'

/** "1280x720" → "1280 / 720", for a box that keeps its shape before the video loads. */
function aspectRatio(resolution: string | null | undefined): string {
  const match = /^(\d+)\s*[x×]\s*(\d+)$/.exec(resolution ?? '')
  if (!match) return '16 / 9'
  const [, width, height] = match
  return Number(width) > 0 && Number(height) > 0 ? `${width} / ${height}` : '16 / 9'
}

/** A URL that changes with the job, so a reprocessed video's files are fetched anew. */
export function versioned(url: string, jobId: string | undefined): string {
  return jobId ? `${url}${url.includes('?') ? '&' : '?'}v=${jobId}` : url
}

export function VideoPlayer({ video }: { video: VideoDetailSchema }) {
  const player = usePlayer()
  const metadata = video.metadata
  const jobId = metadata?.job_id
  const vtt = metadata?.subtitle_files_urls.vtt
  const language = metadata?.language || 'en'
  const poster = metadata?.thumbnail_file_url

  return (
    <div
      className="player"
      style={{ aspectRatio: aspectRatio(metadata?.extracted_video_resolution) }}
    >
      {/* biome-ignore lint/a11y/useMediaCaption: the track is there once subtitles exist */}
      <video
        ref={player.attach}
        className="player-video"
        controls
        playsInline
        preload="metadata"
        poster={poster ? versioned(poster, jobId) : undefined}
        src={`/api/videos/${video.id}/original`}
        aria-label={`Video: ${metadata?.title || video.original_filename}`}
      >
        {vtt ? (
          <track
            // A new job brings new subtitles: a new element makes the browser load them.
            key={jobId}
            kind="subtitles"
            src={versioned(`/api/videos/${video.id}/subtitles.vtt`, jobId)}
            srcLang={language}
            label={`${languageName(language)} (generated)`}
            default
          />
        ) : null}
      </video>
    </div>
  )
}

/** Chapters as segments of a bar under the player: the played part fills, click to seek. */
export function ChapterStrip({
  chapters,
  duration,
}: {
  chapters: readonly ChapterSchema[]
  duration: number | null
}) {
  const state = usePlayerState()
  const length = Number.isFinite(state.duration) && state.duration > 0 ? state.duration : duration
  const spans = chapterSpans(chapters, length)
  if (spans.length === 0) return null
  const current = currentIndex(spans, state.time, (span) => span.start)
  const currentSpan = spans[current]

  return (
    <nav className="chapter-strip" aria-label="Chapter timeline">
      <ol className="chapter-strip-bar">
        {spans.map((span) => (
          <ChapterSegment
            key={span.index}
            span={span}
            played={segmentPlayed(span, state.time)}
            current={span.index === currentSpan?.index}
          />
        ))}
      </ol>
      <p className="chapter-strip-now small muted" aria-live="off">
        {currentSpan ? (
          <>
            <span className="chapter-strip-time">{formatTimestamp(state.time)}</span>
            {' · '}
            {currentSpan.title}
          </>
        ) : null}
      </p>
    </nav>
  )
}

function segmentPlayed(span: ChapterSpan, time: number): number {
  if (time <= span.start) return 0
  if (time >= span.end) return 1
  return (time - span.start) / (span.end - span.start)
}

const ChapterSegment = memo(function ChapterSegment({
  span,
  played,
  current,
}: {
  span: ChapterSpan
  played: number
  current: boolean
}) {
  const player = usePlayer()
  return (
    <li className="chapter-strip-item" style={{ flexGrow: span.share }}>
      <button
        type="button"
        className="chapter-strip-segment"
        aria-current={current ? 'true' : undefined}
        aria-label={`${formatTimestamp(span.start)} ${span.title}`}
        title={`${formatTimestamp(span.start)} · ${span.title}`}
        onClick={() => player.seek(span.start)}
      >
        <span className="chapter-strip-track">
          <span className="chapter-strip-fill" style={{ transform: `scaleX(${played})` }} />
        </span>
        <span className="chapter-strip-label">{span.title}</span>
      </button>
    </li>
  )
})

/** The index of the chapter playing now (-1 before the first). */
export function useCurrentChapter(chapters: readonly ChapterSchema[]): number {
  return usePlayerSelector((state) =>
    currentIndex(chapters, state.time, (chapter) => chapter.start_seconds),
  )
}
