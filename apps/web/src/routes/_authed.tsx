// Every page behind sign-in lives under this pathless layout: it checks the session
// (GET /api/auth/me, with the request's cookie during SSR) and draws the header.
import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute, Link, Outlet, redirect } from '@tanstack/react-router'
import { isNotAuthenticated } from '../api/errors'
import { authMeOptions } from '../api/gen/@tanstack/react-query.gen'
import { useSignOut } from '../auth/use-session'
import { LiveJobsProvider } from '../live/live-jobs'
import { UploadsProvider } from '../ui/dashboard/uploads-provider'

export const Route = createFileRoute('/_authed')({
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(authMeOptions())
    } catch (error) {
      if (isNotAuthenticated(error)) {
        // Come back here after signing in (the dashboard is the default anyway).
        const back = location.href === '/' ? {} : { redirect: location.href }
        throw redirect({ to: '/login', search: back })
      }
      throw error
    }
  },
  component: AuthedLayout,
})

function AuthedLayout() {
  const { data: user } = useSuspenseQuery(authMeOptions())
  const signOut = useSignOut()
  return (
    <>
      <header className="app-header">
        <Link to="/" className="brand">
          Echo
        </Link>
        <div className="app-header-user">
          <Link to="/settings" className="header-link">
            Settings
          </Link>
          {user.email ? <span className="user-email">{user.email}</span> : null}
          <button
            type="button"
            className="button button-quiet"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      {/* One job-events socket and one upload queue for every signed-in page. */}
      <LiveJobsProvider>
        <UploadsProvider>
          <Outlet />
        </UploadsProvider>
      </LiveJobsProvider>
    </>
  )
}
