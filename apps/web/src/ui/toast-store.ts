// A small store of on-screen notices. One per router (so one per SSR request and one in
// the browser); the mutation cache pushes an error notice whenever a mutation fails.

export type ToastKind = 'error' | 'success' | 'info'

export interface Toast {
  id: number
  kind: ToastKind
  message: string
}

export interface ToastStore {
  show(kind: ToastKind, message: string): number
  dismiss(id: number): void
  subscribe(listener: () => void): () => void
  getSnapshot(): readonly Toast[]
}

export interface ToastStoreOptions {
  /** How long a notice stays, in ms; 0 keeps it until dismissed. */
  durationMs?: number
  /** At most this many at once; the oldest go first. */
  limit?: number
}

const EMPTY: readonly Toast[] = []

export function createToastStore(options: ToastStoreOptions = {}): ToastStore {
  const durationMs = options.durationMs ?? 6000
  const limit = options.limit ?? 4
  let toasts: readonly Toast[] = EMPTY
  let nextId = 1
  const listeners = new Set<() => void>()
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  const emit = () => {
    for (const listener of listeners) listener()
  }

  const dismiss = (id: number) => {
    const timer = timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(id)
    const remaining = toasts.filter((toast) => toast.id !== id)
    if (remaining.length === toasts.length) return
    toasts = remaining
    emit()
  }

  const show = (kind: ToastKind, message: string) => {
    // The same notice twice in a row (e.g. a double click) is shown once.
    const last = toasts[toasts.length - 1]
    if (last && last.kind === kind && last.message === message) return last.id
    const id = nextId++
    toasts = [...toasts, { id, kind, message }]
    while (toasts.length > limit) {
      const oldest = toasts[0]
      if (!oldest) break
      dismiss(oldest.id)
    }
    if (durationMs > 0)
      timers.set(
        id,
        setTimeout(() => dismiss(id), durationMs),
      )
    emit()
    return id
  }

  return {
    show,
    dismiss,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => toasts,
  }
}
