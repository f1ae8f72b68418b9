// The show notes (summary and one line per chapter), with a copy button.
import { useToasts } from '../toaster'
import { copyText } from './clipboard'
import { Section } from './section'

export function ShowNotes({ text }: { text: string }) {
  const toasts = useToasts()
  const copy = () => {
    copyText(text).then(
      () => toasts.show('success', 'Show notes copied.'),
      () => toasts.show('error', 'Could not copy the show notes. Select the text and copy it.'),
    )
  }
  return (
    <Section
      title="Show notes"
      actions={
        <button type="button" className="button button-quiet button-small" onClick={copy}>
          Copy show notes
        </button>
      }
    >
      <div className="show-notes">{text}</div>
    </Section>
  )
}
