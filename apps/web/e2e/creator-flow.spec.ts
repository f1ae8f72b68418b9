// A creator's whole visit against the real API and pipeline: sign up, upload a spoken
// video, watch it process live, open the results, edit them, download the subtitles. Then
// another creator, who must see none of it.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import {
  type DashboardSample,
  dashboardSamples,
  dismissToasts,
  expect,
  newCreator,
  recordDashboard,
  register,
  saveScreenshot,
  speechVideoPath,
  test,
  waitForHydration,
} from './fixtures.ts'
import { parseSrt } from './srt.ts'

// The second test looks for the first one's video.
test.describe.configure({ mode: 'serial' })

let uploaded: { videoId: string; jobId: string } | undefined

const PIPELINE_TIMEOUT_MS = 3 * 60_000

test('a creator uploads a talk, watches it process, edits the results and downloads subtitles', async ({
  page,
}) => {
  const videoPath = speechVideoPath()
  const filename = basename(videoPath)

  // Sign-in page, then create an account from it.
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: 'Sign in to Echo' })).toBeVisible()
  await saveScreenshot(page, '1-login')
  const toRegister = page.getByRole('link', { name: 'Create an account' })
  await waitForHydration(toRegister)
  await toRegister.click()
  await expect(page).toHaveURL(/\/register$/)
  await register(page, newCreator('creator'))
  await expect(page.getByTestId('library-empty')).toBeVisible()

  // Upload, with the connection slowed so the bar has time to move.
  const input = page.getByLabel('Upload a video')
  await waitForHydration(input)
  const marker = `no-reload-${Date.now()}`
  await recordDashboard(page, marker)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 192 * 1024,
  })
  await input.setInputFiles(videoPath)

  const uploadItem = page.getByTestId('upload-item')
  await expect(uploadItem).toContainText(filename)
  const uploadBar = uploadItem.getByRole('progressbar', { name: `Uploading ${filename}` })
  await expect(uploadBar).toBeVisible()
  // The upload row hands over to the processing list when the API has stored the video.
  await expect(uploadItem).toHaveCount(0, { timeout: 60_000 })
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  })

  const uploadValues = await recorded(page, marker, (samples) =>
    samples.flatMap((s) => (s.upload === null ? [] : [s.upload])),
  )
  expect(
    uploadValues.some((value) => value > 0 && value < 100),
    `${uploadValues}`,
  ).toBe(true)
  expect(isNonDecreasing(uploadValues), `upload bar went back: ${uploadValues}`).toBe(true)
  expect(new Set(uploadValues).size, `${uploadValues}`).toBeGreaterThanOrEqual(3)

  // The processing list follows the job live: its stage changes while we watch.
  const job = page.getByTestId('processing-job').filter({ hasText: filename })
  await expect(job).toHaveCount(1)
  const jobId = await job.getAttribute('data-job-id')
  expect(jobId).toBeTruthy()
  await expect(job.getByRole('progressbar', { name: `Progress of ${filename}` })).toBeVisible()
  await expect(job).toHaveAttribute('data-status', 'PROCESSING', { timeout: 30_000 })
  await saveScreenshot(page, '2-dashboard-processing')
  await expect
    .poll(
      async () => {
        const samples = await recorded(page, marker, (all) => all)
        return runningStages(samples).size
      },
      { timeout: PIPELINE_TIMEOUT_MS, message: 'the current stage should change while watching' },
    )
    .toBeGreaterThanOrEqual(2)

  // Done, without reloading: the library card turns Completed and the list empties.
  const card = page.getByTestId('video-card')
  await expect(card).toHaveCount(1)
  await expect(card.getByTestId('status-badge')).toHaveText('Completed', {
    timeout: PIPELINE_TIMEOUT_MS,
  })
  await expect(page.getByTestId('processing-job')).toHaveCount(0)
  await expect(page.getByText('Nothing is processing right now.')).toBeVisible()
  const samples = await recorded(page, marker, (all) => all)
  await test.info().attach('dashboard-samples.json', {
    body: JSON.stringify(samples, null, 2),
    contentType: 'application/json',
  })
  const stages = runningStages(samples)
  expect(stages.size, [...stages].join(', ')).toBeGreaterThanOrEqual(2)
  expect(
    samples.some((s) => s.jobStatus === 'PROCESSING' && (s.jobProgress ?? 0) > 0),
    'the progress bar should fill during a stage',
  ).toBe(true)
  // Thumbnails are decorative (alt=""), so they are found by tag, not by role.
  await expect.poll(() => card.locator('img').evaluate(naturalWidth)).toBeGreaterThan(0)
  await saveScreenshot(page, '3-dashboard-done')
  const cardDuration = /\d+:\d{2}/.exec(
    (await card.locator('.dash-duration').textContent()) ?? '',
  )?.[0]
  expect(cardDuration).toBeTruthy()

  // The video page: transcript, chapters, titles, thumbnails, subtitles in the player.
  await card.getByRole('link').click()
  await expect(page).toHaveURL(/\/videos\/[^/]+$/)
  const videoId = new URL(page.url()).pathname.split('/').pop() ?? ''
  uploaded = { videoId, jobId: jobId ?? '' }

  // The same length on the card, the page and the player's clock (whole seconds).
  await expect(page.locator('.video-subline')).toContainText(cardDuration ?? '?')

  const transcript = page.getByRole('region', { name: 'Transcript' })
  await expect(transcript.getByRole('heading', { name: 'Transcript' })).toBeVisible()
  const lines = transcript.getByRole('listitem')
  expect(await lines.count()).toBeGreaterThan(3)
  await expect(transcript).toContainText(/pasta|stars|garden|soil|tire|bicycle|water/i)

  const chapters = page.getByRole('region', { name: 'Chapters' }).getByRole('listitem')
  expect(await chapters.count()).toBeGreaterThanOrEqual(3)
  await expect(chapters.first()).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Chapter timeline' })).toBeVisible()

  const titles = page.getByRole('region', { name: 'Titles' }).getByRole('radio')
  expect(await titles.count()).toBeGreaterThanOrEqual(5)
  for (const radio of await titles.all()) await expect(radio).toBeVisible()

  const thumbnails = page.getByRole('region', { name: 'Thumbnails' }).locator('img')
  expect(await thumbnails.count()).toBeGreaterThanOrEqual(1)
  for (const thumbnail of await thumbnails.all()) {
    await thumbnail.scrollIntoViewIfNeeded()
    await expect(thumbnail).toBeVisible()
    await expect.poll(() => thumbnail.evaluate(naturalWidth)).toBeGreaterThan(0)
  }

  const player = page.locator('video')
  await expect(player).toBeVisible()
  await expect
    .poll(() => player.locator('track').evaluate((track: HTMLTrackElement) => track.readyState), {
      message: 'the subtitle track should load (readyState 2)',
    })
    .toBe(2)
  const track = await player.evaluate((video: HTMLVideoElement) => {
    const textTrack = video.textTracks[0]
    return {
      kind: textTrack?.kind,
      mode: textTrack?.mode,
      cues: Array.from(textTrack?.cues ?? [], (cue) => (cue as VTTCue).text),
    }
  })
  expect(track.kind).toBe('subtitles')
  expect(track.mode).toBe('showing')
  expect(track.cues.length).toBeGreaterThan(3)
  expect(track.cues.join(' ')).toMatch(/pasta|stars/i)
  await page.evaluate(() => window.scrollTo(0, 0))
  await dismissToasts(page)
  await saveScreenshot(page, '4-video')

  // Pick another title, add to the description, save; a reload shows both kept.
  const titleSection = page.getByRole('region', { name: 'Titles' })
  const titleField = titleSection.getByRole('textbox', { name: 'Title' })
  await waitForHydration(titleField)
  const before = await titleField.inputValue()
  // The last suggestion that is not the current title.
  let chosen = ''
  for (const radio of (await titles.all()).reverse()) {
    const value = (await radio.getAttribute('value')) ?? ''
    if (value && value !== before) {
      chosen = value
      await radio.check()
      break
    }
  }
  expect(chosen, 'another title to pick').not.toBe('')
  await expect(titleField).toHaveValue(chosen)

  const description = page.getByRole('textbox', { name: 'Description' })
  const original = await description.inputValue()
  expect(original.length).toBeGreaterThan(20)
  const note = `Recorded for the end-to-end test ${Date.now()}.`
  await description.fill(`${note}\n\n${original}`)
  await expect(page.getByText('Unsaved changes')).toBeVisible()
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('All changes saved.')).toBeVisible()

  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chosen)
  await expect(titleField).toHaveValue(chosen)
  await expect(titleSection.getByRole('radio', { name: chosen, exact: true })).toBeChecked()
  await expect(description).toHaveValue(`${note}\n\n${original}`)

  // The SRT download: numbered cues with timestamps, and words from the talk.
  const downloadLink = page.getByRole('link', { name: 'Subtitles (SRT)' })
  await waitForHydration(downloadLink)
  const downloading = page.waitForEvent('download')
  await downloadLink.click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/\.srt$/)
  const srt = await readFile(await download.path(), 'utf8')
  const cues = parseSrt(srt)
  expect(cues.length).toBeGreaterThan(3)
  for (const [index, cue] of cues.entries()) {
    expect(cue.index).toBe(index + 1)
    expect(cue.end).toBeGreaterThan(cue.start)
    if (index > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[index - 1]?.start ?? 0)
  }
  expect(cues.at(-1)?.end ?? 0).toBeLessThanOrEqual(85)
  expect(cues.map((cue) => cue.text).join(' ')).toMatch(/pasta|stars/i)

  // The job page: every stage done.
  await page.goto(`/jobs/${jobId}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chosen)
  await expect(page.getByTestId('status-badge').first()).toHaveText('Completed')
  const stageItems = page.getByTestId('job-stage')
  expect(await stageItems.count()).toBeGreaterThanOrEqual(5)
  for (const stage of await stageItems.all()) {
    await expect(stage).toHaveAttribute('data-status', /^(COMPLETED|SKIPPED)$/)
  }
  await saveScreenshot(page, '5-job')
})

test('another creator sees none of the first creator’s videos', async ({ browser, baseURL }) => {
  if (!uploaded) throw new Error('the upload test did not get as far as the video page')
  const { videoId, jobId } = uploaded
  const context = await browser.newContext({ baseURL })
  try {
    const page = await context.newPage()
    await register(page, newCreator('other'))
    await expect(page.getByTestId('library-empty')).toBeVisible()
    await expect(page.getByTestId('video-card')).toHaveCount(0)
    await expect(page.getByTestId('processing-job')).toHaveCount(0)
    await expect(page.getByTestId('library-count')).toHaveText('0 videos')

    const response = await page.goto(`/videos/${videoId}`)
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Video not found' })).toBeVisible()
    // Neither through the API, nor its files, nor the job.
    expect((await page.request.get(`/api/videos/${videoId}`)).status()).toBe(404)
    expect((await page.request.get(`/api/videos/${videoId}/subtitles.srt`)).status()).toBe(404)
    await page.goto(`/jobs/${jobId}`)
    await expect(page.getByRole('heading', { name: 'Job not found' })).toBeVisible()
  } finally {
    await context.close()
  }
})

/** Read the recorder, failing if the page was reloaded (the recorder would be gone). */
async function recorded<T>(
  page: import('@playwright/test').Page,
  marker: string,
  pick: (samples: DashboardSample[]) => T,
): Promise<T> {
  const samples = await dashboardSamples(page, marker)
  if (samples === null) throw new Error('the dashboard was reloaded while we watched it')
  return pick(samples)
}

/** Stage labels the processing list showed while the job was running. */
function runningStages(samples: readonly DashboardSample[]): Set<string> {
  return new Set(samples.flatMap((s) => (s.jobStatus === 'PROCESSING' && s.stage ? [s.stage] : [])))
}

function isNonDecreasing(values: readonly number[]): boolean {
  return values.every((value, index) => index === 0 || value >= (values[index - 1] ?? 0))
}

function naturalWidth(element: HTMLElement | SVGElement): number {
  return element instanceof HTMLImageElement && element.complete ? element.naturalWidth : 0
}
