// A 409 from an editor: someone (another tab, a script) changed this since the page loaded
// it, or a job started. Said in place, with a way to load the current state.
import { useQueryClient } from '@tanstack/react-query'
import { errorCode } from '../../api/errors'
import { videoQueryKey } from './queries'

/** Whether a failed save was refused because the server's copy moved on. */
export function isConflict(error: unknown): boolean {
  const code = errorCode(error)
  return code === 'stale_version' || code === 'conflict'
}

export function StaleNotice({ videoId, onReload }: { videoId: string; onReload?: () => void }) {
  const queryClient = useQueryClient()
  return (
    <div className="notice notice-warning stale-notice" role="alert">
      <p>
        This was changed elsewhere (another tab, or processing started). Reload to see the current
        version; your unsaved changes here will be lost.
      </p>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          onReload?.()
          void queryClient.invalidateQueries({
            predicate: (query) => isAboutVideo(query.queryKey, videoId),
          })
          void queryClient.invalidateQueries({ queryKey: videoQueryKey(videoId) })
        }}
      >
        Reload
      </button>
    </div>
  )
}

/** The video's own queries (its transcript too), by the generated keys' path. */
function isAboutVideo(queryKey: readonly unknown[], videoId: string): boolean {
  const head = queryKey[0]
  if (typeof head !== 'object' || head === null || !('path' in head)) return false
  const path = head.path
  return (
    typeof path === 'object' && path !== null && 'video_id' in path && path.video_id === videoId
  )
}
