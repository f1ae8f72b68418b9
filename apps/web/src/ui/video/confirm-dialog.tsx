// A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert,
// traps focus and closes on Escape; focus returns to whatever had it before.
import { type ReactNode, useEffect, useId, useRef } from 'react'

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  busyLabel,
  busy = false,
  danger = false,
  onConfirm,
  onCancel,
}: {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  cancelLabel?: string
  busyLabel?: string
  busy?: boolean
  danger?: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef<HTMLElement | null>(null)
  const id = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      returnFocus.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null
      dialog.showModal()
      // The safe choice has focus, so Enter never confirms by accident.
      cancelRef.current?.focus()
    } else if (!open && dialog.open) {
      dialog.close()
      returnFocus.current?.focus()
      returnFocus.current = null
    }
  }, [open])

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click is a mouse shortcut; Escape (onCancel) is the keyboard's
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        // Escape: let React state decide, and never while the action is running.
        event.preventDefault()
        if (!busy) onCancel()
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) cancels.
        if (event.target === ref.current && !busy) onCancel()
      }}
    >
      <div className="dialog-content">
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div id={`${id}-body`} className="dialog-body">
          {children}
        </div>
        <div className="dialog-actions">
          <button
            ref={cancelRef}
            type="button"
            className="button button-quiet"
            onClick={onCancel}
            disabled={busy}
          >
            {cancelLabel}
          </button>
          <button
            type="button"
            className={`button ${danger ? 'button-danger' : ''}`}
            onClick={onConfirm}
            disabled={busy}
          >
            {busy ? (busyLabel ?? confirmLabel) : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  )
}
