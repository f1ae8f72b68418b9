// A creator connects their channel at (the test server's) Google, publishes a finished
// video from its page, watches the upload, and gets the link to it on YouTube.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  dismissToasts,
  expect,
  newCreator,
  register,
  saveScreenshot,
  test,
  waitForHydration,
} from './fixtures.ts'

const CORE_DIR = fileURLToPath(new URL('../../core/', import.meta.url))

/** Two seconds of noise (tests/youtube/publishing.py): quick to process, yet several
 * upload chunks, so the upload's bar is there to see. */
function noisyVideo(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'echo-publish-')), 'noise.mp4')
  const code = [
    'import sys',
    'from pathlib import Path',
    'from tests.youtube.publishing import noisy_video',
    'noisy_video(Path(sys.argv[1]))',
  ].join('\n')
  const result = spawnSync(join(CORE_DIR, '.venv', 'bin', 'python'), ['-c', code, path], {
    cwd: CORE_DIR,
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`Could not make the video:\n${result.stderr}`)
  return path
}

test('a creator publishes a finished video to their YouTube channel', async ({ page, baseURL }) => {
  await register(page, newCreator('publisher'))

  // The video goes in through the API (the upload page has its own test) and is processed.
  const uploaded = await page.request.post('/api/videos', {
    headers: { Origin: baseURL ?? '' },
    multipart: {
      file: { name: 'noise.mp4', mimeType: 'video/mp4', buffer: readFileSync(noisyVideo()) },
    },
  })
  expect(uploaded.status()).toBe(201)
  const { video_id: videoId } = (await uploaded.json()) as { video_id: string }
  await expect
    .poll(
      async () => {
        const video = await (await page.request.get(`/api/videos/${videoId}`)).json()
        return video.latest_job?.status
      },
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe('COMPLETED')

  // Without a channel, the panel sends the creator to Settings.
  await page.goto(`/videos/${videoId}`)
  const panel = page.getByRole('region', { name: 'Publish to YouTube' })
  await expect(panel.getByTestId('publish-connect')).toContainText('Connect your YouTube channel')
  await expect(panel.getByRole('button', { name: 'Publish' })).toBeDisabled()
  const toSettings = panel.getByRole('link', { name: 'Go to Settings' })
  await waitForHydration(toSettings)
  await toSettings.click()
  const connect = page.getByRole('button', { name: 'Connect a YouTube channel' })
  await waitForHydration(connect)
  await connect.click()
  await page.getByRole('button', { name: 'Allow' }).click()
  await expect(page.getByTestId('youtube-channel')).toHaveText('Connected to Sourdough Weekly.')

  await page.goto(`/videos/${videoId}`)
  await expect(panel.getByTestId('publish-channel')).toContainText('Sourdough Weekly')
  await panel.getByLabel('Visibility').selectOption('unlisted')
  await expect(panel.getByLabel('Make public at (optional)')).toBeDisabled()
  await panel.getByLabel('Category').selectOption({ label: 'Education' })
  await expect(panel.getByLabel('No, it is not made for kids')).toBeChecked()
  await dismissToasts(page)
  await saveScreenshot(page, 'publish-panel-1280')
  await page.setViewportSize({ width: 390, height: 844 })
  await panel.scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'publish-panel-390')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.setViewportSize({ width: 1280, height: 800 })

  const publish = panel.getByRole('button', { name: 'Publish' })
  await waitForHydration(publish)
  await publish.click()
  // The fake YouTube takes each 256 KiB a moment, so the bar is there to see.
  await expect(panel.getByRole('progressbar', { name: 'Upload to YouTube' })).toBeVisible()
  await saveScreenshot(page, 'publish-uploading-1280')

  const link = panel.getByTestId('youtube-link')
  await expect(link).toBeVisible({ timeout: 60_000 })
  await expect(link).toHaveAttribute('href', /^https:\/\/www\.youtube\.com\/watch\?v=[\w-]+$/)
  await expect(panel.getByRole('status')).toHaveText('Published.')
  await expect(panel.getByRole('button', { name: 'Publish again' })).toBeVisible()
  await dismissToasts(page)
  await saveScreenshot(page, 'publish-done-1280')
  await page.setViewportSize({ width: 390, height: 844 })
  await saveScreenshot(page, 'publish-done-390')

  const publication = await (await page.request.get(`/api/videos/${videoId}/publication`)).json()
  expect(publication).toMatchObject({ status: 'COMPLETED', privacy_status: 'unlisted' })
})
