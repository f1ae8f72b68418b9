import { describe, expect, it } from 'vitest'
import { NETWORK_MESSAGE, UNREACHABLE_MESSAGE } from '../../api/errors'
import {
  isAborted,
  LANGUAGE_FIELD,
  parseUploadResponse,
  type RequestLike,
  sentLabel,
  startUpload,
  UPLOAD_FIELD,
  UPLOAD_URL,
} from './upload'

const UNSUPPORTED = {
  error: {
    code: 'unsupported_media',
    message: 'This file is not a video Echo can read, or it is damaged.',
    details: [],
  },
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('did not throw')
}

describe('parseUploadResponse', () => {
  it('returns the new video and job', () => {
    const body = { video_id: 'v', job_id: 'j', status: 'PENDING' }
    expect(parseUploadResponse(201, JSON.stringify(body))).toEqual(body)
  })

  it("throws the API's envelope, e.g. for a file that is not a video", () => {
    expect(thrown(() => parseUploadResponse(415, JSON.stringify(UNSUPPORTED)))).toEqual(UNSUPPORTED)
  })

  it('makes an envelope when there was none', () => {
    expect(thrown(() => parseUploadResponse(413, '<html>too big</html>'))).toMatchObject({
      error: { code: 'http_413', message: 'This file is larger than Echo accepts.' },
    })
    expect(thrown(() => parseUploadResponse(504, ''))).toMatchObject({
      error: { message: UNREACHABLE_MESSAGE },
    })
    expect(thrown(() => parseUploadResponse(0, ''))).toMatchObject({
      error: { code: 'network_error', message: NETWORK_MESSAGE },
    })
    expect(thrown(() => parseUploadResponse(201, '{"odd":true}'))).toMatchObject({
      error: { code: 'invalid_response' },
    })
  })
})

// Node has no ProgressEvent; the code under test reads only these fields.
function progressEvent(init: { loaded?: number; total?: number; lengthComputable?: boolean } = {}) {
  return init as unknown as ProgressEvent
}

class FakeRequest implements RequestLike {
  status = 0
  responseText = ''
  method = ''
  url = ''
  body: FormData | undefined
  aborted = false
  upload: RequestLike['upload'] = { onprogress: null, onload: null }
  onload: RequestLike['onload'] = null
  onerror: RequestLike['onerror'] = null
  onabort: RequestLike['onabort'] = null
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  send(body: FormData) {
    this.body = body
  }
  abort() {
    this.aborted = true
    this.onabort?.(progressEvent())
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.(progressEvent({ loaded, total, lengthComputable: true }))
  }
  answer(status: number, body: unknown) {
    this.upload.onload?.(progressEvent())
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.(progressEvent())
  }
}

describe('startUpload', () => {
  const file = new File([new Uint8Array(1000)], 'talk.mp4', { type: 'video/mp4' })

  it('posts the file as multipart field `file` to /api/videos and reports file bytes', async () => {
    const request = new FakeRequest()
    const progress: number[] = []
    let sent = false
    const upload = startUpload(
      file,
      { onProgress: (bytes) => progress.push(bytes), onSent: () => (sent = true) },
      () => request,
    )
    expect(request.method).toBe('POST')
    expect(request.url).toBe(UPLOAD_URL)
    expect(UPLOAD_URL).toBe('/api/videos')
    const sentFile = request.body?.get(UPLOAD_FIELD)
    expect(sentFile instanceof File ? sentFile.name : sentFile).toBe('talk.mp4')
    // The request is a little larger than the file (multipart framing).
    request.progress(550, 1100)
    expect(progress).toEqual([500])
    request.answer(201, { video_id: 'v', job_id: 'j', status: 'PENDING' })
    expect(sent).toBe(true)
    expect(progress.at(-1)).toBe(1000)
    await expect(upload.result).resolves.toEqual({ video_id: 'v', job_id: 'j', status: 'PENDING' })
  })

  it('sends the spoken language only when one was picked', () => {
    const picked = new FakeRequest()
    startUpload(file, { language: 'de' }, () => picked)
    expect(picked.body?.get(LANGUAGE_FIELD)).toBe('de')
    expect(LANGUAGE_FIELD).toBe('language')
    const detected = new FakeRequest()
    startUpload(file, {}, () => detected)
    expect(detected.body?.has(LANGUAGE_FIELD)).toBe(false)
  })

  it("rejects with the API's message", async () => {
    const request = new FakeRequest()
    const upload = startUpload(file, {}, () => request)
    request.answer(415, UNSUPPORTED)
    await expect(upload.result).rejects.toEqual(UNSUPPORTED)
  })

  it('rejects as aborted when canceled', async () => {
    const request = new FakeRequest()
    const upload = startUpload(file, {}, () => request)
    upload.abort()
    expect(request.aborted).toBe(true)
    const error = await upload.result.catch((e: unknown) => e)
    expect(isAborted(error)).toBe(true)
  })

  it('rejects with the network sentence when the connection fails', async () => {
    const request = new FakeRequest()
    const upload = startUpload(file, {}, () => request)
    request.onerror?.(progressEvent())
    await expect(upload.result).rejects.toMatchObject({ error: { message: NETWORK_MESSAGE } })
  })
})

describe('sentLabel', () => {
  it('says how much of the file went', () => {
    expect(sentLabel(1, 2, (n) => `${n} B`)).toBe('1 B of 2 B')
  })
})
