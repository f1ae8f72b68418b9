// One job-events socket per browser tab, for every signed-in page: events go into the query
// cache (see job-cache.ts), the connection's state is shown where it matters, and a job
// that finishes or fails is announced wherever the creator happens to be.
import { useQueryClient } from '@tanstack/react-query'
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { type JobSocketEventMessage, ProcessingStatus } from '../api/gen'
import { authMeQueryKey } from '../api/gen/@tanstack/react-query.gen'
import { useToasts } from '../ui/toaster'
import { PUBLISH_STAGE } from '../ui/video/publish-form'
import { applyJobEvent, cachedJobName, refetchJobResources } from './job-cache'
import { createJobSocket, jobSocketUrl, type LiveStatus } from './job-socket'

type Listener = (event: JobSocketEventMessage) => void

interface LiveJobs {
  status: LiveStatus
  /** Hear every event after the cache has taken it in; returns the unsubscribe. */
  subscribe(listener: Listener): () => void
}

const LiveJobsContext = createContext<LiveJobs>({
  status: 'connecting',
  subscribe: () => () => {},
})

export function LiveJobsProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const [status, setStatus] = useState<LiveStatus>('connecting')
  const listeners = useRef(new Set<Listener>())

  useEffect(() => {
    const socket = createJobSocket({
      url: jobSocketUrl(window.location),
      onStatus: setStatus,
      onReady: () => void refetchJobResources(queryClient),
      onUnauthorized: () => void queryClient.invalidateQueries({ queryKey: authMeQueryKey() }),
      onEvent: (event) => {
        // A publication's progress is not its job's: the Publish panel listens for it.
        if (event.stage === PUBLISH_STAGE) {
          for (const listener of listeners.current) listener(event)
          return
        }
        const name = cachedJobName(queryClient, event.job_id)
        const kind = applyJobEvent(queryClient, event)
        // The job's final event names no stage; announce it once, wherever we are.
        if (kind === 'status' && !event.stage) {
          if (event.status === ProcessingStatus.COMPLETED) {
            toasts.show('success', `${name ?? 'Your video'} is ready.`)
          } else if (event.status === ProcessingStatus.FAILED) {
            toasts.show('error', `Processing ${name ?? 'a video'} failed.`)
          }
        }
        for (const listener of listeners.current) listener(event)
      },
    })
    // Started a tick later: a mount that is immediately undone (React's StrictMode) then
    // never opens a socket only to close it before it connected.
    const starting = setTimeout(() => socket.start(), 0)
    const wake = () => {
      if (document.visibilityState === 'visible') socket.reconnectNow()
    }
    window.addEventListener('online', wake)
    document.addEventListener('visibilitychange', wake)
    return () => {
      window.removeEventListener('online', wake)
      document.removeEventListener('visibilitychange', wake)
      clearTimeout(starting)
      socket.stop()
    }
  }, [queryClient, toasts])

  const value = useMemo<LiveJobs>(
    () => ({
      status,
      subscribe(listener) {
        listeners.current.add(listener)
        return () => listeners.current.delete(listener)
      },
    }),
    [status],
  )
  return <LiveJobsContext.Provider value={value}>{children}</LiveJobsContext.Provider>
}

/** Whether events are arriving (`live`), or the page relies on polling for now. */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveJobsContext).status
}

/** Run `listener` on every job event (after the cache was updated). */
export function useJobEvents(listener: Listener) {
  const { subscribe } = useContext(LiveJobsContext)
  const latest = useRef(listener)
  latest.current = listener
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe])
}
