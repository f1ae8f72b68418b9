// The Publish panel's pure parts: the request built from the form, and what a publication's
// state says to the creator.
import {
  PrivacyStatus,
  type PublicationSchema,
  PublicationStatus,
  type PublishRequestSchema,
} from '../../api/gen'

/** The stage a publication's socket events name (events/publication_event.py). */
export const PUBLISH_STAGE = 'publish'

export interface PublishDraft {
  privacy: PrivacyStatus
  /** Schedule: a `datetime-local` value in the browser's time zone, or '' for now. */
  publishAt: string
  categoryId: string
  madeForKids: boolean
}

export const INITIAL_DRAFT: PublishDraft = {
  privacy: PrivacyStatus.PRIVATE,
  publishAt: '',
  categoryId: '22',
  madeForKids: false,
}

/** A `datetime-local` value (local wall time) as an instant with its offset. */
export function localTimeToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null
  const moment = new Date(local)
  return Number.isNaN(moment.getTime()) ? null : moment.toISOString()
}

export function publishRequest(draft: PublishDraft): PublishRequestSchema {
  // Only a private video can be scheduled: YouTube makes it public at that time.
  const scheduled = draft.privacy === PrivacyStatus.PRIVATE && draft.publishAt !== ''
  return {
    privacy_status: draft.privacy,
    publish_at: scheduled ? localTimeToIso(draft.publishAt) : null,
    category_id: draft.categoryId,
    made_for_kids: draft.madeForKids,
  }
}

export function isPublishing(publication: PublicationSchema | null | undefined): boolean {
  const status = publication?.status
  return (
    status === PublicationStatus.PENDING ||
    status === PublicationStatus.UPLOADING ||
    status === PublicationStatus.PROCESSING
  )
}

/** One line on where the publication stands. */
export function publicationHeadline(publication: PublicationSchema): string {
  switch (publication.status) {
    case PublicationStatus.PENDING:
      return publication.error_message
        ? 'Waiting to try again.'
        : 'Waiting for a worker to start the upload.'
    case PublicationStatus.UPLOADING:
      return 'Uploading to YouTube.'
    case PublicationStatus.PROCESSING:
      return 'On YouTube: adding the captions and the thumbnail.'
    case PublicationStatus.COMPLETED:
      return publication.publish_at ? 'Published, private until its scheduled time.' : 'Published.'
    case PublicationStatus.FAILED:
      return 'Publishing failed.'
  }
}
