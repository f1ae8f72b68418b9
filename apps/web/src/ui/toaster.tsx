import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react'
import type { Toast, ToastStore } from './toast-store'

const ToastContext = createContext<ToastStore | null>(null)

export function ToastProvider({ store, children }: { store: ToastStore; children: ReactNode }) {
  return <ToastContext.Provider value={store}>{children}</ToastContext.Provider>
}

export function useToasts(): ToastStore {
  const store = useContext(ToastContext)
  if (!store) throw new Error('useToasts() needs a <ToastProvider> (set up in router.tsx)')
  return store
}

const NONE: readonly Toast[] = []

/** The notices, bottom right; errors are announced assertively. */
export function Toaster() {
  const store = useToasts()
  const toasts = useSyncExternalStore(store.subscribe, store.getSnapshot, () => NONE)
  return (
    <section className="toaster" aria-label="Notifications">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{toast.message}</p>
          <button
            type="button"
            className="toast-close"
            aria-label="Dismiss"
            onClick={() => store.dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  )
}
