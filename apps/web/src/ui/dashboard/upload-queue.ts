// The uploads the creator started in this tab: one at a time, in the order they were
// picked, each with its progress or its error. A reducer, so it is tested on its own.

export type UploadPhase =
  /** Waiting for the uploads before it. */
  | 'queued'
  /** Bytes are going out. */
  | 'sending'
  /** Every byte sent; the API is probing the file before it answers. */
  | 'checking'
  /** The API said no (or the network did); `error` says why. */
  | 'failed'

export interface UploadItem {
  id: string
  name: string
  size: number
  sent: number
  phase: UploadPhase
  error?: string
}

export type UploadAction =
  | { type: 'add'; items: { id: string; name: string; size: number }[] }
  | { type: 'start'; id: string }
  | { type: 'progress'; id: string; sent: number }
  | { type: 'sent'; id: string }
  | { type: 'failed'; id: string; error: string }
  /** Done, canceled or dismissed: the item leaves the list. */
  | { type: 'remove'; id: string }

export function uploadQueueReducer(items: UploadItem[], action: UploadAction): UploadItem[] {
  switch (action.type) {
    case 'add':
      return [
        ...items,
        ...action.items.map((item) => ({ ...item, sent: 0, phase: 'queued' as const })),
      ]
    case 'remove':
      return items.some((item) => item.id === action.id)
        ? items.filter((item) => item.id !== action.id)
        : items
    default: {
      let changed = false
      const next = items.map((item) => {
        if (item.id !== action.id) return item
        const updated = update(item, action)
        if (updated !== item) changed = true
        return updated
      })
      return changed ? next : items
    }
  }
}

function update(item: UploadItem, action: UploadAction): UploadItem {
  switch (action.type) {
    case 'start':
      return item.phase === 'queued' ? { ...item, phase: 'sending', sent: 0 } : item
    case 'progress':
      // Progress only moves forward, and only while sending.
      if (item.phase !== 'sending' || action.sent <= item.sent) return item
      return { ...item, sent: Math.min(action.sent, item.size) }
    case 'sent':
      return item.phase === 'sending' ? { ...item, phase: 'checking', sent: item.size } : item
    case 'failed':
      return { ...item, phase: 'failed', error: action.error }
    default:
      return item
  }
}

/** The upload to start now: the first queued one, unless another is under way. */
export function nextToStart(items: readonly UploadItem[]): UploadItem | undefined {
  if (items.some((item) => item.phase === 'sending' || item.phase === 'checking')) return undefined
  return items.find((item) => item.phase === 'queued')
}

/** Leaving the page now would lose these. */
export function hasUnfinished(items: readonly UploadItem[]): boolean {
  return items.some((item) => item.phase !== 'failed')
}

/** 0..1 */
export function uploadFraction(item: Pick<UploadItem, 'sent' | 'size'>): number {
  if (item.size <= 0) return item.sent > 0 ? 1 : 0
  return Math.min(1, Math.max(0, item.sent / item.size))
}
