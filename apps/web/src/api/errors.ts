// Turning whatever a request threw into words for a person.
//
// The generated client throws the parsed response body when the API answers with an
// error, i.e. the API's `ErrorEnvelope`; a request that never got an answer throws the
// fetch error (a `TypeError`). Everything else is a bug, reported as such.
import type { ErrorDetail, ErrorEnvelope } from './gen'

export const FALLBACK_MESSAGE = 'Something went wrong. Try again.'
/** The API (behind the web server) did not answer. */
export const UNREACHABLE_MESSAGE = 'The Echo API cannot be reached. Check that it is running.'
/** This page got no answer from the web server at all (offline, server stopped). */
export const NETWORK_MESSAGE = 'Echo cannot be reached. Check your connection and try again.'

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const body: unknown = value.error
  return (
    typeof body === 'object' &&
    body !== null &&
    'code' in body &&
    typeof body.code === 'string' &&
    'message' in body &&
    typeof body.message === 'string'
  )
}

/** The code of the envelope made up when a request got no answer (see `unreachableResponse`). */
export const UNREACHABLE_CODE = 'api_unreachable'

/**
 * For fetch: turn "no answer at all" into a 502 carrying the API's error envelope, so
 * callers (and the generated client's types) only ever see envelopes, also after the
 * error crosses from SSR to the browser. An abort stays an abort.
 */
export function unreachableResponse(cause: unknown): Response {
  if (cause instanceof Error && cause.name === 'AbortError') throw cause
  const body: ErrorEnvelope = {
    error: { code: UNREACHABLE_CODE, message: UNREACHABLE_MESSAGE, details: [] },
  }
  return Response.json(body, { status: 502 })
}

/** Worth asking again: no answer, or the server failed unexpectedly. */
export function isTransient(error: unknown): boolean {
  if (!isErrorEnvelope(error)) return true
  return error.error.code === UNREACHABLE_CODE || error.error.code === 'internal_error'
}

/** The API's stable error code (`not_found`, `invalid_input`, ...), if it answered. */
export function errorCode(error: unknown): string | undefined {
  return isErrorEnvelope(error) ? error.error.code : undefined
}

export function isNotAuthenticated(error: unknown): boolean {
  return errorCode(error) === 'not_authenticated'
}

function isNetworkError(error: unknown): boolean {
  // fetch rejects with a TypeError when there is no response at all (refused, DNS, CORS).
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message)
}

/** One sentence for a toast or an error page. */
export function errorMessage(error: unknown, fallback: string = FALLBACK_MESSAGE): string {
  if (isErrorEnvelope(error)) return error.error.message.trim() || fallback
  if (isNetworkError(error)) return NETWORK_MESSAGE
  if (error instanceof Error && error.message.trim()) return error.message
  if (typeof error === 'string' && error.trim()) return error
  return fallback
}

/**
 * Messages per form field, from the envelope's `details[].field` (a dotted path such as
 * `email` or `chapters.0.title`). The first message for a field wins.
 */
export function fieldErrors(error: unknown): Partial<Record<string, string>> {
  const byField: Partial<Record<string, string>> = {}
  if (!isErrorEnvelope(error)) return byField
  const details: ErrorDetail[] = error.error.details ?? []
  for (const detail of details) {
    if (detail.field && byField[detail.field] === undefined) byField[detail.field] = detail.message
  }
  return byField
}

/**
 * The message to show above a form: the envelope's message unless every detail is
 * already shown next to its field, in which case a short summary reads better.
 */
export function formErrorMessage(error: unknown, fields: readonly string[]): string | undefined {
  if (!error) return undefined
  if (isErrorEnvelope(error)) {
    const details = error.error.details ?? []
    const allShown =
      details.length > 0 && details.every((d) => d.field != null && fields.includes(d.field))
    if (allShown) return 'Check the highlighted fields.'
  }
  return errorMessage(error)
}
