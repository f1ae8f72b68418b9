import { describe, expect, it } from 'vitest'
import { PrivacyStatus, type PublicationSchema, PublicationStatus } from '../../api/gen'
import {
  INITIAL_DRAFT,
  isPublishing,
  localTimeToIso,
  publicationHeadline,
  publishRequest,
} from './publish-form'

function publication(overrides: Partial<PublicationSchema>): PublicationSchema {
  return {
    id: 'p1',
    status: PublicationStatus.UPLOADING,
    progress: 0.4,
    privacy_status: PrivacyStatus.PRIVATE,
    publish_at: null,
    youtube_video_id: null,
    url: null,
    error_message: null,
    created_at: '2026-12-02T10:00:00Z',
    finished_at: null,
    ...overrides,
  }
}

describe('publishRequest', () => {
  it('sends a schedule only for a private video, as an instant', () => {
    const scheduled = publishRequest({ ...INITIAL_DRAFT, publishAt: '2031-05-01T17:30' })
    expect(scheduled.publish_at).toBe(new Date('2031-05-01T17:30').toISOString())
    const publicNow = publishRequest({
      ...INITIAL_DRAFT,
      privacy: PrivacyStatus.PUBLIC,
      publishAt: '2031-05-01T17:30',
    })
    expect(publicNow.publish_at).toBeNull()
    expect(publicNow).toMatchObject({ privacy_status: 'public', made_for_kids: false })
  })

  it('refuses a time that is not one', () => {
    expect(localTimeToIso('tomorrow')).toBeNull()
    expect(localTimeToIso('')).toBeNull()
  })
})

describe('publication state', () => {
  it('is under way while queued, uploading or finishing', () => {
    expect(isPublishing(publication({ status: PublicationStatus.PENDING }))).toBe(true)
    expect(isPublishing(publication({ status: PublicationStatus.PROCESSING }))).toBe(true)
    expect(isPublishing(publication({ status: PublicationStatus.FAILED }))).toBe(false)
    expect(isPublishing(null)).toBe(false)
  })

  it('says a retry is coming when an attempt failed', () => {
    const retrying = publication({ status: PublicationStatus.PENDING, error_message: 'HTTP 503' })
    expect(publicationHeadline(retrying)).toBe('Waiting to try again.')
    const scheduled = publication({
      status: PublicationStatus.COMPLETED,
      publish_at: '2031-05-01T15:30:00Z',
    })
    expect(publicationHeadline(scheduled)).toContain('scheduled')
  })
})
