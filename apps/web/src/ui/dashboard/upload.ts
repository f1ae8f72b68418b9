// Uploading one video with XMLHttpRequest, which (unlike fetch) reports upload progress.
// It goes to the page's own origin, `/api/videos` on the Start server, which streams it to
// the API; the browser adds the session cookie. Errors come back as the API's envelope.
import { isErrorEnvelope, NETWORK_MESSAGE, UNREACHABLE_MESSAGE } from '../../api/errors'
import type { ErrorEnvelope, VideosUploadData, VideosUploadResponse } from '../../api/gen'

/** The generated route, checked by the compiler against the API's own. */
export const UPLOAD_URL: VideosUploadData['url'] = '/api/videos'
/** The multipart field the API reads. */
export const UPLOAD_FIELD: keyof VideosUploadData['body'] = 'file'
/** The optional field naming the language spoken in the video. */
export const LANGUAGE_FIELD: keyof VideosUploadData['body'] = 'language'

export const UPLOAD_ABORTED = 'upload_aborted'

export interface UploadHandle {
  /** The API's answer; rejects with an `ErrorEnvelope` (code `upload_aborted` if aborted). */
  result: Promise<VideosUploadResponse>
  abort(): void
}

export interface UploadCallbacks {
  /** Bytes of the file sent so far (the request's progress scaled to the file's size). */
  onProgress?(sent: number, total: number): void
  /** Every byte is sent; the API is now checking the video before it answers. */
  onSent?(): void
}

export interface UploadOptions extends UploadCallbacks {
  /** The language spoken in the video: 'auto' (Whisper detects it) or an ISO 639-1 code. */
  language?: string
}

/** The subset of XMLHttpRequest used here (tests pass a stand-in). */
export interface RequestLike {
  open(method: string, url: string): void
  send(body: FormData): void
  abort(): void
  status: number
  responseText: string
  upload: {
    onprogress: ((event: ProgressEvent) => void) | null
    onload: ((event: ProgressEvent) => void) | null
  }
  onload: ((event: ProgressEvent) => void) | null
  onerror: ((event: ProgressEvent) => void) | null
  onabort: ((event: ProgressEvent) => void) | null
}

function envelope(code: string, message: string): ErrorEnvelope {
  return { error: { code, message, details: [] } }
}

/** Words for an answer that carried no envelope (e.g. from a proxy in between). */
function statusMessage(status: number): string {
  if (status === 413) return 'This file is larger than Echo accepts.'
  if (status === 401) return 'Your session has ended. Sign in again to upload.'
  if (status === 502 || status === 503 || status === 504) return UNREACHABLE_MESSAGE
  return `The upload failed (HTTP ${status}). Try again.`
}

function isUploadResponse(value: unknown): value is VideosUploadResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    'video_id' in value &&
    typeof value.video_id === 'string' &&
    'job_id' in value &&
    typeof value.job_id === 'string'
  )
}

/** The API's answer to the upload: the new video and job, or throws the error envelope. */
export function parseUploadResponse(status: number, body: string): VideosUploadResponse {
  let parsed: unknown
  try {
    parsed = body ? JSON.parse(body) : undefined
  } catch {
    parsed = undefined
  }
  if (status >= 200 && status < 300) {
    if (isUploadResponse(parsed)) return parsed
    throw envelope('invalid_response', 'The upload finished, but the answer made no sense.')
  }
  if (isErrorEnvelope(parsed)) throw parsed
  if (status === 0) throw envelope('network_error', NETWORK_MESSAGE)
  throw envelope(`http_${status}`, statusMessage(status))
}

/** Start uploading `file`; progress and the end arrive through the callbacks and `result`. */
export function startUpload(
  file: File,
  callbacks: UploadOptions = {},
  createRequest: () => RequestLike = () => new XMLHttpRequest(),
): UploadHandle {
  const request = createRequest()
  const result = new Promise<VideosUploadResponse>((resolve, reject) => {
    request.upload.onprogress = (event) => {
      // The request is the file plus a little multipart framing: report file bytes.
      const total = event.lengthComputable && event.total > 0 ? event.total : file.size
      const sent = Math.min(file.size, Math.round((event.loaded / total) * file.size))
      callbacks.onProgress?.(sent, file.size)
    }
    request.upload.onload = () => {
      callbacks.onProgress?.(file.size, file.size)
      callbacks.onSent?.()
    }
    request.onload = () => {
      try {
        resolve(parseUploadResponse(request.status, request.responseText))
      } catch (error) {
        reject(error)
      }
    }
    request.onerror = () => reject(envelope('network_error', NETWORK_MESSAGE))
    request.onabort = () => reject(envelope(UPLOAD_ABORTED, 'Upload canceled.'))
  })
  const form = new FormData()
  if (callbacks.language) form.append(LANGUAGE_FIELD, callbacks.language)
  form.append(UPLOAD_FIELD, file, file.name)
  request.open('POST', UPLOAD_URL)
  request.send(form)
  return { result, abort: () => request.abort() }
}

export function isAborted(error: unknown): boolean {
  return isErrorEnvelope(error) && error.error.code === UPLOAD_ABORTED
}

/** "3.2 MB of 10 MB" */
export function sentLabel(sent: number, total: number, format: (bytes: number) => string): string {
  return `${format(sent)} of ${format(total)}`
}
