// Light, dark, or whatever the system says. The choice is kept in localStorage and shown as
// `data-theme` on <html>; styles.css picks colours with light-dark() from `color-scheme`.

export type ThemeChoice = 'system' | 'light' | 'dark'

export const THEME_STORAGE_KEY = 'echo-theme'

export function parseThemeChoice(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system'
}

/**
 * Run in <head> before the body is painted, so a page never flashes light before turning
 * dark. Inline (it must not wait for the bundle) and guarded: storage may be blocked.
 */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(
  THEME_STORAGE_KEY,
)});if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`

/** Show `choice` on <html> (no attribute for "system": the media query decides). */
export function applyThemeChoice(root: HTMLElement, choice: ThemeChoice) {
  if (choice === 'system') delete root.dataset.theme
  else root.dataset.theme = choice
}
