// The tab's uploads live above the pages (in the signed-in layout), so an upload keeps
// going, and keeps its progress bar, while the creator looks at a job or a video.
import { useQueryClient } from '@tanstack/react-query'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
} from 'react'
import { errorMessage } from '../../api/errors'
import { refetchJobResources } from '../../live/job-cache'
import { useToasts } from '../toaster'
import { AUTO_LANGUAGE } from './languages'
import { isAborted, startUpload, type UploadHandle } from './upload'
import { hasUnfinished, nextToStart, type UploadItem, uploadQueueReducer } from './upload-queue'

interface Uploads {
  items: readonly UploadItem[]
  /** `language`: 'auto' (the default) or the ISO 639-1 code of the language spoken. */
  add(files: Iterable<File>, language?: string): void
  /** Abort a running upload, or drop a queued or failed one. */
  cancel(id: string): void
  /**
   * Say that the upload rows are on screen (the dashboard's panel); returns the undo.
   * While they are, a failure is told in its row only, not a second time as a notice.
   */
  showRows(): () => void
}

const UploadsContext = createContext<Uploads | null>(null)

let counter = 0

export function UploadsProvider({ children }: { children: ReactNode }) {
  const [items, dispatch] = useReducer(uploadQueueReducer, [])
  const files = useRef(new Map<string, File>())
  // The language picked for each upload when it was added.
  const languages = useRef(new Map<string, string>())
  const handles = useRef(new Map<string, UploadHandle>())
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const rowsShown = useRef(0)

  useEffect(() => {
    const next = nextToStart(items)
    if (!next || handles.current.has(next.id)) return
    const file = files.current.get(next.id)
    if (!file) {
      dispatch({ type: 'remove', id: next.id })
      return
    }
    const { id, name } = next
    dispatch({ type: 'start', id })
    const handle = startUpload(file, {
      onProgress: (sent) => dispatch({ type: 'progress', id, sent }),
      onSent: () => dispatch({ type: 'sent', id }),
      language: languages.current.get(id),
    })
    handles.current.set(id, handle)
    handle.result
      .then(
        async () => {
          // The row hands over to the processing list: fetch that first, then let it go.
          await refetchJobResources(queryClient)
          dispatch({ type: 'remove', id })
        },
        (error: unknown) => {
          if (isAborted(error)) {
            toasts.show('info', `Upload of ${name} canceled.`)
            dispatch({ type: 'remove', id })
            return
          }
          const message = errorMessage(error)
          if (rowsShown.current === 0) toasts.show('error', `${name}: ${message}`)
          dispatch({ type: 'failed', id, error: message })
        },
      )
      .finally(() => {
        handles.current.delete(id)
        files.current.delete(id)
        languages.current.delete(id)
      })
  }, [items, queryClient, toasts])

  const unfinished = hasUnfinished(items)
  useEffect(() => {
    if (!unfinished) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [unfinished])

  const add = useCallback((picked: Iterable<File>, language = AUTO_LANGUAGE) => {
    const added = [...picked].map((file) => {
      counter += 1
      const id = `upload-${counter}`
      files.current.set(id, file)
      languages.current.set(id, language)
      return { id, name: file.name || 'video', size: file.size }
    })
    if (added.length > 0) dispatch({ type: 'add', items: added })
  }, [])

  const cancel = useCallback((id: string) => {
    const handle = handles.current.get(id)
    if (handle) handle.abort()
    else {
      files.current.delete(id)
      dispatch({ type: 'remove', id })
    }
  }, [])

  const showRows = useCallback(() => {
    rowsShown.current += 1
    return () => {
      rowsShown.current -= 1
    }
  }, [])

  const value = useMemo(() => ({ items, add, cancel, showRows }), [items, add, cancel, showRows])
  return <UploadsContext.Provider value={value}>{children}</UploadsContext.Provider>
}

export function useUploads(): Uploads {
  const uploads = useContext(UploadsContext)
  if (!uploads) throw new Error('useUploads() needs an <UploadsProvider> (in the _authed layout)')
  return uploads
}
