// The dashboard's search of spoken words: the query for a search text, and the labels.

import type { PageSpokenMatchSchema } from '../../api/gen'
import { searchSpokenInfiniteOptions } from '../../api/gen/@tanstack/react-query.gen'

export const SPOKEN_PAGE_SIZE = 6

/** Pages of spoken matches for `q`, fetched one after the other ("Show more"). */
export function spokenMatchesQuery(q: string) {
  return {
    ...searchSpokenInfiniteOptions({ query: { q, limit: SPOKEN_PAGE_SIZE } }),
    initialPageParam: 0,
    getNextPageParam: (last: PageSpokenMatchSchema) => {
      const next = last.offset + last.items.length
      return next < last.total ? next : undefined
    },
  }
}

/** "1 moment", "12 moments". */
export function momentsLabel(total: number): string {
  return total === 1 ? '1 moment' : `${total} moments`
}
