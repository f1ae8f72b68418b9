// An upload the API refuses: its row shows the API's own message, once.
import { expect, newCreator, register, test, waitForHydration } from './fixtures.ts'

const NOT_A_VIDEO = 'This file is not a video Echo can read, or it is damaged.'

test('uploading a text file shows why the API refused it', async ({ page }) => {
  await register(page, newCreator('texter'))
  const input = page.getByLabel('Upload a video')
  await waitForHydration(input)
  await input.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Episode notes: talk about pasta, then the stars.\n'.repeat(200)),
  })

  const item = page.getByTestId('upload-item').filter({ hasText: 'notes.txt' })
  await expect(item).toHaveAttribute('data-phase', 'failed')
  await expect(item.getByText('Upload failed')).toBeVisible()
  await expect(item.getByRole('alert')).toHaveText(NOT_A_VIDEO)
  // Said once, in the row: no notice repeats it while the row is on screen.
  await expect(page.getByText(NOT_A_VIDEO)).toHaveCount(1)

  // Nothing was stored or queued.
  await expect(page.getByTestId('processing-job')).toHaveCount(0)
  await expect(page.getByTestId('library-empty')).toBeVisible()

  // The failed row can be dismissed.
  await item.getByRole('button', { name: 'Dismiss notes.txt' }).click()
  await expect(item).toHaveCount(0)
})
