// The admin sets the text engine from the app and tests it; nobody else sees the page.
import {
  dismissToasts,
  expect,
  newCreator,
  register,
  saveScreenshot,
  test,
  waitForHydration,
} from './fixtures.ts'

function fromSetup(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run through \`pnpm test:e2e\``)
  return value
}

test('the admin points Echo at an OpenAI-compatible server and tests it', async ({ page }) => {
  await page.goto('/login')
  const submit = page.getByRole('button', { name: 'Sign in' })
  await waitForHydration(submit)
  await page.getByLabel('Email').fill(fromSetup('ECHO_E2E_ADMIN_EMAIL'))
  await page.getByLabel('Password').fill(fromSetup('ECHO_E2E_ADMIN_PASSWORD'))
  await submit.click()
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()

  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  const save = page.getByRole('button', { name: 'Save' })
  await waitForHydration(save)
  await page.getByRole('radio', { name: /OpenAI-compatible/ }).check()
  await page.getByLabel('Base URL').fill(`${fromSetup('ECHO_E2E_FAKE_LLM_URL')}/v1`)
  await page.getByLabel('Model').fill('gpt-test')
  await page.getByLabel('API key').fill('sk-e2e-0123456789')
  await save.click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
  // Write-only: the page knows a key is saved, never what it is.
  await expect(page.getByLabel('API key')).toHaveAttribute('placeholder', /A key is saved/)
  await expect(page.getByLabel('API key')).toHaveValue('')

  await page.getByRole('button', { name: 'Test' }).click()
  const result = page.getByRole('status').filter({ hasText: 'It works.' })
  await expect(result).toBeVisible()
  await expect(result).toContainText('openai:gpt-test')
  await expect(result).toContainText('answered in')

  await dismissToasts(page)
  await saveScreenshot(page, 'settings-1280')
  await page.setViewportSize({ width: 390, height: 844 })
  await saveScreenshot(page, 'settings-390')
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(390)

  // Back to the offline engine, which the other browser tests expect.
  await page.getByRole('radio', { name: /Offline/ }).check()
  await save.click()
  await expect(page.getByLabel('Base URL')).toHaveCount(0)
  await expect(page.getByText('Settings saved.').first()).toBeVisible()
})

test('a creator who is not the admin sees only their own settings', async ({ page }) => {
  await register(page, newCreator('not-admin'))

  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'YouTube channel' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Text engine' })).toHaveCount(0)
  await expect(page.getByLabel('API key')).toHaveCount(0)
})
