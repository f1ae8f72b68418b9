// The video library: cards with thumbnail, title, status, duration and date; search (of
// titles, and of the words spoken in the videos), a status filter and pages, all in the URL.
import { useSuspenseQuery } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useEffect, useId, useRef, useState } from 'react'
import { ProcessingStatus, type VideoSummarySchema } from '../../api/gen'
import { useLiveStatus } from '../../live/live-jobs'
import { pollInterval } from '../../live/poll'
import { formatDuration } from '../format'
import { isActive, STATUS_LABELS } from '../jobs/job-view'
import { StatusBadge } from '../jobs/status-badge'
import { LineIcon } from '../line-icon'
import { LocalTime } from '../local-time'
import {
  countLabel,
  type LibrarySearch,
  libraryQuery,
  MAX_QUERY_LENGTH,
  pageCount,
} from './library-search'
import { SpokenMatches } from './spoken-matches'

const SEARCH_DELAY_MS = 300
const STATUSES = Object.values(ProcessingStatus)

export function Library({ search }: { search: LibrarySearch }) {
  const live = useLiveStatus()
  const { data } = useSuspenseQuery({
    ...libraryQuery(search),
    refetchInterval: (query) =>
      pollInterval(query.state.data?.items.some((video) => isActive(video.status)) ?? false, live),
  })
  const filtered = Boolean(search.status || search.q)
  const pages = pageCount(data.total)

  return (
    <section className="dash-section" aria-labelledby="library-heading">
      <div className="dash-section-head">
        <h2 id="library-heading">Library</h2>
        <span className="muted small" data-testid="library-count">
          {countLabel(data.total, filtered)}
        </span>
      </div>
      <LibraryFilters search={search} />
      {search.q ? <SpokenMatches q={search.q} /> : null}

      {data.items.length === 0 ? (
        <LibraryEmpty search={search} total={data.total} filtered={filtered} />
      ) : (
        <ul className="dash-grid" aria-label="Videos">
          {data.items.map((video) => (
            <VideoCard key={video.id} video={video} />
          ))}
        </ul>
      )}

      {pages > 1 ? (
        <nav className="dash-pager" aria-label="Pages">
          <Link
            to="/"
            search={(prev) => ({ ...prev, page: search.page - 1 })}
            disabled={search.page <= 1}
            className="button button-quiet"
            aria-label="Previous page"
          >
            ← Previous
          </Link>
          <span className="muted small">
            Page {search.page} of {pages}
          </span>
          <Link
            to="/"
            search={(prev) => ({ ...prev, page: search.page + 1 })}
            disabled={search.page >= pages}
            className="button button-quiet"
            aria-label="Next page"
          >
            Next →
          </Link>
        </nav>
      ) : null}
    </section>
  )
}

