// A settings list of the account's items, each with one button that removes it (revoke a
// token, delete a webhook), or a line saying there are none yet.
import type { ReactNode } from 'react'

export function RemovableList<T extends { id: string }>({
  items,
  label,
  empty,
  removeLabel,
  removing,
  onRemove,
  itemClassName,
  children,
}: {
  items: readonly T[]
  /** The list's accessible name. */
  label: string
  empty: string
  removeLabel: string
  /** A removal is under way: every button waits for it. */
  removing: boolean
  onRemove: (item: T) => void
  itemClassName?: string
  /** What the list says about one item. */
  children: (item: T) => ReactNode
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>
  return (
    <ul className="settings-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className={itemClassName}>
          <div>{children(item)}</div>
          <button
            type="button"
            className="button button-quiet"
            disabled={removing}
            onClick={() => onRemove(item)}
          >
            {removeLabel}
          </button>
        </li>
      ))}
    </ul>
  )
}
