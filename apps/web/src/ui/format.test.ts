import { describe, expect, it } from 'vitest'
import { formatBytes, formatDateTime, formatDuration } from './format'

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [9.6, '0:09'],
    [75, '1:15'],
    [80.6, '1:20'],
    [3725.4, '1:02:05'],
    [null, '—'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%o → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected)
  })
})

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [10 * 1024 * 1024, '10 MB'],
    [4 * 1024 ** 3, '4.0 GB'],
  ])('%o → %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected)
  })
})

describe('formatDateTime', () => {
  it('renders UTC in a fixed locale before the viewer is known (server and hydration)', () => {
    expect(formatDateTime('2026-03-04T05:06:07Z')).toBe('4 Mar 2026, 05:06 UTC')
    expect(formatDateTime('2026-11-24T23:30:00Z', 'utc', 'date')).toBe('24 Nov 2026')
    expect(formatDateTime('not a date')).toBe('not a date')
  })

  it("shows the viewer's time zone and locale", () => {
    const newYork = { locale: 'en-US', timeZone: 'America/New_York' }
    expect(formatDateTime('2026-03-04T05:06:07Z', newYork)).toBe('Mar 4, 2026, 12:06 AM')
    // Late in the evening UTC is already the next day in Berlin.
    const berlin = { locale: 'de-DE', timeZone: 'Europe/Berlin' }
    expect(formatDateTime('2026-11-24T23:30:00Z', berlin, 'date')).toBe('25.11.2026')
  })
})
