import { describe, expect, it } from 'vitest'
import { describeLanguage, formatFps, formatName, formatResolution } from './facts'

describe('video facts', () => {
  it('names the container', () => {
    expect(formatName('video/mp4', 'mov,mp4,m4a,3gp,3g2,mj2')).toBe('MP4')
    expect(formatName('video/x-unknown', 'avi')).toBe('AVI')
    expect(formatName('video/x-unknown', null)).toBe('video/x-unknown')
  })

  it('formats resolution and frame rate', () => {
    expect(formatResolution('1280x720')).toBe('1280 × 720')
    expect(formatResolution(null)).toBe('—')
    expect(formatFps(30)).toBe('30 fps')
    expect(formatFps(30000 / 1001)).toBe('29.97 fps')
    expect(formatFps(null)).toBe('—')
  })

  it('says which language the job used and where it came from', () => {
    expect(describeLanguage('de', 'auto')).toBe('German (detected)')
    expect(describeLanguage('de', 'de')).toBe('German (chosen at upload)')
    expect(describeLanguage(null, 'fr')).toBe('French (chosen at upload)')
    expect(describeLanguage(null, 'auto')).toBe('Detected when transcribed')
  })
})
