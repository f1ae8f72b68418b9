// The page's heading, status and the actions on the whole video: reprocess and delete.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { errorCode } from '../../api/errors'
import type { VideoDetailSchema } from '../../api/gen'
import {
  videosDeleteMutation,
  videosReprocessMutation,
} from '../../api/gen/@tanstack/react-query.gen'
import { StatusBadge } from '../jobs/status-badge'
import { LocalTime } from '../local-time'
import { useToasts } from '../toaster'
import { ConfirmDialog } from './confirm-dialog'
import { invalidateLists, isInProgress, videoQueryKey } from './queries'
import { formatTimestamp } from './timeline'

export function VideoHeader({
  video,
  onQueued,
}: {
  video: VideoDetailSchema
  onQueued: (jobId: string) => void
}) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const toasts = useToasts()
  const [confirming, setConfirming] = useState<'delete' | 'reprocess' | null>(null)
  // Reprocess keeps what the creator edited unless they choose to redo everything.
  const [keepEdits, setKeepEdits] = useState(true)
  const edited = video.metadata?.edited_fields ?? []
  const status = video.latest_job?.status ?? null
  const running = isInProgress(status)
  const title = video.metadata?.title || video.original_filename
  const duration = video.metadata?.extracted_video_duration_seconds
  const hasResults = Boolean(video.metadata?.title || video.metadata?.transcript_text)

  const reprocess = useMutation({
    ...videosReprocessMutation(),
    onSuccess: async (queued) => {
      setConfirming(null)
      onQueued(queued.job_id)
      toasts.show('info', 'Queued for reprocessing.')
      await queryClient.invalidateQueries({ queryKey: videoQueryKey(video.id) })
      void invalidateLists(queryClient)
    },
    // The toast says why (the router's MutationCache). A 409 means a job is already queued
    // or running, from another tab or a second click: show it instead of this stale page.
    onError: (error) => {
      if (errorCode(error) !== 'conflict') return
      setConfirming(null)
      void queryClient.invalidateQueries({ queryKey: videoQueryKey(video.id) })
    },
  })

  const remove = useMutation({
    ...videosDeleteMutation(),
    onSuccess: async () => {
      // Leave first: the page's own query would otherwise ask again and get a 404.
      await navigate({ to: '/', ignoreBlocker: true })
      queryClient.removeQueries({ queryKey: videoQueryKey(video.id) })
      void invalidateLists(queryClient)
      toasts.show('success', `Deleted “${title}”.`)
    },
  })

  const startReprocess = () => {
    setKeepEdits(true)
    if (hasResults) setConfirming('reprocess')
    else reprocess.mutate({ path: { video_id: video.id }, body: { keep_edits: true } })
  }

  return (
    <header className="video-header">
      <Link to="/" className="back-link">
        <span aria-hidden="true">←</span> All videos
      </Link>
      <div className="video-header-main">
        <div className="video-heading">
          <h1>{title}</h1>
          <p className="video-subline">
            <StatusBadge status={status} />
            {duration ? <span>{formatTimestamp(duration)}</span> : null}
            <span>
              Uploaded <LocalTime iso={video.created_at} />
            </span>
            {video.latest_job ? (
              <Link to="/jobs/$jobId" params={{ jobId: video.latest_job.id }}>
                Processing details
              </Link>
            ) : null}
          </p>
        </div>
        <div className="video-actions">
          {running ? null : (
            <button
              type="button"
              className="button button-quiet"
              onClick={startReprocess}
              disabled={reprocess.isPending}
            >
              {reprocess.isPending ? 'Queuing…' : 'Reprocess'}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet button-danger-quiet"
            onClick={() => setConfirming('delete')}
          >
            Delete
          </button>
        </div>
      </div>

      <ConfirmDialog
        open={confirming === 'reprocess'}
        title="Reprocess this video?"
        confirmLabel={keepEdits ? 'Reprocess' : 'Redo everything'}
        busyLabel="Queuing…"
        busy={reprocess.isPending}
        danger={!keepEdits}
        onConfirm={() =>
          reprocess.mutate({ path: { video_id: video.id }, body: { keep_edits: keepEdits } })
        }
        onCancel={() => setConfirming(null)}
      >
        <p>
          Echo runs the pipeline again: transcript, subtitles, chapters, titles, description, tags
          and thumbnails.
        </p>
        <fieldset className="reprocess-choice">
          <legend className="visually-hidden">Your edits</legend>
          <label>
            <input
              type="radio"
              name="keep-edits"
              checked={keepEdits}
              onChange={() => setKeepEdits(true)}
            />{' '}
            <strong>Keep my edits</strong>
            <span className="small muted">
              {edited.length > 0
                ? ` What you changed (${edited.join(', ')}) stays; the new drafts are offered beside it.`
                : ' Anything you change stays; the new drafts are offered beside it.'}
            </span>
          </label>
          <label>
            <input
              type="radio"
              name="keep-edits"
              checked={!keepEdits}
              onChange={() => setKeepEdits(false)}
            />{' '}
            <strong>Redo everything</strong>
            <span className="small muted"> Your edits are replaced by new results.</span>
          </label>
        </fieldset>
      </ConfirmDialog>

      <ConfirmDialog
        open={confirming === 'delete'}
        title="Delete this video?"
        confirmLabel="Delete video"
        busyLabel="Deleting…"
        busy={remove.isPending}
        danger
        onConfirm={() => remove.mutate({ path: { video_id: video.id } })}
        onCancel={() => setConfirming(null)}
      >
        <p>
          “{title}” and everything Echo made from it (transcript, subtitles, thumbnails and
          metadata) will be removed. This cannot be undone.
        </p>
      </ConfirmDialog>
    </header>
  )
}
