// The library's filters and page live in the URL (?page=2&status=FAILED&q=interview),
// validated here; the loader and the components build the same query from them.
import { z } from 'zod'
import { ProcessingStatus } from '../../api/gen'
import { videosListOptions } from '../../api/gen/@tanstack/react-query.gen'

export const PAGE_SIZE = 12
export const MAX_QUERY_LENGTH = 200

export const librarySearch = z.object({
  page: z.number().int().min(1).default(1).catch(1),
  status: z.enum(ProcessingStatus).optional().catch(undefined),
  // The router parses search values as JSON, so ?q=2024 arrives as a number.
  q: z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim().slice(0, MAX_QUERY_LENGTH) || undefined)
    .optional()
    .catch(undefined),
})

export type LibrarySearch = z.infer<typeof librarySearch>

/** The API query for a dashboard URL (the same in the loader and the component). */
export function libraryQuery({ page, status, q }: LibrarySearch) {
  return videosListOptions({
    query: {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      ...(status ? { status: [status] } : {}),
      ...(q ? { q } : {}),
    },
  })
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE))
}

/** "12 videos", "1 video matches", "3 videos match". */
export function countLabel(total: number, filtered: boolean): string {
  const videos = total === 1 ? '1 video' : `${total} videos`
  if (!filtered) return videos
  return `${videos} ${total === 1 ? 'matches' : 'match'}`
}
