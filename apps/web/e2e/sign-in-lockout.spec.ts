// A stranger who fails sign-ins from their own address locks out only that address: the
// web server passes each browser's address on to the API. Each browser context stands
// behind its own address, as a reverse proxy in front of the web server would say in
// X-Forwarded-For; the web server believes it because global setup lists loopback, where
// the browser connects from, in ECHO_WEB_TRUSTED_PROXIES.
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { expect, newCreator, register, test, waitForHydration } from './fixtures.ts'

const ATTACKER = '198.51.100.66'
const OWNER = '203.0.113.80'
const WRONG = 'Wrong email or password.'
const LOCKED_OUT = 'Too many failed sign-in attempts.'

function behind(browser: Browser, baseURL: string | undefined, address: string) {
  return browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': address } })
}

/** Send the sign-in form and wait for the server's answer to it. */
async function signIn(page: Page, email: string, password: string): Promise<void> {
  const submit = page.getByRole('button', { name: 'Sign in' })
  await waitForHydration(submit)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      !new URL(response.url()).pathname.startsWith('/api'),
  )
  await submit.click()
  await answered
}

test('a stranger failing 25 sign-ins does not keep the owner out', async ({ browser, baseURL }) => {
  const owner = newCreator('owner')
  const contexts: BrowserContext[] = []
  try {
    const signUp = await behind(browser, baseURL, OWNER)
    contexts.push(signUp)
    await register(await signUp.newPage(), owner)

    const attackerContext = await behind(browser, baseURL, ATTACKER)
    contexts.push(attackerContext)
    const attacker = await attackerContext.newPage()
    await attacker.goto('/login')
    // Five guesses at the owner's password, then other emails until the address is locked.
    for (let attempt = 1; attempt <= 25; attempt += 1) {
      const email = attempt <= 5 ? owner.email : newCreator('guess').email
      await signIn(attacker, email, `Guess number ${attempt} here`)
      const answer = attempt <= 20 ? WRONG : LOCKED_OUT
      await expect(attacker.getByRole('alert').filter({ hasText: answer })).toHaveCount(1)
    }
    await expect(attacker).toHaveURL(/\/login$/)

    const ownerContext = await behind(browser, baseURL, OWNER)
    contexts.push(ownerContext)
    const ownerPage = await ownerContext.newPage()
    await ownerPage.goto('/login')
    await signIn(ownerPage, owner.email, owner.password)

    await expect(ownerPage.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()
    await expect(ownerPage.getByRole('banner').getByText(owner.email)).toBeVisible()
  } finally {
    for (const context of contexts) await context.close()
  }
})
