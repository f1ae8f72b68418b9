// Signing in: the API's refusal is shown on the form, and a form sent before the page is
// interactive never puts the password in the address bar.
import { expect, newCreator, register, test, waitForHydration } from './fixtures.ts'

test('a wrong password is refused with the API’s message', async ({ page }) => {
  await page.goto('/login')
  const submit = page.getByRole('button', { name: 'Sign in' })
  await waitForHydration(submit)
  await page.getByLabel('Email').fill(newCreator('nobody').email)
  await page.getByLabel('Password').fill('Not the right one 93')
  await submit.click()
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toHaveCount(
    1,
  )
  await expect(page).toHaveURL(/\/login$/)
})

test('a sign-in sent before the page is interactive keeps the password out of the URL', async ({
  browser,
  baseURL,
}) => {
  // Without JavaScript the form is the server's HTML alone, as before hydration.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.goto('/login')
    const { password, email } = newCreator('early')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForLoadState('load')
    expect(page.url()).not.toContain('password')
    expect(decodeURIComponent(page.url().replaceAll('+', ' '))).not.toContain(password)
    await expect(page.getByRole('heading', { name: 'Sign in to Echo' })).toBeVisible()
  } finally {
    await context.close()
  }
})

test('signing out revokes the session token, not just the cookie', async ({ page, context }) => {
  await register(page, newCreator('leaver'))
  const [session] = (await context.cookies()).filter((cookie) => cookie.name === 'echo_session')
  expect(session?.value).toBeTruthy()
  const asBearer = { headers: { Authorization: `Bearer ${session?.value}` } }
  expect((await page.request.get('/api/auth/me', asBearer)).status()).toBe(200)

  const signOut = page.getByRole('button', { name: 'Sign out' })
  await waitForHydration(signOut)
  await signOut.click()

  await expect(page).toHaveURL(/\/login/)
  // A copy of the old token (say, one that leaked) no longer opens the account.
  expect((await page.request.get('/api/auth/me', asBearer)).status()).toBe(401)
})
