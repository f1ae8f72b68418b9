// Publish a finished video to the creator's YouTube channel: privacy, schedule, category
// and the made-for-kids declaration; then the upload's progress, the link once it is on
// YouTube, or what went wrong and what to do.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useId, useState } from 'react'
import { PrivacyStatus, type PublicationSchema, PublicationStatus } from '../../api/gen'
import {
  publicationsCategoriesOptions,
  publicationsGetQueryKey,
  publicationsPublishMutation,
  youtubeConnectionGetOptions,
} from '../../api/gen/@tanstack/react-query.gen'
import { publicationsGet } from '../../api/gen/sdk.gen'
import { useJobEvents } from '../../live/live-jobs'
import { FormError } from '../form-fields'
import { ProgressBar } from '../jobs/progress-bar'
import {
  INITIAL_DRAFT,
  isPublishing,
  PUBLISH_STAGE,
  type PublishDraft,
  publicationHeadline,
  publishRequest,
} from './publish-form'
import { Section } from './section'

/** How often the panel asks again while a publication is under way (events come sooner). */
const PUBLICATION_POLL_MS = 3000

const PRIVACY_LABELS: Record<PrivacyStatus, string> = {
  [PrivacyStatus.PRIVATE]: 'Private',
  [PrivacyStatus.UNLISTED]: 'Unlisted',
  [PrivacyStatus.PUBLIC]: 'Public',
}

function usePublication(videoId: string) {
  const path = { video_id: videoId }
  return useQuery({
    queryKey: publicationsGetQueryKey({ path }),
    // Never published (404) is an answer, not an error.
    queryFn: async ({ signal }): Promise<PublicationSchema | null> => {
      const { data, error, response } = await publicationsGet({ path, signal })
      if (response?.status === 404) return null
      if (error || !data) throw error
      return data
    },
    retry: false,
    refetchInterval: (query) => (isPublishing(query.state.data) ? PUBLICATION_POLL_MS : false),
  })
}

export function PublishPanel({ videoId }: { videoId: string }) {
  const id = useId()
  const queryClient = useQueryClient()
  const publicationKey = publicationsGetQueryKey({ path: { video_id: videoId } })
  const { data: publication } = usePublication(videoId)
  const connection = useQuery(youtubeConnectionGetOptions())
  const categories = useQuery(publicationsCategoriesOptions())
  const [draft, setDraft] = useState<PublishDraft>(INITIAL_DRAFT)
  const publish = useMutation({
    ...publicationsPublishMutation(),
    onSuccess: (queued) => queryClient.setQueryData(publicationKey, queued),
  })

  // The worker's progress hints: refetch the publication they are about.
  useJobEvents((event) => {
    if (event.video_id === videoId && event.stage === PUBLISH_STAGE) {
      void queryClient.invalidateQueries({ queryKey: publicationKey })
    }
  })

  const update = (change: Partial<PublishDraft>) =>
    setDraft((current) => ({ ...current, ...change }))
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    publish.mutate({ path: { video_id: videoId }, body: publishRequest(draft) })
  }

  const underWay = isPublishing(publication)
  const linked = connection.data?.connected === true
  const scheduling = draft.privacy === PrivacyStatus.PRIVATE

  return (
    <Section title="Publish to YouTube" className="publish-panel">
      {publication ? <PublicationState publication={publication} /> : null}

      {connection.data && !linked ? (
        <p className="publish-connect" data-testid="publish-connect">
          {connection.data.needs_reconnect
            ? `${connection.data.message ?? 'Your channel must be connected again.'} `
            : 'Connect your YouTube channel to publish from Echo. '}
          <Link to="/settings">Go to Settings</Link>
        </p>
      ) : null}
      {linked ? (
        <p className="field-help" data-testid="publish-channel">
          To <strong>{connection.data?.channel_title}</strong>, with the title, description, tags,
          subtitles and thumbnail above.
        </p>
      ) : null}

      {!underWay ? (
        <form className="publish-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-privacy`}>Visibility</label>
            <select
              id={`${id}-privacy`}
              value={draft.privacy}
              onChange={(event) => update({ privacy: event.target.value as PrivacyStatus })}
            >
              {Object.values(PrivacyStatus).map((privacy) => (
                <option key={privacy} value={privacy}>
                  {PRIVACY_LABELS[privacy]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-schedule`}>Make public at (optional)</label>
            <input
              id={`${id}-schedule`}
              type="datetime-local"
              value={scheduling ? draft.publishAt : ''}
              disabled={!scheduling}
              aria-describedby={`${id}-schedule-help`}
              onChange={(event) => update({ publishAt: event.target.value })}
            />
            <p id={`${id}-schedule-help`} className="field-help">
              {scheduling
                ? 'Your local time. The video stays private until then.'
                : 'Only a private video can be scheduled.'}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-category`}>Category</label>
            <select
              id={`${id}-category`}
              value={draft.categoryId}
              onChange={(event) => update({ categoryId: event.target.value })}
            >
              {(categories.data ?? [{ id: draft.categoryId, title: 'People & Blogs' }]).map(
                (category) => (
                  <option key={category.id} value={category.id}>
                    {category.title}
                  </option>
                ),
              )}
            </select>
          </div>
          <fieldset className="publish-kids">
            <legend>Made for kids?</legend>
            <label>
              <input
                type="radio"
                name={`${id}-kids`}
                checked={!draft.madeForKids}
                onChange={() => update({ madeForKids: false })}
              />{' '}
              No, it is not made for kids
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-kids`}
                checked={draft.madeForKids}
                onChange={() => update({ madeForKids: true })}
              />{' '}
              Yes, it is made for kids
            </label>
          </fieldset>
          <FormError error={publish.error} />
          <button
            type="submit"
            className="button button-wide"
            disabled={!linked || publish.isPending}
          >
            {publish.isPending
              ? 'Queuing…'
              : publication?.status === PublicationStatus.COMPLETED
                ? 'Publish again'
                : 'Publish'}
          </button>
        </form>
      ) : null}
    </Section>
  )
}

function PublicationState({ publication }: { publication: PublicationSchema }) {
  const failed = publication.status === PublicationStatus.FAILED
  return (
    <div className="publication-state" data-testid="publication-state">
      <p className="publication-headline" role="status">
        {publicationHeadline(publication)}
      </p>
      {publication.status === PublicationStatus.UPLOADING ||
      publication.status === PublicationStatus.PENDING ? (
        <ProgressBar value={publication.progress} label="Upload to YouTube" />
      ) : null}
      {publication.url ? (
        <a
          className="button button-wide"
          href={publication.url}
          target="_blank"
          rel="noreferrer"
          data-testid="youtube-link"
        >
          Watch on YouTube
        </a>
      ) : null}
      {publication.error_message ? (
        <p className={failed ? 'form-error' : 'field-help'} role={failed ? 'alert' : undefined}>
          {publication.error_message}
        </p>
      ) : null}
    </div>
  )
}
