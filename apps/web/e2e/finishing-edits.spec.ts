// The creator's finishing work on the video page: fix a misheard word everywhere and find
// it in the downloaded SRT, add a chapter at the player's time and find it in the YouTube
// text, edit the title and keep it through a reprocess; then the page on a phone and in
// dark mode. Against the real API and pipeline.
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import {
  dismissToasts,
  expect,
  newCreator,
  register,
  saveScreenshot,
  speechVideoPath,
  test,
  waitForHydration,
} from './fixtures.ts'
import { parseSrt } from './srt.ts'

test.describe.configure({ mode: 'serial' })

const PIPELINE_TIMEOUT_MS = 3 * 60_000

interface VideoJson {
  id: string
  latest_job: { id: string; status: string } | null
  metadata: {
    title: string | null
    chapters: { start_seconds: number; title: string }[]
    extracted_video_duration_seconds: number | null
  } | null
}

async function videoJson(page: Page, videoId: string): Promise<VideoJson> {
  const response = await page.request.get(`/api/videos/${videoId}`)
  expect(response.status()).toBe(200)
  return (await response.json()) as VideoJson
}

async function waitUntilDone(page: Page, videoId: string, jobNot?: string): Promise<VideoJson> {
  await expect
    .poll(
      async () => {
        const video = await videoJson(page, videoId)
        if (jobNot && video.latest_job?.id === jobNot) return 'old job'
        return video.latest_job?.status
      },
      { timeout: PIPELINE_TIMEOUT_MS, intervals: [1000] },
    )
    .toBe('COMPLETED')
  return videoJson(page, videoId)
}

/** m:ss, as the page and YouTube write chapter times. */
function stamp(seconds: number): string {
  const whole = Math.floor(seconds)
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}

let videoId = ''

