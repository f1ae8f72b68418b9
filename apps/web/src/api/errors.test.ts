import { describe, expect, it } from 'vitest'
import {
  errorCode,
  errorMessage,
  FALLBACK_MESSAGE,
  fieldErrors,
  formErrorMessage,
  isErrorEnvelope,
  isNotAuthenticated,
  isTransient,
  NETWORK_MESSAGE,
  UNREACHABLE_CODE,
  UNREACHABLE_MESSAGE,
  unreachableResponse,
} from './errors'
import type { ErrorEnvelope } from './gen'

const envelope = (
  code: string,
  message: string,
  details: ErrorEnvelope['error']['details'] = [],
): ErrorEnvelope => ({ error: { code, message, details } })

describe('isErrorEnvelope', () => {
  it('accepts the API envelope, with or without details', () => {
    expect(isErrorEnvelope(envelope('not_found', 'Video not found.'))).toBe(true)
    expect(isErrorEnvelope({ error: { code: 'x', message: 'y' } })).toBe(true)
  })

  it.each([
    null,
    undefined,
    'Not found',
    new Error('boom'),
    { error: 'Not found' },
    { error: { code: 404, message: 'Not found' } },
    { detail: 'Not Found' },
  ])('rejects %o', (value) => {
    expect(isErrorEnvelope(value)).toBe(false)
  })
})

describe('errorMessage', () => {
  it("is the API's message when it answered", () => {
    expect(errorMessage(envelope('conflict', 'That email is already registered.'))).toBe(
      'That email is already registered.',
    )
  })

  it('says Echo is unreachable when fetch got no answer at all', () => {
    expect(errorMessage(new TypeError('fetch failed'))).toBe(NETWORK_MESSAGE)
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe(NETWORK_MESSAGE)
    expect(errorMessage(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(
      NETWORK_MESSAGE,
    )
  })

  it('uses an Error or string message, else the fallback', () => {
    expect(errorMessage(new Error('Origin check failed'))).toBe('Origin check failed')
    expect(errorMessage('Plain words')).toBe('Plain words')
    expect(errorMessage(undefined)).toBe(FALLBACK_MESSAGE)
    expect(errorMessage({ weird: true }, 'Could not save.')).toBe('Could not save.')
    expect(errorMessage(envelope('error', '   '))).toBe(FALLBACK_MESSAGE)
  })
})

describe('errorCode and isNotAuthenticated', () => {
  it('read the envelope code', () => {
    expect(errorCode(envelope('not_found', 'x'))).toBe('not_found')
    expect(errorCode(new Error('x'))).toBeUndefined()
    expect(isNotAuthenticated(envelope('not_authenticated', 'Sign in to continue.'))).toBe(true)
    expect(isNotAuthenticated(envelope('not_found', 'x'))).toBe(false)
  })
})

describe('fieldErrors', () => {
  it('maps details to their fields, first message per field', () => {
    const error = envelope('invalid_input', 'value is not a valid email address', [
      { field: 'email', message: 'value is not a valid email address' },
      { field: 'email', message: 'second message is ignored' },
      { field: 'chapters.0.title', message: 'Too long' },
      { field: null, message: 'not tied to a field' },
    ])
    expect(fieldErrors(error)).toEqual({
      email: 'value is not a valid email address',
      'chapters.0.title': 'Too long',
    })
  })

  it('is empty for anything that is not an envelope', () => {
    expect(fieldErrors(new Error('x'))).toEqual({})
    expect(fieldErrors(null)).toEqual({})
  })
})

describe('formErrorMessage', () => {
  const fields = ['email', 'password']

  it('is nothing without an error', () => {
    expect(formErrorMessage(null, fields)).toBeUndefined()
  })

  it("is the API's message when it is not shown next to a field", () => {
    expect(
      formErrorMessage(envelope('not_authenticated', 'Wrong email or password.'), fields),
    ).toBe('Wrong email or password.')
    const partly = envelope('invalid_input', 'Bad', [
      { field: 'email', message: 'Bad email' },
      { field: 'other', message: 'Shown nowhere else' },
    ])
    expect(formErrorMessage(partly, fields)).toBe('Bad')
  })

  it('is a summary when every detail is shown next to its field', () => {
    const error = envelope('invalid_input', 'Bad email', [{ field: 'email', message: 'Bad email' }])
    expect(formErrorMessage(error, fields)).toBe('Check the highlighted fields.')
  })
})

describe('unreachableResponse', () => {
  it('is a 502 carrying the envelope, so callers only ever see envelopes', async () => {
    const response = unreachableResponse(new TypeError('fetch failed'))
    expect(response.status).toBe(502)
    const body: unknown = await response.json()
    expect(isErrorEnvelope(body)).toBe(true)
    expect(errorCode(body)).toBe(UNREACHABLE_CODE)
    expect(errorMessage(body)).toBe(UNREACHABLE_MESSAGE)
  })

  it('lets an abort through', () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError')
    expect(() => unreachableResponse(abort)).toThrow(abort)
  })
})

describe('isTransient', () => {
  it('retries no answer and server failures, not deliberate answers', () => {
    expect(isTransient(envelope(UNREACHABLE_CODE, 'x'))).toBe(true)
    expect(isTransient(envelope('internal_error', 'x'))).toBe(true)
    expect(isTransient(new TypeError('fetch failed'))).toBe(true)
    expect(isTransient(envelope('not_found', 'x'))).toBe(false)
    expect(isTransient(envelope('not_authenticated', 'x'))).toBe(false)
    expect(isTransient(envelope('invalid_input', 'x'))).toBe(false)
  })
})
