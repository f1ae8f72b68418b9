// A creator makes an API token for a script (shown once), revokes it, and adds a webhook
// (its secret shown once) and deletes it, from the settings page.
import { expect, newCreator, register, saveScreenshot, test, waitForHydration } from './fixtures.ts'

test('a creator manages API tokens and webhooks', async ({ page, request }) => {
  await register(page, newCreator('automation'))
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click()
  const make = page.getByRole('button', { name: 'Make a token' })
  await waitForHydration(make)

  await page.getByLabel('Name').fill('nightly uploads')
  await make.click()
  const token = (await page.locator('.secret-value').first().textContent()) ?? ''
  expect(token).toMatch(/^echo_/)
  const tokens = page.getByRole('list', { name: 'Your API tokens' })
  await expect(tokens.getByText('nightly uploads')).toBeVisible()
  await expect(tokens.getByText('Never used')).toBeVisible()
  // The token opens the API for a script.
  const me = await request.get('/api/auth/me', { headers: { Authorization: `Bearer ${token}` } })
  expect(me.status()).toBe(200)

  await page.getByLabel('URL').fill('http://127.0.0.1/hooks')
  await page.getByRole('button', { name: 'Add the webhook' }).click()
  await expect(page.getByRole('main').getByText(/private, loopback or link-local/)).toBeVisible()
  await page.getByLabel('URL').fill('https://93.184.215.14/hooks/echo')
  await page.getByRole('button', { name: 'Add the webhook' }).click()
  const webhooks = page.getByRole('list', { name: 'Your webhooks' })
  await expect(webhooks.getByText('https://93.184.215.14/hooks/echo')).toBeVisible()
  await expect(page.locator('.secret-value').nth(1)).toContainText('whsec_')
  await webhooks.getByText('Deliveries').click()
  await expect(webhooks.getByText('Nothing sent yet.')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible()
  await expect(page.locator('.secret-value')).toHaveCount(0)
  await expect(tokens.getByText('Last used')).toBeVisible()
  await saveScreenshot(page, 'settings-automation-1280')
  await page.setViewportSize({ width: 390, height: 844 })
  await saveScreenshot(page, 'settings-automation-390')
  await page.setViewportSize({ width: 1280, height: 800 })

  await waitForHydration(page.getByRole('button', { name: 'Revoke' }))
  await page.getByRole('button', { name: 'Revoke' }).click()
  await expect(page.getByText('No tokens yet.')).toBeVisible()
  const refused = await request.get('/api/auth/me', {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(refused.status()).toBe(401)
  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('No webhooks yet.')).toBeVisible()
})
