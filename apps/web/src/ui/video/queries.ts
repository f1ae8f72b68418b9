// The video detail's query and the cache updates after changing it.
import type { QueryClient } from '@tanstack/react-query'
import type {
  ProcessingStatus,
  VideoDetailSchema,
  VideoMetadataResponseSchema,
} from '../../api/gen'
import { videosGetOptions, videosGetQueryKey } from '../../api/gen/@tanstack/react-query.gen'

/** How often the page asks again while the latest job is still running. */
export const POLL_INTERVAL_MS = 3000

/** The query the loader ensures and the page reads (same options, same key). */
export function videoQuery(videoId: string) {
  return videosGetOptions({ path: { video_id: videoId } })
}

export function videoQueryKey(videoId: string) {
  return videosGetQueryKey({ path: { video_id: videoId } })
}

export function isInProgress(status: ProcessingStatus | null | undefined): boolean {
  return status === 'PENDING' || status === 'PROCESSING'
}

/** The page's query, polling while the latest job is pending or processing. */
export function pollingVideoQuery(videoId: string) {
  return {
    ...videoQuery(videoId),
    refetchInterval: (query: { state: { data?: VideoDetailSchema | undefined } }) =>
      isInProgress(query.state.data?.latest_job?.status) ? POLL_INTERVAL_MS : false,
  }
}

/** Put a PATCH answer into the cached detail, so the page (and a reload) show it at once. */
export function storeMetadata(
  queryClient: QueryClient,
  videoId: string,
  metadata: VideoMetadataResponseSchema,
) {
  queryClient.setQueryData<VideoDetailSchema>(videoQueryKey(videoId), (current) =>
    current ? { ...current, metadata } : current,
  )
}

/** Lists (library, jobs) that show this video are out of date after an edit. */
export function invalidateLists(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const key = query.queryKey[0]
      if (typeof key !== 'object' || key === null || !('_id' in key)) return false
      return key._id === 'videosList' || key._id === 'jobsList'
    },
  })
}