function LibraryFilters({ search }: { search: LibrarySearch }) {
  const navigate = useNavigate()
  const id = useId()
  const [text, setText] = useState(search.q ?? '')
  // What we last put in the URL ourselves; any other change (Clear, Back) resets the box.
  const sent = useRef(search.q ?? '')
  useEffect(() => {
    const q = search.q ?? ''
    if (q !== sent.current) {
      sent.current = q
      setText(q)
    }
  }, [search.q])

  useEffect(() => {
    const q = text.trim().slice(0, MAX_QUERY_LENGTH)
    if (q === sent.current) return
    const timer = setTimeout(() => {
      sent.current = q
      void navigate({
        to: '/',
        search: (prev) => ({ ...prev, q: q || undefined, page: 1 }),
        replace: true,
      })
    }, SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text, navigate])

  return (
    <search className="dash-filters">
      <form
        className="dash-search"
        onSubmit={(event) => {
          event.preventDefault()
          const q = text.trim().slice(0, MAX_QUERY_LENGTH)
          sent.current = q
          void navigate({ to: '/', search: (prev) => ({ ...prev, q: q || undefined, page: 1 }) })
        }}
      >
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Search titles and spoken words
        </label>
        <LineIcon className="dash-search-icon" size={16} box={20} weight={1.8}>
          <circle cx="9" cy="9" r="5.5" />
          <path d="M13.2 13.2L17 17" />
        </LineIcon>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Search titles and what is said"
          value={text}
          maxLength={MAX_QUERY_LENGTH}
          onChange={(event) => setText(event.target.value)}
        />
      </form>
      <nav className="dash-chips" aria-label="Filter by status">
        <StatusChip label="All" status={undefined} current={search.status} />
        {STATUSES.map((status) => (
          <StatusChip
            key={status}
            label={STATUS_LABELS[status]}
            status={status}
            current={search.status}
          />
        ))}
      </nav>
    </search>
  )
}

function StatusChip({
  label,
  status,
  current,
}: {
  label: string
  status: ProcessingStatus | undefined
  current: ProcessingStatus | undefined
}) {
  const selected = status === current
  return (
    <Link
      to="/"
      search={(prev) => ({ ...prev, status, page: 1 })}
      className="dash-chip"
      aria-current={selected ? 'page' : undefined}
      data-selected={selected ? 'true' : undefined}
    >
      {label}
    </Link>
  )
}

function LibraryEmpty({
  search,
  total,
  filtered,
}: {
  search: LibrarySearch
  total: number
  filtered: boolean
}) {
  if (total > 0) {
    return (
      <div className="dash-empty">
        <p>There is nothing on page {search.page}.</p>
        <Link to="/" search={(prev) => ({ ...prev, page: 1 })} className="button button-quiet">
          Go to the first page
        </Link>
      </div>
    )
  }
  if (filtered) {
    return (
      <div className="dash-empty">
        <p>
          {/* The words said in the videos are searched above; this is the library's own. */}
          {search.q ? `No titles or filenames match “${search.q}”` : 'No videos match'}
          {search.status ? ` with status ${STATUS_LABELS[search.status].toLowerCase()}` : ''}.
        </p>
        <Link to="/" className="button button-quiet">
          Clear filters
        </Link>
      </div>
    )
  }
  return (
    <div className="dash-empty" data-testid="library-empty">
      <span className="dash-empty-icon" aria-hidden="true">
        <FilmIcon />
      </span>
      <p className="dash-empty-title">No videos yet — drop one above</p>
      <p className="muted small">
        Echo transcribes it and drafts subtitles, chapters, titles, a description and thumbnails.
      </p>
    </div>
  )
}

function VideoCard({ video }: { video: VideoSummarySchema }) {
  const [broken, setBroken] = useState(false)
  const name = video.title?.trim() || video.original_filename
  const showThumb = video.thumbnail_url && !broken
  return (
    <li className="dash-card" data-testid="video-card" data-video-id={video.id}>
      <Link to="/videos/$videoId" params={{ videoId: video.id }} className="dash-card-link">
        <div className="dash-thumb" data-status={video.status ?? 'NONE'}>
          {showThumb ? (
            <img
              src={video.thumbnail_url ?? undefined}
              alt=""
              loading="lazy"
              decoding="async"
              onError={() => setBroken(true)}
            />
          ) : (
            <span className="dash-thumb-empty" aria-hidden="true">
              <FilmIcon />
              {isActive(video.status) ? <span>Working on it…</span> : null}
            </span>
          )}
          {video.duration_seconds ? (
            <span className="dash-duration">
              <span className="visually-hidden">Duration </span>
              {formatDuration(video.duration_seconds)}
            </span>
          ) : null}
        </div>
        <div className="dash-card-body">
          <h3 className="dash-card-title">{name}</h3>
          {name !== video.original_filename ? (
            <p className="dash-card-file">{video.original_filename}</p>
          ) : null}
          <div className="dash-card-meta">
            <StatusBadge status={video.status} />
            <LocalTime iso={video.created_at} show="date" className="muted small" />
          </div>
        </div>
      </Link>
    </li>
  )
}

function FilmIcon() {
  return (
    <LineIcon size={28} box={24} weight={1.6}>
      <rect x="3" y="5" width="18" height="14" rx="2.5" />
      <path d="M10 9.5v5l4.5-2.5z" fill="currentColor" stroke="none" />
    </LineIcon>
  )
}
