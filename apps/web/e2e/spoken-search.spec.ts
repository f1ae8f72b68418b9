// Finding a spoken word: type a word the creator said into the dashboard's search, see the
// moment it is said (its time and the sentence, the word marked), and land on the video
// playing from there.
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

const PIPELINE_TIMEOUT_MS = 3 * 60_000

interface Segment {
  start: number
  text: string
}

/** A word of a line said after the start (so landing there is a seek), and that line. */
function wordToFind(segments: Segment[]): { word: string; segment: Segment } {
  for (const segment of [...segments].reverse()) {
    if (segment.start < 1) continue
    const word = segment.text.match(/\p{L}{5,}/u)?.[0]
    if (word) return { word: word.toLowerCase(), segment }
  }
  throw new Error(`no word of five letters was heard: ${JSON.stringify(segments)}`)
}

test('a spoken word found from the dashboard opens its video at that moment', async ({ page }) => {
  const videoPath = speechVideoPath()
  await page.goto('/register')
  await register(page, newCreator('searcher'))
  const input = page.getByLabel('Upload a video')
  await waitForHydration(input)
  await input.setInputFiles(videoPath)

  const card = page.getByTestId('video-card')
  await expect(card.getByTestId('status-badge')).toHaveText('Completed', {
    timeout: PIPELINE_TIMEOUT_MS,
  })
  const videoId = await card.getAttribute('data-video-id')
  const detail = await page.request.get(`/api/videos/${videoId}`)
  expect(detail.ok()).toBe(true)
  const { metadata, original_filename } = await detail.json()
  const segments: Segment[] = metadata.transcript_segments
  const { word, segment } = wordToFind(segments)

  const search = page.getByRole('searchbox', { name: 'Search titles and spoken words' })
  await waitForHydration(search)
  await search.fill(word)
  const moments = page.getByRole('list', { name: 'Moments' })
  // The line the word was taken from: its link starts the video where the line starts.
  const match = moments.locator(`a[href$="?t=${segment.start}"]`)
  await expect(match).toHaveCount(1)
  await expect(match).toContainText(metadata.title || original_filename)
  await expect(match.locator('mark').first()).toHaveText(new RegExp(`^${word}$`, 'i'))
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`))
  await dismissToasts(page)
  await saveScreenshot(page, 'spoken-search-1280')
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(match).toBeVisible()
  await saveScreenshot(page, 'spoken-search-390')
  await page.setViewportSize({ width: 1280, height: 800 })

  await match.click()
  await expect(page).toHaveURL(new RegExp(`/videos/${videoId}\\?t=${segment.start}$`))
  const video = page.locator('video')
  // The player is there, at the moment the word is said (not at the start).
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime))
    .toBeGreaterThanOrEqual(segment.start - 0.01)
  expect(await video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeLessThan(
    segment.start + 5,
  )
  await saveScreenshot(page, 'spoken-search-landed-1280')
})
