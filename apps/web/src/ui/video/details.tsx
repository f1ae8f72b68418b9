// What Echo knows about the file, and which engines wrote the results.

import type { ReactNode } from 'react'
import type { VideoDetailSchema } from '../../api/gen'
import { formatBytes } from '../format'
import { LocalTime } from '../local-time'
import { describeLanguage, formatFps, formatName, formatResolution } from './facts'
import { Section } from './section'
import { formatTimestamp } from './timeline'

const ENGINE_ROLES: Record<string, string> = {
  transcript: 'Speech to text',
  text: 'Titles and text',
}

export function VideoDetails({ video }: { video: VideoDetailSchema }) {
  const metadata = video.metadata
  const engines = Object.entries(metadata?.engines ?? {})
  const duration = metadata?.extracted_video_duration_seconds
  const facts: [string, ReactNode][] = [
    // Whole seconds, rounded down: the same as the player's clock (0 means unknown).
    ['Duration', duration ? formatTimestamp(duration) : '—'],
    ['Resolution', formatResolution(metadata?.extracted_video_resolution)],
    ['Frame rate', formatFps(metadata?.fps)],
    ['Format', formatName(video.content_type, metadata?.extracted_video_format)],
    ['File size', formatBytes(video.size_bytes)],
    ['Language', describeLanguage(metadata?.language, video.language)],
    ['Uploaded', <LocalTime key="uploaded" iso={video.created_at} />],
  ]

  return (
    <Section title="Details">
      <dl className="facts">
        <div className="fact fact-wide">
          <dt>File</dt>
          <dd className="filename">{video.original_filename}</dd>
        </div>
        {facts.map(([label, value]) => (
          <div className="fact" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {engines.length ? (
        <div className="engines">
          <h3 className="subheading">Engines used</h3>
          <ul className="engine-list">
            {engines.map(([role, engine]) => (
              <li key={role} className="engine">
                <span className="engine-role">{ENGINE_ROLES[role] ?? role}</span>
                <code className="engine-name">{engine}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  )
}
