// The editor's state: the saved values from the server plus only the fields the person
// changed, so results that arrive after the editor appeared (a live update, a refetch)
// still show in every field nobody touched, and a save never sends untouched fields.
import type { VideoMetadataResponseSchema, VideoMetadataUpdateSchema } from '../../api/gen'
import { pyStrip } from './youtube-limits'

export interface Draft {
  title: string
  description: string
  tags: string[]
}

export type Edits = Partial<Draft>

export function draftOf(metadata: VideoMetadataResponseSchema): Draft {
  return {
    title: metadata.title ?? '',
    description: metadata.description ?? '',
    tags: [...metadata.tags],
  }
}

/** What the fields show: each edit, else the saved value. */
export function withEdits(saved: Draft, edits: Edits): Draft {
  return {
    title: edits.title ?? saved.title,
    description: edits.description ?? saved.description,
    tags: edits.tags ?? saved.tags,
  }
}

export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag === b[index])
}

/** Only what differs from the saved values goes to the API; the title is stripped. */
export function changesOf(draft: Draft, saved: Draft): VideoMetadataUpdateSchema {
  const changes: VideoMetadataUpdateSchema = {}
  const title = pyStrip(draft.title)
  if (title !== saved.title) changes.title = title
  if (draft.description !== saved.description) changes.description = draft.description
  if (!sameTags(draft.tags, saved.tags)) changes.tags = draft.tags
  return changes
}

/** After a save: drop the edits that were sent, keep anything typed while it ran. */
export function editsAfterSave(edits: Edits, sent: VideoMetadataUpdateSchema): Edits {
  const next = { ...edits }
  if (sent.title != null && next.title !== undefined && pyStrip(next.title) === sent.title)
    delete next.title
  if (sent.description != null && next.description === sent.description) delete next.description
  if (sent.tags != null && next.tags && sameTags(next.tags, sent.tags)) delete next.tags
  return next
}
