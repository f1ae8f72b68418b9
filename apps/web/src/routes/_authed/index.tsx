// The dashboard: upload with a real progress bar, the live processing list, and the
// library, filtered and paged through the URL (?page=2&status=FAILED&q=interview).
import { createFileRoute, stripSearchParams } from '@tanstack/react-router'
import { DashboardPage, DashboardSkeleton } from '../../ui/dashboard/dashboard-page'
import { libraryQuery, librarySearch } from '../../ui/dashboard/library-search'
import { spokenMatchesQuery } from '../../ui/dashboard/spoken-search'
import { activeJobsQuery, failedJobsQuery } from '../../ui/jobs/queries'

export const Route = createFileRoute('/_authed/')({
  validateSearch: librarySearch,
  search: { middlewares: [stripSearchParams({ page: 1 })] },
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    const { queryClient } = context
    await Promise.all([
      queryClient.ensureQueryData(libraryQuery(deps)),
      queryClient.ensureQueryData(activeJobsQuery()),
      queryClient.ensureQueryData(failedJobsQuery()),
      // Not awaited for errors: the moments show their own.
      deps.q ? queryClient.prefetchInfiniteQuery(spokenMatchesQuery(deps.q)) : null,
    ])
  },
  head: () => ({ meta: [{ title: 'Dashboard · Echo' }] }),
  pendingComponent: DashboardSkeleton,
  component: Dashboard,
})

function Dashboard() {
  const search = Route.useSearch()
  return <DashboardPage search={search} />
}
