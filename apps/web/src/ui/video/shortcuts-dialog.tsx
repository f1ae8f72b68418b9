// The player's keyboard shortcuts: listened for on the whole page (not while typing), and
// listed in a dialog that `?` or the button under the player opens.
import { useEffect, useId, useRef } from 'react'
import { SHORTCUTS, shortcutAction } from './player-shortcuts'
import { usePlayer } from './player-store'

export function usePlayerShortcuts(onHelp: () => void) {
  const player = usePlayer()
  const help = useRef(onHelp)
  help.current = onHelp
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const action = shortcutAction(event)
      if (!action) return
      event.preventDefault()
      if (action.kind === 'toggle-play') player.togglePlay()
      else if (action.kind === 'skip') player.skipBy(action.seconds)
      else if (action.kind === 'fullscreen') player.toggleFullscreen()
      else if (action.kind === 'captions') player.toggleCaptions()
      else help.current()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [player])
}

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const id = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    // showModal() traps focus and makes the page inert; close() returns focus.
    if (open && !dialog.open) dialog.showModal()
    else if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click is a mouse shortcut; Escape closes too
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose()
      }}
    >
      <div className="dialog-content">
        <h2 id={`${id}-title`} className="dialog-title">
          Keyboard shortcuts
        </h2>
        <div className="dialog-body">
          <p>For the player, anywhere on this page except while typing in a field.</p>
          <dl className="shortcut-list">
            {SHORTCUTS.map(({ keys, does }) => (
              <div key={does} className="shortcut">
                <dt>
                  {keys.map((key, at) => (
                    <span key={key}>
                      {at > 0 ? ' or ' : null}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{does}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </dialog>
  )
}
