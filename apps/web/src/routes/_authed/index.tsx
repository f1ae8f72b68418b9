// The dashboard (placeholder for now): the signed-in creator's videos, filtered and paged
// through the URL (?page=2&status=FAILED&q=interview).
import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute, Link, stripSearchParams, useNavigate } from '@tanstack/react-router'
import { type FormEvent, useId } from 'react'
import { z } from 'zod'
import { ProcessingStatus, type VideoSummarySchema } from '../../api/gen'
import { videosListOptions } from '../../api/gen/@tanstack/react-query.gen'
import { formatBytes, formatDateTime, formatDuration } from '../../ui/format'

const PAGE_SIZE = 20

const dashboardSearch = z.object({
  page: z.number().int().min(1).default(1).catch(1),
  status: z.enum(ProcessingStatus).optional().catch(undefined),
  // The router parses search values as JSON, so ?q=2024 arrives as a number.
  q: z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim().slice(0, 200) || undefined)
    .optional()
    .catch(undefined),
})

type DashboardSearch = z.infer<typeof dashboardSearch>

/** The API query for a dashboard URL (the same in the loader and the component). */
function listOptions({ page, status, q }: DashboardSearch) {
  return videosListOptions({
    query: {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      ...(status ? { status: [status] } : {}),
      ...(q ? { q } : {}),
    },
  })
}

export const Route = createFileRoute('/_authed/')({
  validateSearch: dashboardSearch,
  search: { middlewares: [stripSearchParams({ page: 1 })] },
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(listOptions(deps)),
  head: () => ({ meta: [{ title: 'Dashboard · Echo' }] }),
  component: Dashboard,
})

const STATUSES = Object.values(ProcessingStatus)

function Dashboard() {
  const search = Route.useSearch()
  const { data } = useSuspenseQuery(listOptions(search))
  const navigate = useNavigate({ from: Route.fullPath })
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE))
  const filtered = Boolean(search.status || search.q)
  const id = useId()

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const q = String(form.get('q') ?? '').trim()
    const status = STATUSES.find((value) => value === form.get('status'))
    void navigate({ search: { page: 1, q: q || undefined, status } })
  }

  return (
    <main className="page">
      <div className="page-head">
        <h1>Your videos</h1>
        <p className="muted">{countLabel(data.total, filtered)}</p>
      </div>

      <search>
        <form className="filters" onSubmit={onFilter}>
          <label htmlFor={`${id}-q`} className="visually-hidden">
            Search
          </label>
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            placeholder="Search by filename or title"
            defaultValue={search.q ?? ''}
            key={`q-${search.q ?? ''}`}
          />
          <label htmlFor={`${id}-status`} className="visually-hidden">
            Status
          </label>
          <select
            id={`${id}-status`}
            name="status"
            defaultValue={search.status ?? ''}
            key={`status-${search.status ?? ''}`}
          >
            <option value="">Any status</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            Filter
          </button>
          {filtered ? (
            <Link to="/" className="button button-quiet">
              Clear
            </Link>
          ) : null}
        </form>
      </search>

      {data.items.length === 0 ? (
        <div className="empty">
          {data.total > 0 ? (
            <p>
              There is nothing on page {search.page}.{' '}
              <Link from={Route.fullPath} search={(prev) => ({ ...prev, page: 1 })}>
                Go to the first page
              </Link>
            </p>
          ) : filtered ? (
            <p>No videos match these filters.</p>
          ) : (
            <>
              <p>No videos yet.</p>
              <p className="muted">Uploading from this page is coming next.</p>
            </>
          )}
        </div>
      ) : (
        <ul className="video-list">
          {data.items.map((video) => (
            <VideoRow key={video.id} video={video} />
          ))}
        </ul>
      )}

      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          <Link
            from={Route.fullPath}
            search={(prev) => ({ ...prev, page: search.page - 1 })}
            disabled={search.page <= 1}
            className="button button-quiet"
          >
            Previous
          </Link>
          <span className="muted">
            Page {search.page} of {pages}
          </span>
          <Link
            from={Route.fullPath}
            search={(prev) => ({ ...prev, page: search.page + 1 })}
            disabled={search.page >= pages}
            className="button button-quiet"
          >
            Next
          </Link>
        </nav>
      ) : null}
    </main>
  )
}

function countLabel(total: number, filtered: boolean): string {
  const videos = total === 1 ? '1 video' : `${total} videos`
  if (!filtered) return videos
  return `${videos} ${total === 1 ? 'matches' : 'match'}`
}

function statusLabel(status: ProcessingStatus): string {
  return status.charAt(0) + status.slice(1).toLowerCase()
}

function VideoRow({ video }: { video: VideoSummarySchema }) {
  return (
    <li className="video-row">
      <div className="video-main">
        <p className="video-title">{video.title || video.original_filename}</p>
        {video.title ? <p className="muted small">{video.original_filename}</p> : null}
      </div>
      <span className={`badge badge-${(video.status ?? 'none').toLowerCase()}`}>
        {video.status ? statusLabel(video.status) : 'No job'}
      </span>
      <span className="muted small">{formatDuration(video.duration_seconds)}</span>
      <span className="muted small">{formatBytes(video.size_bytes)}</span>
      <time className="muted small" dateTime={video.created_at}>
        {formatDateTime(video.created_at)}
      </time>
    </li>
  )
}
