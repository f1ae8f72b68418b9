import { useEffect, useState } from 'react'

/**
 * The current time in ms, ticking every `intervalMs` while `running`. Null on the server
 * and in the first browser render, so both render the same text (no hydration mismatch).
 */
export function useNow(intervalMs: number, running: boolean): number | null {
  const [now, setNow] = useState<number | null>(null)
  useEffect(() => {
    setNow(Date.now())
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, running])
  return now
}
