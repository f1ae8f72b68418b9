// The header's colour scheme switch: System, Light or Dark, remembered in this browser.
import { useId, useSyncExternalStore } from 'react'
import { applyThemeChoice, parseThemeChoice, THEME_STORAGE_KEY, type ThemeChoice } from './theme'

const CHANGED = 'echo-theme-change'

function subscribe(onChange: () => void) {
  // Another tab's choice arrives as a storage event; this tab's as our own event.
  window.addEventListener('storage', onChange)
  window.addEventListener(CHANGED, onChange)
  return () => {
    window.removeEventListener('storage', onChange)
    window.removeEventListener(CHANGED, onChange)
  }
}

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(localStorage.getItem(THEME_STORAGE_KEY))
  } catch {
    return 'system'
  }
}

function saveChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY)
    else localStorage.setItem(THEME_STORAGE_KEY, choice)
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
  applyThemeChoice(document.documentElement, choice)
  window.dispatchEvent(new Event(CHANGED))
}

export function ThemeSwitch() {
  const id = useId()
  const choice = useSyncExternalStore(subscribe, readChoice, () => 'system' as const)
  return (
    <div className="theme-switch">
      <label htmlFor={id} className="visually-hidden">
        Colour scheme (Auto follows the system)
      </label>
      <select
        id={id}
        value={choice}
        onChange={(event) => saveChoice(parseThemeChoice(event.target.value))}
      >
        <option value="system">Auto</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  )
}
