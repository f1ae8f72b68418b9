// The drop zone (also a file picker, reachable with the keyboard) and the uploads under way.
import { type DragEvent, useEffect, useId, useState } from 'react'
import { formatBytes } from '../format'
import { percent } from '../jobs/job-view'
import { ProgressBar } from '../jobs/progress-bar'
import { LineIcon } from '../line-icon'
import { AUTO_LANGUAGE, SPOKEN_LANGUAGES } from './languages'
import { sentLabel } from './upload'
import { type UploadItem, uploadFraction } from './upload-queue'
import { useUploads } from './uploads-provider'

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files')
}

export function UploadPanel() {
  const { items, add, cancel, showRows } = useUploads()
  const [over, setOver] = useState(false)
  const [language, setLanguage] = useState(AUTO_LANGUAGE)
  const hintId = useId()
  const languageId = useId()

  useEffect(showRows, [showRows])

  // A file dropped beside the zone must not make the browser leave the page to show it.
  useEffect(() => {
    const keep = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
    }
    window.addEventListener('dragover', keep)
    window.addEventListener('drop', keep)
    return () => {
      window.removeEventListener('dragover', keep)
      window.removeEventListener('drop', keep)
    }
  }, [])

  const onDragOver = (event: DragEvent<HTMLLabelElement>) => {
    if (!carriesFiles(event)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setOver(true)
  }
  const onDragLeave = (event: DragEvent<HTMLLabelElement>) => {
    const to = event.relatedTarget
    if (!(to instanceof Node) || !event.currentTarget.contains(to)) setOver(false)
  }
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault()
    setOver(false)
    add(event.dataTransfer.files, language)
  }

  return (
    <section className="dash-upload-card" aria-label="Upload">
      <label
        className="dash-drop"
        data-over={over ? 'true' : undefined}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        <input
          type="file"
          accept="video/*"
          multiple
          aria-label="Upload a video"
          aria-describedby={hintId}
          className="visually-hidden"
          onChange={(event) => {
            if (event.target.files) add(event.target.files, language)
            // Picking the same file again must fire another change.
            event.target.value = ''
          }}
        />
        <span className="dash-drop-icon" aria-hidden="true">
          <LineIcon size={26} box={24} weight={1.8}>
            <path d="M12 16V4m0 0l-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 002 2h12a2 2 0 002-2v-3" />
          </LineIcon>
        </span>
        <span className="dash-drop-title">
          {over ? (
            'Drop to upload'
          ) : (
            <>
              {/* Touch screens and phones cannot drag files: the CSS shows them the other. */}
              <span className="dash-drop-pointer">
                Drag a video here, or <span className="dash-drop-link">choose a file</span>
              </span>
              <span className="dash-drop-touch">
                <span className="dash-drop-link">Choose a video</span>
              </span>
            </>
          )}
        </span>
        <span id={hintId} className="dash-drop-hint">
          MP4, MOV, MKV, WebM and most other video files. You can pick several at once.
        </span>
      </label>
      <div className="dash-upload-language">
        <label htmlFor={languageId}>Spoken language</label>
        <select
          id={languageId}
          value={language}
          onChange={(event) => setLanguage(event.target.value)}
        >
          <option value={AUTO_LANGUAGE}>Detect automatically</option>
          {SPOKEN_LANGUAGES.map(({ code, name }) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>

      {items.length > 0 ? (
        <ul className="dash-uploads" aria-label="Uploads">
          {items.map((item) => (
            <UploadRow key={item.id} item={item} onCancel={() => cancel(item.id)} />
          ))}
        </ul>
      ) : null}
    </section>
  )
}

const PHASE_TEXT = {
  queued: 'Queued',
  sending: 'Uploading',
  checking: 'Checking the video…',
  failed: 'Upload failed',
} as const

function UploadRow({ item, onCancel }: { item: UploadItem; onCancel(): void }) {
  const fraction = uploadFraction(item)
  const sent = sentLabel(item.sent, item.size, formatBytes)
  const failed = item.phase === 'failed'
  return (
    <li className="dash-upload" data-testid="upload-item" data-phase={item.phase}>
      <div className="dash-upload-top">
        <span className="dash-upload-name">{item.name}</span>
        <span className="dash-upload-phase">
          {item.phase === 'sending'
            ? `${PHASE_TEXT.sending} · ${percent(fraction)}%`
            : PHASE_TEXT[item.phase]}
        </span>
      </div>
      {failed ? (
        <p className="dash-upload-error" role="alert">
          {item.error}
        </p>
      ) : (
        <ProgressBar
          value={fraction}
          label={`Uploading ${item.name}`}
          valueText={`${percent(fraction)}%, ${sent}`}
          className={item.phase === 'checking' ? 'jobs-bar-busy' : undefined}
        />
      )}
      <div className="dash-upload-bottom">
        <span className="muted small">{failed ? formatBytes(item.size) : sent}</span>
        {/* Once every byte is sent the API is storing the video: too late to take it back. */}
        {item.phase === 'checking' ? null : (
          <button
            type="button"
            className="button button-quiet jobs-button-small"
            onClick={onCancel}
            aria-label={`${failed ? 'Dismiss' : 'Cancel upload of'} ${item.name}`}
          >
            {failed ? 'Dismiss' : 'Cancel'}
          </button>
        )}
      </div>
    </li>
  )
}
