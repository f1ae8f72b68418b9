// What the e2e tests share: the base URL from global setup, new accounts, waiting for
// hydration, screenshots, and a recorder of what the dashboard shows over time.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Locator, type Page } from '@playwright/test'

export { expect }

export const test = base.extend({
  // Known only once global setup has started the servers (it sets the variable).
  baseURL: async ({ baseURL }, use) => {
    await use(process.env.ECHO_E2E_BASE_URL ?? baseURL)
  },
})

/** The spoken test video global setup made. */
export function speechVideoPath(): string {
  const path = process.env.ECHO_E2E_SPEECH_VIDEO
  if (!path) throw new Error('ECHO_E2E_SPEECH_VIDEO is not set: run through `pnpm test:e2e`')
  return path
}

export interface Creator {
  email: string
  password: string
}

let accounts = 0

export function newCreator(name: string): Creator {
  accounts += 1
  return {
    email: `${name}-${Date.now().toString(36)}-${accounts}@example.com`,
    password: 'Violet harbor 47 kites',
  }
}

/**
 * Until React has hydrated an element, clicks and typing reach only the server's HTML
 * (a form would be submitted natively). React marks each hydrated DOM node with its props.
 */
export async function waitForHydration(locator: Locator): Promise<void> {
  await expect
    .poll(() =>
      locator.evaluate((element) => Object.keys(element).some((k) => k.startsWith('__reactProps'))),
    )
    .toBe(true)
}

/** Create an account on /register; ends on the dashboard, signed in. */
export async function register(page: Page, creator: Creator): Promise<void> {
  if (!page.url().includes('/register')) await page.goto('/register')
  await expect(page.getByRole('heading', { name: 'Create your Echo account' })).toBeVisible()
  const submit = page.getByRole('button', { name: 'Create account' })
  await waitForHydration(submit)
  await page.getByLabel('Email').fill(creator.email)
  await page.getByLabel('Password').fill(creator.password)
  await submit.click()
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('banner').getByText(creator.email)).toBeVisible()
}

/** Close the notices (bottom right), so they don't cover what a screenshot is for. */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page.getByRole('region', { name: 'Notifications' }).getByRole('button', {
    name: 'Dismiss',
  })
  while ((await close.count()) > 0) await close.first().click()
}

const SCREENSHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url))

/** A full-page screenshot kept under test-results/screenshots/ for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({
    path: `${SCREENSHOTS}${name}.png`,
    fullPage: true,
    animations: 'disabled',
  })
}

/** One observation of the dashboard: the upload bar and the first processing row. */
export interface DashboardSample {
  at: number
  upload: number | null
  jobStatus: string | null
  stage: string | null
  jobProgress: number | null
  jobProgressText: string | null
}

interface Recorder {
  marker: string
  samples: DashboardSample[]
}

/**
 * Records every change of the upload bar and the processing list (a MutationObserver), so
 * the test sees each step even between two of its own polls. The marker tells whether the
 * page was reloaded since (a reload drops it).
 */
export async function recordDashboard(page: Page, marker: string): Promise<void> {
  await page.evaluate((marker) => {
    const samples: DashboardSample[] = []
    const recorder: Recorder = { marker, samples }
    ;(window as unknown as { __echoE2E: Recorder }).__echoE2E = recorder
    const numberOf = (value: string | null | undefined) =>
      value == null || value === '' ? null : Number(value)
    const snap = () => {
      const upload = document.querySelector('[data-testid="upload-item"] [role="progressbar"]')
      const job = document.querySelector('[data-testid="processing-job"]')
      const bar = job?.querySelector('[data-testid="job-progress"]')
      const sample = {
        upload: numberOf(upload?.getAttribute('aria-valuenow')),
        jobStatus: job?.getAttribute('data-status') ?? null,
        stage: job?.querySelector('[data-testid="job-current-stage"] strong')?.textContent ?? null,
        jobProgress: numberOf(bar?.getAttribute('aria-valuenow')),
        jobProgressText: bar?.getAttribute('aria-valuetext') ?? null,
      }
      const last = samples.at(-1)
      if (last && JSON.stringify({ ...last, at: 0 }) === JSON.stringify({ ...sample, at: 0 })) {
        return
      }
      samples.push({ at: performance.now(), ...sample })
    }
    new MutationObserver(snap).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })
    snap()
  }, marker)
}

/** The samples recorded so far, or null when the page has been reloaded since. */
export async function dashboardSamples(
  page: Page,
  marker: string,
): Promise<DashboardSample[] | null> {
  return page.evaluate((marker) => {
    const recorder = (window as unknown as { __echoE2E?: Recorder }).__echoE2E
    return recorder?.marker === marker ? recorder.samples : null
  }, marker)
}
