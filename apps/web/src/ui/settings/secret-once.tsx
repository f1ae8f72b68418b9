// A secret the API shows only once (a new token, a webhook's signing secret), with a button
// that copies it.
import type { ReactNode } from 'react'
import { useToasts } from '../toaster'
import { copyText } from '../video/clipboard'

export function SecretOnce({
  heading,
  secret,
  copiedMessage,
}: {
  /** What to copy, ending in a colon: "Copy the signing secret now:". */
  heading: ReactNode
  secret: string
  copiedMessage: string
}) {
  const toasts = useToasts()
  return (
    <div className="secret-once" role="status">
      <p>
        <strong>{heading}</strong> it is not shown again.
      </p>
      <div className="secret-row">
        <code className="secret-value">{secret}</code>
        <button
          type="button"
          className="button"
          onClick={() =>
            copyText(secret).then(
              () => toasts.show('success', copiedMessage),
              (error: unknown) => toasts.show('error', String(error)),
            )
          }
        >
          Copy
        </button>
      </div>
    </div>
  )
}
