// What the settings page says after Google sent the browser back (?youtube=...). The API's
// callback names the outcome; the sentences live here, beside the page that shows them.
import { z } from 'zod'

const OUTCOMES = {
  connected: { ok: true, message: 'Your YouTube channel is connected.' },
  denied: { ok: false, message: 'You pressed Cancel on Google’s page, so nothing was connected.' },
  missing_scopes: {
    ok: false,
    message:
      'Google’s page had a permission unticked. Echo needs both: uploading videos and managing captions. Connect again and leave both ticked.',
  },
  no_channel: {
    ok: false,
    message:
      'That Google account has no YouTube channel. Create one on youtube.com, or connect another account.',
  },
  unavailable: {
    ok: false,
    message: 'Google could not be reached, so nothing was connected. Try again in a moment.',
  },
  failed: {
    ok: false,
    message:
      'Google did not accept the connection. Try again; if it keeps failing, ask your admin to check Echo’s Google client.',
  },
} as const

export type YouTubeOutcome = keyof typeof OUTCOMES

export const settingsSearch = z.object({
  youtube: z
    .enum(Object.keys(OUTCOMES) as [YouTubeOutcome, ...YouTubeOutcome[]])
    .optional()
    .catch(undefined),
})

export function outcomeNotice(outcome: YouTubeOutcome): { ok: boolean; message: string } {
  return OUTCOMES[outcome]
}
