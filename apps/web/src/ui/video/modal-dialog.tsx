// A modal on the native <dialog>: showModal() makes the rest of the page inert, traps focus
// and closes on Escape; focus returns to whatever had it before. React state says whether it
// is open: Escape and a click on the backdrop only ask `onClose`.
import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react'

export function ModalDialog({
  open,
  title,
  onClose,
  busy = false,
  initialFocus,
  describedByBody = false,
  actions,
  children,
}: {
  open: boolean
  title: string
  onClose: () => void
  /** An action is running: it cannot be closed until it ends. */
  busy?: boolean
  /** What has focus on opening; else the browser's choice (the first control). */
  initialFocus?: RefObject<HTMLElement | null>
  /** A short body is read with the title when the dialog opens. */
  describedByBody?: boolean
  actions: ReactNode
  children: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const returnFocus = useRef<HTMLElement | null>(null)
  const id = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      returnFocus.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null
      dialog.showModal()
      initialFocus?.current?.focus()
    } else if (!open && dialog.open) {
      dialog.close()
      returnFocus.current?.focus()
      returnFocus.current = null
    }
  }, [open, initialFocus])

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click is a mouse shortcut; Escape (onCancel) is the keyboard's
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={describedByBody ? `${id}-body` : undefined}
      onCancel={(event) => {
        event.preventDefault()
        if (!busy) onClose()
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes.
        if (event.target === ref.current && !busy) onClose()
      }}
    >
      <div className="dialog-content">
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div id={`${id}-body`} className="dialog-body">
          {children}
        </div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </dialog>
  )
}
