// A creator connects their YouTube channel through (the test server's) Google consent page,
// sees the channel on the settings page, and disconnects it; Cancel at Google is explained.
import {
  dismissToasts,
  expect,
  newCreator,
  register,
  saveScreenshot,
  test,
  waitForHydration,
} from './fixtures.ts'

test('a creator connects their channel at Google and disconnects it', async ({ page }) => {
  await register(page, newCreator('youtube'))
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click()
  const connect = page.getByRole('button', { name: 'Connect a YouTube channel' })
  await waitForHydration(connect)
  await saveScreenshot(page, 'settings-youtube-not-connected-1280')

  await connect.click()
  await expect(
    page.getByRole('heading', { name: /wants to access your Google Account/ }),
  ).toBeVisible()
  expect(new URL(page.url()).origin).toBe(process.env.ECHO_E2E_FAKE_GOOGLE_URL)
  await page.getByRole('button', { name: 'Allow' }).click()

  await expect(page).toHaveURL(/\/settings\?youtube=connected$/)
  await expect(page.getByTestId('youtube-outcome')).toHaveText('Your YouTube channel is connected.')
  await expect(page.getByTestId('youtube-channel')).toHaveText('Connected to Sourdough Weekly.')
  await saveScreenshot(page, 'settings-youtube-connected-1280')
  await page.setViewportSize({ width: 390, height: 844 })
  await saveScreenshot(page, 'settings-youtube-connected-390')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.setViewportSize({ width: 1280, height: 800 })

  const disconnect = page.getByRole('button', { name: 'Disconnect' })
  await waitForHydration(disconnect)
  await disconnect.click()
  await expect(page.getByText(/Google has revoked Echo.s access/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Connect a YouTube channel' })).toBeVisible()
  await expect(page.getByTestId('youtube-channel')).toHaveCount(0)
  await expect(page.getByTestId('youtube-outcome')).toHaveCount(0)
  await expect(page).toHaveURL(/\/settings$/)
  await dismissToasts(page)
})

test('pressing Cancel at Google says nothing was connected', async ({ page }) => {
  await register(page, newCreator('youtube-cancel'))
  await page.goto('/settings')
  const connect = page.getByRole('button', { name: 'Connect a YouTube channel' })
  await waitForHydration(connect)
  await connect.click()
  await page.getByRole('button', { name: 'Cancel' }).click()

  await expect(page).toHaveURL(/\/settings\?youtube=denied$/)
  await expect(page.getByTestId('youtube-outcome')).toContainText('nothing was connected')
  await expect(page.getByRole('button', { name: 'Connect a YouTube channel' })).toBeVisible()
  await page.setViewportSize({ width: 390, height: 844 })
  await saveScreenshot(page, 'settings-youtube-denied-390')
})
