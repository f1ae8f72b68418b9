import { describe, expect, it } from 'vitest'
import { applyThemeChoice, parseThemeChoice, THEME_BOOT_SCRIPT, THEME_STORAGE_KEY } from './theme'

function fakeRoot() {
  return { dataset: {} as Record<string, string> } as unknown as HTMLElement
}

describe('theme choice', () => {
  it('reads only the choices it knows; anything else follows the system', () => {
    expect(parseThemeChoice('dark')).toBe('dark')
    expect(parseThemeChoice('light')).toBe('light')
    expect(parseThemeChoice('purple')).toBe('system')
    expect(parseThemeChoice(null)).toBe('system')
  })

  it('marks <html> for light or dark, and clears the mark for the system', () => {
    const root = fakeRoot()
    applyThemeChoice(root, 'dark')
    expect(root.dataset.theme).toBe('dark')
    applyThemeChoice(root, 'system')
    expect(root.dataset.theme).toBeUndefined()
  })

  it('boot script applies the stored choice, and survives blocked storage', () => {
    const run = (storage: { getItem(key: string): string | null }) => {
      const root = fakeRoot()
      new Function('localStorage', 'document', THEME_BOOT_SCRIPT)(storage, {
        documentElement: root,
      })
      return root.dataset.theme
    }
    expect(run({ getItem: (key) => (key === THEME_STORAGE_KEY ? 'dark' : null) })).toBe('dark')
    expect(run({ getItem: () => 'bogus' })).toBeUndefined()
    expect(
      run({
        getItem: () => {
          throw new Error('blocked')
        },
      }),
    ).toBeUndefined()
  })
})
