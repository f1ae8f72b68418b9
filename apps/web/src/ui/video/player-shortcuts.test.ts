import { describe, expect, it } from 'vitest'
import { type KeyPress, shortcutAction } from './player-shortcuts'

/** A focused element of this tag: `closest` answers for selectors naming it. */
function focused(tag: string) {
  return {
    closest: (selector: string) =>
      selector.split(',').some((part) => part.trim().split('[')[0] === tag) ? {} : null,
  }
}

function press(key: string, overrides: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    target: focused('body'),
    ...overrides,
  }
}

describe('shortcutAction', () => {
  it('maps the keys YouTube uses', () => {
    expect(shortcutAction(press(' '))).toEqual({ kind: 'toggle-play' })
    expect(shortcutAction(press('k'))).toEqual({ kind: 'toggle-play' })
    expect(shortcutAction(press('J'))).toEqual({ kind: 'skip', seconds: -10 })
    expect(shortcutAction(press('l'))).toEqual({ kind: 'skip', seconds: 10 })
    expect(shortcutAction(press('ArrowLeft'))).toEqual({ kind: 'skip', seconds: -5 })
    expect(shortcutAction(press('ArrowRight'))).toEqual({ kind: 'skip', seconds: 5 })
    expect(shortcutAction(press('f'))).toEqual({ kind: 'fullscreen' })
    expect(shortcutAction(press('c'))).toEqual({ kind: 'captions' })
    expect(shortcutAction(press('?'))).toEqual({ kind: 'help' })
    expect(shortcutAction(press('x'))).toBeNull()
  })

  it('never fires while typing in a field', () => {
    for (const tag of ['input', 'textarea', 'select']) {
      expect(shortcutAction(press('k', { target: focused(tag) }))).toBeNull()
      expect(shortcutAction(press(' ', { target: focused(tag) }))).toBeNull()
    }
  })

  it('leaves Space to a focused button, keys to the focused video, and modified keys alone', () => {
    expect(shortcutAction(press(' ', { target: focused('button') }))).toBeNull()
    expect(shortcutAction(press('k', { target: focused('button') }))).toEqual({
      kind: 'toggle-play',
    })
    expect(shortcutAction(press('ArrowLeft', { target: focused('video') }))).toBeNull()
    expect(shortcutAction(press('f', { ctrlKey: true }))).toBeNull()
    expect(shortcutAction(press('l', { metaKey: true }))).toBeNull()
  })
})
