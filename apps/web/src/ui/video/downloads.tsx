// Files to download, and the YouTube text copied straight to the clipboard.
import { useState } from 'react'
import { errorMessage } from '../../api/errors'
import type { VideoDetailSchema } from '../../api/gen'
import { videosYoutubeText } from '../../api/gen/sdk.gen'
import { useToasts } from '../toaster'
import { copyText } from './clipboard'
import { isInProgress } from './queries'
import { Section } from './section'

interface DownloadLink {
  label: string
  file: string
  detail: string
  ready: boolean
}

export function Downloads({ video }: { video: VideoDetailSchema }) {
  const toasts = useToasts()
  const [copying, setCopying] = useState(false)
  const metadata = video.metadata
  const running = isInProgress(video.latest_job?.status)
  const base = `/api/videos/${video.id}`
  // A finished job that heard nothing still writes empty subtitle and transcript files:
  // offering them would hand the creator an empty file, so the section says why instead.
  const silent = video.latest_job?.status === 'COMPLETED' && !metadata?.transcript_text?.trim()

  const links: DownloadLink[] = [
    {
      label: 'Subtitles (SRT)',
      file: 'subtitles.srt',
      detail: 'For YouTube Studio and most editors',
      ready: !silent && Boolean(metadata?.subtitle_files_urls.srt),
    },
    {
      label: 'Subtitles (VTT)',
      file: 'subtitles.vtt',
      detail: 'WebVTT, for web players',
      ready: !silent && Boolean(metadata?.subtitle_files_urls.vtt),
    },
    {
      label: 'Transcript (TXT)',
      file: 'transcript.txt',
      detail: 'Plain text',
      ready: !silent && metadata?.transcript_text != null,
    },
    {
      label: 'YouTube text (TXT)',
      file: 'youtube.txt',
      detail: 'Title, description and tags',
      ready: metadata?.title != null,
    },
    {
      label: 'Everything (JSON)',
      file: 'export.json',
      detail: 'All metadata, for scripts',
      ready: Boolean(video.latest_job),
    },
  ]
  const ready = links.filter((link) => link.ready)
  const canCopy = metadata?.title != null

  const copy = async () => {
    setCopying(true)
    try {
      const text = videosYoutubeText({
        path: { video_id: video.id },
        parseAs: 'text',
        throwOnError: true,
      }).then(({ data }) => String(data))
      await copyText(text)
      toasts.show('success', 'YouTube text copied: paste it into YouTube Studio.')
    } catch (error) {
      toasts.show('error', `Could not copy the YouTube text. ${errorMessage(error)}`)
    } finally {
      setCopying(false)
    }
  }

  return (
    <Section
      title="Downloads"
      hint={!running && ready.length > 0 ? 'Edits you save are included in every file.' : undefined}
    >
      {canCopy ? (
        <button
          type="button"
          className="button button-wide copy-button"
          onClick={() => void copy()}
          disabled={copying}
        >
          {copying ? 'Copying…' : 'Copy YouTube text'}
        </button>
      ) : null}
      {silent ? (
        <p className="empty-note">
          No speech was found in this video, so there are no subtitles or transcript to download.
        </p>
      ) : null}
      {ready.length === 0 ? (
        <p className="empty-note">
          {running ? 'Files appear here as processing finishes.' : 'Nothing to download yet.'}
        </p>
      ) : (
        <ul className="download-list">
          {ready.map((link) => (
            <li key={link.file}>
              <a href={`${base}/${link.file}`} download className="download-link">
                <span className="download-label">{link.label}</span>
                <span className="download-detail" aria-hidden="true">
                  {link.detail}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}
