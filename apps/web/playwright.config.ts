// `pnpm test:e2e`: the flows a person clicks through, in Debian's Chromium, against the real
// backend and pipeline. e2e/global-setup.ts makes the spoken test video, builds the app and
// starts the API (fresh SQLite data directory, pocketsphinx, local text engine) and the
// production web server on free ports; it stops both when the run ends.
import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

// Playwright's own browser builds are never downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1):
// the tests drive the system's Chromium. Missing, it is an error, never a skip.
const CHROMIUM = process.env.ECHO_E2E_CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(CHROMIUM)) {
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`)
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  // One backend with one embedded worker: the tests take turns.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // The upload flow waits for the real pipeline (pocketsphinx takes 10-30 s here).
  timeout: 4 * 60_000,
  // The finishing-edits flow runs the pipeline twice.
  globalTimeout: 16 * 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
  },
})
