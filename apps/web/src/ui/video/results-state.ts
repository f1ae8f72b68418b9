// Why a result (transcript, chapters, files) is missing, said the same way in every section:
// still coming, stopped by a cancel or a failure, never started, or really absent.
import type { ProcessingStatus } from '../../api/gen'

export type ResultsState = 'running' | 'canceled' | 'failed' | 'unprocessed' | 'finished'

export function resultsState(status: ProcessingStatus | null | undefined): ResultsState {
  switch (status) {
    case 'PENDING':
    case 'PROCESSING':
      return 'running'
    case 'CANCELED':
      return 'canceled'
    case 'FAILED':
      return 'failed'
    case 'COMPLETED':
      return 'finished'
    default:
      return 'unprocessed'
  }
}

/**
 * What to say in a section whose result is missing: `coming` while the job runs, `absent`
 * when a finished job made none (no speech, too few topics), and the same words for a
 * canceled, failed or never processed job in every section.
 */
export function missingResultNote(
  state: ResultsState,
  notes: { coming: string; absent: string },
): string {
  switch (state) {
    case 'running':
      return notes.coming
    case 'canceled':
      return 'Processing was canceled before it got this far. Reprocess to start again.'
    case 'failed':
      return 'Processing failed before it got this far. Reprocess to try again.'
    case 'unprocessed':
      return 'This video has not been processed yet.'
    case 'finished':
      return notes.absent
  }
}
