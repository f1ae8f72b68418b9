import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect'

describe('safeRedirect', () => {
  it('keeps local paths with their query and fragment', () => {
    expect(safeRedirect('/')).toBe('/')
    expect(safeRedirect('/videos/123?tab=chapters#t=5')).toBe('/videos/123?tab=chapters#t=5')
  })

  it.each([
    undefined,
    42,
    '',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    'javascript:alert(1)',
    'videos',
  ])('falls back for %o', (target) => {
    expect(safeRedirect(target)).toBe('/')
  })

  it('does not send a signed-in user back to the auth pages', () => {
    expect(safeRedirect('/login?redirect=/x')).toBe('/')
    expect(safeRedirect('/register')).toBe('/')
  })
})
