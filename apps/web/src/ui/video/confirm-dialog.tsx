// A modal confirmation: the safe choice has focus, so Enter never confirms by accident, and
// nothing closes it while the action runs.
import { type ReactNode, useRef } from 'react'
import { ModalDialog } from './modal-dialog'

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
  const cancelRef = useRef<HTMLButtonElement>(null)
  return (
    <ModalDialog
      open={open}
      title={title}
      onClose={onCancel}
      busy={busy}
      initialFocus={cancelRef}
      describedByBody
      actions={
        <>
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
        </>
      }
    >
      {children}
    </ModalDialog>
  )
}
