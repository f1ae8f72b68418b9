// The player's keyboard shortcuts, as YouTube has them: which key does what, and when a key
// press is not ours (typing in a field, a modifier held, the focused video's own controls).

export type ShortcutAction =
  | { kind: 'toggle-play' }
  | { kind: 'skip'; seconds: number }
  | { kind: 'fullscreen' }
  | { kind: 'captions' }
  | { kind: 'help' }

/** Shown in the `?` dialog, in this order. */
export const SHORTCUTS: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ['Space', 'K'], does: 'Play or pause' },
  { keys: ['J'], does: 'Back 10 seconds' },
  { keys: ['L'], does: 'Forward 10 seconds' },
  { keys: ['←'], does: 'Back 5 seconds' },
  { keys: ['→'], does: 'Forward 5 seconds' },
  { keys: ['F'], does: 'Full screen on or off' },
  { keys: ['C'], does: 'Subtitles on or off' },
  { keys: ['?'], does: 'Show these shortcuts' },
]

export interface KeyPress {
  key: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  target: unknown
}

/** An element (or anything that can say which of its ancestors match a selector). */
interface Closest {
  closest(selector: string): unknown
}

function hasClosest(target: unknown): target is Closest {
  return (
    typeof target === 'object' &&
    target !== null &&
    typeof (target as Partial<Closest>).closest === 'function'
  )
}

/** Where a key belongs to what has focus: fields, lists, buttons (Space), the video. */
function keepsKeys(target: unknown, key: string): boolean {
  if (!hasClosest(target)) return false
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) {
    return true
  }
  // The focused <video>'s own controls already answer Space and the arrows.
  if (target.closest('video')) return true
  // Space presses a focused button or follows a link.
  return key === ' ' && Boolean(target.closest('button, a[href], summary, [role="button"]'))
}

export function shortcutAction(press: KeyPress): ShortcutAction | null {
  if (press.altKey || press.ctrlKey || press.metaKey) return null
  if (keepsKeys(press.target, press.key)) return null
  switch (press.key) {
    case ' ':
    case 'k':
    case 'K':
      return { kind: 'toggle-play' }
    case 'j':
    case 'J':
      return { kind: 'skip', seconds: -10 }
    case 'l':
    case 'L':
      return { kind: 'skip', seconds: 10 }
    case 'ArrowLeft':
      return { kind: 'skip', seconds: -5 }
    case 'ArrowRight':
      return { kind: 'skip', seconds: 5 }
    case 'f':
    case 'F':
      return { kind: 'fullscreen' }
    case 'c':
    case 'C':
      return { kind: 'captions' }
    case '?':
      return { kind: 'help' }
    default:
      return null
  }
}
