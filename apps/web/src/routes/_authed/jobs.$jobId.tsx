// One processing job: its stages as a timeline, errors, Retry and Cancel, live.
import { createFileRoute, notFound } from '@tanstack/react-router'
import { errorCode } from '../../api/errors'
import { JobNotFound, JobPage, JobPageSkeleton } from '../../ui/jobs/job-page'
import { jobName } from '../../ui/jobs/job-view'
import { jobQuery } from '../../ui/jobs/queries'

export const Route = createFileRoute('/_authed/jobs/$jobId')({
  loader: async ({ context, params }) => {
    try {
      return await context.queryClient.ensureQueryData(jobQuery(params.jobId))
    } catch (error) {
      // Unknown ids and other people's jobs both answer 404 (so ids don't leak).
      if (errorCode(error) === 'not_found') throw notFound()
      throw error
    }
  },
  head: ({ loaderData }) => ({
    meta: [{ title: loaderData ? `Processing ${jobName(loaderData)} · Echo` : 'Job · Echo' }],
  }),
  pendingComponent: JobPageSkeleton,
  notFoundComponent: JobNotFound,
  component: JobRoute,
})

function JobRoute() {
  const { jobId } = Route.useParams()
  return <JobPage jobId={jobId} />
}
