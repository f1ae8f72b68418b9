// Retry and cancel: the buttons and the mutations behind them. A failed request raises a
// toast with the API's message (the router's MutationCache does that for every mutation).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { VideoJobWithVideoSchema } from '../../api/gen'
import { jobsCancelMutation, jobsRetryMutation } from '../../api/gen/@tanstack/react-query.gen'
import { jobQueryKey, refetchJobResources } from '../../live/job-cache'
import { useToasts } from '../toaster'
import { canRetry, isActive, jobName } from './job-view'

function useJobMutationDone() {
  const queryClient = useQueryClient()
  return (job: VideoJobWithVideoSchema) => {
    queryClient.setQueryData(jobQueryKey(job.id), job)
    return refetchJobResources(queryClient)
  }
}

export function useRetryJob() {
  const done = useJobMutationDone()
  const toasts = useToasts()
  return useMutation({
    ...jobsRetryMutation(),
    onSuccess: async (job) => {
      toasts.show('info', `${jobName(job)} is queued again.`)
      await done(job)
    },
  })
}

export function useCancelJob() {
  const done = useJobMutationDone()
  const toasts = useToasts()
  return useMutation({
    ...jobsCancelMutation(),
    onSuccess: async (job) => {
      toasts.show('info', `Stopped processing ${jobName(job)}. You can retry it later.`)
      await done(job)
    },
  })
}

interface JobActionsProps {
  job: VideoJobWithVideoSchema
  /** Smaller buttons, for list rows. */
  compact?: boolean
}

/** Retry for a failed or canceled job, Cancel for a pending or running one. */
export function JobActions({ job, compact = false }: JobActionsProps) {
  const retry = useRetryJob()
  const cancel = useCancelJob()
  const name = jobName(job)
  const size = compact ? ' jobs-button-small' : ''
  return (
    <>
      {canRetry(job.status) ? (
        <button
          type="button"
          className={`button${size}`}
          disabled={retry.isPending}
          aria-label={`Retry processing ${name}`}
          onClick={() => retry.mutate({ path: { job_id: job.id } })}
        >
          {retry.isPending ? 'Retrying…' : 'Retry'}
        </button>
      ) : null}
      {isActive(job.status) ? (
        <button
          type="button"
          className={`button button-quiet${size}`}
          disabled={cancel.isPending}
          aria-label={`Cancel processing ${name}`}
          onClick={() => cancel.mutate({ path: { job_id: job.id } })}
        >
          {cancel.isPending ? 'Canceling…' : 'Cancel'}
        </button>
      ) : null}
    </>
  )
}