test('a creator fixes the transcript and chapters, and keeps an edited title through a reprocess', async ({
  page,
}) => {
  // Two runs of the pipeline (the upload and the reprocess) on a shared machine.
  test.setTimeout(2 * PIPELINE_TIMEOUT_MS + 2 * 60_000)
  await register(page, newCreator('finisher'))
  const input = page.getByLabel('Upload a video')
  await waitForHydration(input)
  await input.setInputFiles(speechVideoPath())
  await expect
    .poll(async () => {
      const list = (await (await page.request.get('/api/videos')).json()) as {
        items: { id: string }[]
      }
      return list.items[0]?.id ?? ''
    })
    .not.toBe('')
  const list = (await (await page.request.get('/api/videos')).json()) as { items: { id: string }[] }
  videoId = list.items[0]?.id ?? ''
  let video = await waitUntilDone(page, videoId)

  await page.goto(`/videos/${videoId}`)
  const transcript = page.getByRole('region', { name: 'Transcript' })
  await expect(transcript.getByRole('button', { name: /^Edit the line/ }).first()).toBeVisible()

  // Find and replace: a word the recognizer wrote, replaced in every line at once.
  const firstLine = ((await transcript.locator('.segment-text').first().textContent()) ?? '').trim()
  const misheard = firstLine.split(/\s+/).find((word) => /^[a-z]{4,}$/i.test(word)) ?? ''
  expect(misheard).not.toBe('')
  const find = transcript.getByLabel('Find in the transcript')
  await waitForHydration(find)
  await find.fill(misheard)
  await transcript.getByLabel('Replace with').fill('Zanzibar')
  await transcript.getByRole('button', { name: 'Replace all' }).click()
  await expect(page.getByText(/^Replaced \d+ match/)).toBeVisible()
  await find.fill('')
  await expect(transcript.getByText('Zanzibar').first()).toBeVisible()

  const srtLink = page.getByRole('link', { name: 'Subtitles (SRT)' })
  const downloading = page.waitForEvent('download')
  await srtLink.click()
  const download = await downloading
  const cues = parseSrt(await readFile(await download.path(), 'utf8'))
  expect(cues.map((cue) => cue.text).join(' ')).toContain('Zanzibar')

  // Undo puts the recognizer's word back.
  await transcript.getByRole('button', { name: 'Undo' }).click()
  await expect(transcript.getByText('Zanzibar')).toHaveCount(0)
  await expect(transcript.getByText(misheard).first()).toBeVisible()

  // Edit one line in place: Escape cancels, Enter saves.
  await transcript
    .getByRole('button', { name: /^Edit the line/ })
    .first()
    .click()
  const line = transcript.getByRole('textbox', { name: /^Line at/ })
  await expect(line).toBeFocused()
  await line.press('Escape')
  await expect(line).toHaveCount(0)
  await transcript
    .getByRole('button', { name: /^Edit the line/ })
    .first()
    .click()
  await line.fill('Welcome to the kitchen.')
  await line.press('Enter')
  await expect(transcript.getByText('Welcome to the kitchen.')).toBeVisible()
  const txt = await page.request.get(`/api/videos/${videoId}/transcript.txt`)
  expect(await txt.text()).toContain('Welcome to the kitchen.')

  // The recognizer's transcript is kept beside the edit, to compare, and it can come back.
  await transcript.getByText(/Compare with the recognizer's version \(1 line differs\)/).click()
  await expect(transcript.locator('.compare-changed')).toHaveCount(1)
  await transcript.getByRole('button', { name: "Restore the recognizer's version" }).click()
  await expect(transcript.getByText('Welcome to the kitchen.')).toHaveCount(0)
  await expect(transcript.getByText(firstLine)).toBeVisible()

  // A chapter where the player is: the middle of the longest gap between chapters.
  const duration = video.metadata?.extracted_video_duration_seconds ?? 80
  const starts = (video.metadata?.chapters ?? []).map((chapter) => chapter.start_seconds)
  expect(starts.length).toBeGreaterThanOrEqual(3)
  const ends = [...starts.slice(1), duration]
  const gaps = starts.map((start, index) => ({ start, length: (ends[index] ?? duration) - start }))
  const widest = gaps.reduce((best, gap) => (gap.length > best.length ? gap : best))
  expect(widest.length).toBeGreaterThanOrEqual(20)
  const at = Math.floor(widest.start + widest.length / 2)

  const chapters = page.getByRole('region', { name: 'Chapters' })
  await chapters.getByRole('button', { name: 'Edit chapters' }).click()
  await page.locator('video').evaluate((element, time) => {
    const player = element as HTMLVideoElement
    player.pause()
    player.currentTime = time
  }, at)
  await chapters.getByRole('button', { name: `Add chapter at ${stamp(at)}` }).click()
  const newTitle = chapters
    .getByRole('textbox', { name: /title/ })
    .nth(starts.filter((start) => start <= at).length)
  await expect(newTitle).toBeFocused()
  // The rules are checked while typing: an empty title is refused.
  await expect(chapters.getByText('Give this chapter a title.')).toBeVisible()
  await expect(chapters.getByRole('button', { name: 'Save chapters' })).toBeDisabled()
  await newTitle.fill('Bonus round')
  await chapters.getByRole('button', { name: 'Save chapters' }).click()
  await expect(chapters.getByRole('button', { name: /Bonus round/ })).toBeVisible()
  const youtube = await (await page.request.get(`/api/videos/${videoId}/youtube.txt`)).text()
  expect(youtube).toContain(`${stamp(at)} Bonus round`)

  // The title, edited, then a reprocess that keeps the creator's edits.
  const titleField = page.getByRole('textbox', { name: 'Title', exact: true })
  await titleField.fill('My own title, kept')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('All changes saved.')).toBeVisible()
  await dismissToasts(page)
  const firstJob = video.latest_job?.id
  await page.getByRole('button', { name: 'Reprocess' }).click()
  const dialog = page.getByRole('dialog', { name: 'Reprocess this video?' })
  await expect(dialog.getByRole('radio', { name: /Keep my edits/ })).toBeChecked()
  await dialog.getByRole('button', { name: 'Reprocess' }).click()
  video = await waitUntilDone(page, videoId, firstJob)
  expect(video.metadata?.title).toBe('My own title, kept')
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My own title, kept')
  await saveScreenshot(page, 'finishing-video-1280')

  // Shortcuts: K plays and pauses, but not while typing in a field; ? lists them.
  const player = page.locator('video')
  const paused = () => player.evaluate((element) => (element as HTMLVideoElement).paused)
  await page.locator('h1').click()
  await page.keyboard.press('k')
  await expect.poll(paused).toBe(false)
  await page.keyboard.press('k')
  await expect.poll(paused).toBe(true)
  await find.fill('k')
  await find.press('k')
  expect(await paused()).toBe(true)
  await page.locator('h1').click()
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Escape')

  // An address that leads nowhere: a 404 inside the app's frame.
  const missing = await page.goto('/no/such/page')
  expect(missing?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await expect(page.getByRole('banner').getByRole('link', { name: 'Echo' })).toBeVisible()
  await page.goto(`/videos/${videoId}`)

  // A phone in dark mode: no sideways scroll, dark colours, the editors one tap away.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.reload()
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number)
  expect(r + g + b).toBeLessThan(120)
  expect(
    await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    ),
  ).toBe(false)
  const toTitles = page
    .getByRole('navigation', { name: 'Sections of this page' })
    .getByRole('link', {
      name: 'Titles',
    })
  await toTitles.click()
  await expect(page.getByRole('heading', { name: 'Titles' })).toBeInViewport()
  await saveScreenshot(page, 'finishing-video-390-dark')

  // The switch beats the system, and is applied before the first paint after a reload.
  await page.emulateMedia({ colorScheme: 'light' })
  const scheme = page.getByLabel(/Colour scheme/)
  await waitForHydration(scheme)
  await scheme.selectOption('dark')
  await page.reload({ waitUntil: 'commit' })
  await page.waitForSelector('body', { state: 'attached' })
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
  await scheme.selectOption('system')
})
