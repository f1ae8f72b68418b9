// The video detail page: composition and the states of the latest job.
import { useSuspenseQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { JobWarnings } from '../jobs/job-warnings'
import { StatusAnnouncer } from '../jobs/status-announcer'
import { JobsStyles } from '../jobs/styles'
import { Chapters } from './chapters'
import { VideoDetails } from './details'
import { Downloads } from './downloads'
import { JobBanner } from './job-banner'
import { MetadataEditor } from './metadata-editor'
import { VideoStyles } from './page-states'
import { ChapterStrip, VideoPlayer } from './player'
import { createPlayerStore, PlayerContext } from './player-store'
import { ProcessingPanel } from './processing-panel'
import { PublishPanel } from './publish-panel'
import { isInProgress, pollingVideoQuery } from './queries'
import { resultsState } from './results-state'
import { sectionAnchor } from './section'
import { SectionNav } from './section-nav'
import { ShortcutsDialog, usePlayerShortcuts } from './shortcuts-dialog'
import { ShowNotes } from './show-notes'
import { useStartAt } from './start-at'
import { ThumbnailPicker } from './thumbnail-picker'
import { Transcript } from './transcript'
import { TranscriptEditor } from './transcript-editor'
import { VideoHeader } from './video-header'

export function VideoPage({ videoId, startAt }: { videoId: string; startAt?: number }) {
  const [player] = useState(createPlayerStore)
  return (
    <PlayerContext.Provider value={player}>
      <VideoPageContent videoId={videoId} startAt={startAt} />
    </PlayerContext.Provider>
  )
}

function VideoPageContent({ videoId, startAt }: { videoId: string; startAt?: number }) {
  const { data: video } = useSuspenseQuery(pollingVideoQuery(videoId))
  const [showingShortcuts, setShowingShortcuts] = useState(false)
  usePlayerShortcuts(() => setShowingShortcuts(true))
  // Set when this page queued a job, so the banner can say so until the job is seen.
  const [queuedJobId, setQueuedJobId] = useState<string | null>(null)

  const job = video.latest_job
  const metadata = video.metadata
  const running = isInProgress(job?.status)
  const state = resultsState(job?.status)
  const showNotes = !running && Boolean(metadata?.show_notes_text)
  const sections = [
    'Player',
    ...(running ? ['Processing'] : metadata ? ['Titles', 'Description', 'Tags'] : []),
    'Chapters',
    'Transcript',
    ...(!running && metadata ? ['Thumbnails'] : []),
    'Downloads',
    ...(showNotes ? ['Show notes'] : []),
    'Details',
  ]

  return (
    <>
      {/* The status badge and labels are the job pages' own (ui/jobs). */}
      <JobsStyles />
      <VideoStyles />
      <main className="page video-page">
        <StartAt seconds={startAt} />
        <VideoHeader video={video} onQueued={setQueuedJobId} />
        <StatusAnnouncer job={job} />
        <JobBanner video={video} queuedJobId={queuedJobId} />
        <JobWarnings warnings={job?.warnings ?? []} />
        <SectionNav sections={sections} />

        <div className="video-layout">
          <div className="video-primary">
            <section id={sectionAnchor('Player')} className="card player-card" aria-label="Player">
              <VideoPlayer video={video} />
              <ChapterStrip
                chapters={metadata?.chapters ?? []}
                duration={metadata?.extracted_video_duration_seconds ?? null}
              />
              <button
                type="button"
                className="shortcuts-button"
                aria-keyshortcuts="Shift+?"
                onClick={() => setShowingShortcuts(true)}
              >
                Keyboard shortcuts <kbd>?</kbd>
              </button>
            </section>
            <Chapters
              chapters={metadata?.chapters ?? []}
              state={state}
              videoId={video.id}
              editable={!running && metadata ? metadata : null}
            />
            {!running && metadata && metadata.transcript_segments.length > 0 ? (
              <TranscriptEditor videoId={video.id} />
            ) : (
              <Transcript segments={metadata?.transcript_segments ?? []} state={state} />
            )}
            {showNotes && metadata?.show_notes_text ? (
              <ShowNotes text={metadata.show_notes_text} />
            ) : null}
            <VideoDetails video={video} />
          </div>

          <div className="video-secondary">
            {running && job ? (
              <ProcessingPanel job={job} />
            ) : metadata ? (
              <MetadataEditor key={metadata.job_id} videoId={video.id} metadata={metadata} />
            ) : null}
            {!running && metadata ? (
              <ThumbnailPicker videoId={video.id} metadata={metadata} />
            ) : null}
            {job?.status === 'COMPLETED' && metadata ? <PublishPanel videoId={video.id} /> : null}
            <Downloads video={video} />
          </div>
        </div>
        <ShortcutsDialog open={showingShortcuts} onClose={() => setShowingShortcuts(false)} />
      </main>
    </>
  )
}

/** Inside the player's context: seeks there once the video can play (?t= in the URL). */
function StartAt({ seconds }: { seconds: number | undefined }) {
  useStartAt(seconds)
  return null
}
