// The player's keyboard shortcuts: listened for on the whole page (not while typing), and
// listed in a dialog that `?` or the button under the player opens.
import { useEffect, useRef } from 'react'
import { ModalDialog } from './modal-dialog'
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
  return (
    <ModalDialog
      open={open}
      title="Keyboard shortcuts"
      onClose={onClose}
      actions={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
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
    </ModalDialog>
  )
}
