// Route-level error and not-found screens (the router's defaults, and the root's).
import { useQueryErrorResetBoundary } from '@tanstack/react-query'
import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router'
import { useEffect } from 'react'
import { errorMessage, isNotAuthenticated } from '../api/errors'

export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter()
  const queryErrorResetBoundary = useQueryErrorResetBoundary()

  useEffect(() => {
    // Let queries that failed into this boundary fetch again when it retries.
    queryErrorResetBoundary.reset()
  }, [queryErrorResetBoundary])

  if (isNotAuthenticated(error)) {
    return (
      <main className="status-page" role="alert">
        <h1>Signed out</h1>
        <p>Your session has ended. Sign in again to continue.</p>
        <Link to="/login" className="button">
          Sign in
        </Link>
      </main>
    )
  }

  return (
    <main className="status-page" role="alert">
      <h1>Something went wrong</h1>
      <p>{errorMessage(error)}</p>
      <div className="row">
        <button
          type="button"
          className="button"
          onClick={() => {
            reset()
            void router.invalidate()
          }}
        >
          Try again
        </button>
        <Link to="/" className="button button-quiet">
          Go to the dashboard
        </Link>
      </div>
    </main>
  )
}

export function NotFound() {
  return (
    <main className="status-page">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/" className="button">
        Go to the dashboard
      </Link>
    </main>
  )
}
