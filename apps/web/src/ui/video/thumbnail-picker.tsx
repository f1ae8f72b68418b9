// The thumbnail candidates as a radio group of images; choosing one saves it at once.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId } from 'react'
import type { VideoMetadataResponseSchema } from '../../api/gen'
import { videosUpdateMetadataMutation } from '../../api/gen/@tanstack/react-query.gen'
import { useToasts } from '../toaster'
import { versioned } from './player'
import { invalidateLists, storeMetadata } from './queries'
import { Section } from './section'
import { formatTimestamp, spokenTimestamp } from './timeline'

/** Below this, the backend found no good frame (too dark, flat or blurry). */
export const GOOD_FRAME_SCORE = 0.5

export function ThumbnailPicker({
  videoId,
  metadata,
}: {
  videoId: string
  metadata: VideoMetadataResponseSchema
}) {
  const id = useId()
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const choose = useMutation({
    ...videosUpdateMetadataMutation(),
    onSuccess: (updated) => {
      storeMetadata(queryClient, videoId, updated)
      void invalidateLists(queryClient)
      toasts.show('success', 'Thumbnail saved.')
    },
  })

  const candidates = metadata.thumbnail_candidates
  // While saving, show the choice being saved; otherwise the saved one.
  const chosenIndex = choose.isPending ? choose.variables?.body.thumbnail_index : undefined
  const selected =
    chosenIndex ?? candidates.find((c) => c.url === metadata.thumbnail_file_url)?.index
  const noGoodFrame = candidates.length > 0 && candidates.every((c) => c.score < GOOD_FRAME_SCORE)

  return (
    <Section
      title="Thumbnails"
      count={candidates.length || undefined}
      hint={candidates.length ? 'Frames Echo picked from the video. Choose one.' : undefined}
    >
      {candidates.length === 0 ? (
        <p className="empty-note">No thumbnail candidates were made for this video.</p>
      ) : (
        <>
          {noGoodFrame ? (
            <p className="notice notice-warning">
              No good frame was found: these are the least bad ones (dark, flat or blurry). You may
              want to make your own thumbnail.
            </p>
          ) : null}
          <fieldset className="thumbnail-grid" disabled={choose.isPending}>
            <legend className="visually-hidden">Thumbnail</legend>
            {candidates.map((candidate) => {
              const weak = candidate.score < GOOD_FRAME_SCORE
              const inputId = `${id}-${candidate.index}`
              return (
                <div key={candidate.index} className="thumbnail-option">
                  <input
                    id={inputId}
                    className="thumbnail-radio"
                    type="radio"
                    name={`${id}-thumbnail`}
                    value={candidate.index}
                    checked={selected === candidate.index}
                    onChange={() =>
                      choose.mutate({
                        path: { video_id: videoId },
                        body: { thumbnail_index: candidate.index },
                      })
                    }
                  />
                  <label htmlFor={inputId} className="thumbnail-label">
                    <img
                      src={versioned(candidate.url, metadata.job_id)}
                      alt=""
                      loading="lazy"
                      width={320}
                      height={180}
                    />
                    <span className="thumbnail-caption">
                      <span aria-hidden="true">{formatTimestamp(candidate.time_seconds)}</span>
                      <span className="visually-hidden">
                        Frame at {spokenTimestamp(candidate.time_seconds)}
                        {weak ? ', low quality' : ''}
                      </span>
                      {weak ? (
                        <span className="badge thumbnail-weak" aria-hidden="true">
                          Low quality
                        </span>
                      ) : null}
                      {selected === candidate.index ? (
                        <span className="badge badge-completed" aria-hidden="true">
                          {choose.isPending ? 'Saving…' : 'Selected'}
                        </span>
                      ) : null}
                    </span>
                  </label>
                </div>
              )
            })}
          </fieldset>
        </>
      )}
    </Section>
  )
}
