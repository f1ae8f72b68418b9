import { afterEach, describe, expect, it, vi } from 'vitest'
import { API_BASE_URL, backendUrl, retarget, retargetStreaming } from './origin'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('retarget', () => {
  it('swaps the origin and keeps path, query and fragment', () => {
    expect(
      retarget(`${API_BASE_URL}/api/videos?limit=20&status=FAILED`, 'http://127.0.0.1:8000'),
    ).toBe('http://127.0.0.1:8000/api/videos?limit=20&status=FAILED')
  })

  it('keeps a path prefix on the target', () => {
    expect(retarget(`${API_BASE_URL}/api/auth/me`, 'https://host.example/echo/')).toBe(
      'https://host.example/echo/api/auth/me',
    )
  })
})

describe('backendUrl', () => {
  it('defaults to the local API and honours ECHO_API_URL', () => {
    vi.stubEnv('ECHO_API_URL', '')
    expect(backendUrl()).toBe('http://127.0.0.1:8000')
    vi.stubEnv('ECHO_API_URL', 'http://api:9000/')
    expect(backendUrl()).toBe('http://api:9000')
  })
})

describe('retargetStreaming', () => {
  it('sends method, headers and body to the new origin', async () => {
    const original = new Request(`${API_BASE_URL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":"a@b.c"}',
    })
    const headers = new Headers(original.headers)
    headers.set('cookie', 'echo_session=t')
    const moved = retargetStreaming(original, 'http://127.0.0.1:8000', headers)
    expect(moved.url).toBe('http://127.0.0.1:8000/api/auth/login')
    expect(moved.method).toBe('POST')
    expect(moved.headers.get('cookie')).toBe('echo_session=t')
    expect(await moved.text()).toBe('{"email":"a@b.c"}')
  })
})
