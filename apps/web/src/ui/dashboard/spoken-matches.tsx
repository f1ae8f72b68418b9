// The moments where the searched words are said: each opens its video playing from there.
import { useInfiniteQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import type { SpokenMatchSchema } from '../../api/gen'
import { MarkedText } from '../marked-text'
import { formatTimestamp, spokenTimestamp } from '../video/timeline'
import { momentsLabel, spokenMatchesQuery } from './spoken-search'

export function SpokenMatches({ q }: { q: string }) {
  const { data, isPending, isError, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useInfiniteQuery(spokenMatchesQuery(q))
  const matches = data?.pages.flatMap((page) => page.items) ?? []
  const total = data?.pages[0]?.total ?? 0

  return (
    <section className="dash-spoken" aria-labelledby="spoken-heading" aria-busy={isPending}>
      <div className="dash-spoken-head">
        <h3 id="spoken-heading">Said in your videos</h3>
        <span className="muted small" data-testid="spoken-count" role="status">
          {isPending ? 'Searching…' : isError ? '' : momentsLabel(total)}
        </span>
      </div>
      {isError ? (
        <p className="dash-text-danger small">The spoken words could not be searched. Try again.</p>
      ) : !isPending && matches.length === 0 ? (
        <p className="muted small">Nobody says “{q}” in your videos.</p>
      ) : (
        <ul className="dash-spoken-list" aria-label="Moments">
          {matches.map((match) => (
            <SpokenMatch key={`${match.video_id}-${match.start}`} match={match} />
          ))}
        </ul>
      )}
      {hasNextPage ? (
        <button
          type="button"
          className="button button-quiet dash-spoken-more"
          onClick={() => void fetchNextPage()}
          disabled={isFetchingNextPage}
        >
          {isFetchingNextPage ? 'Loading…' : 'Show more moments'}
        </button>
      ) : null}
    </section>
  )
}

function SpokenMatch({ match }: { match: SpokenMatchSchema }) {
  return (
    <li>
      <Link
        to="/videos/$videoId"
        params={{ videoId: match.video_id }}
        search={{ t: match.start }}
        className="dash-spoken-link"
        data-testid="spoken-match"
      >
        <span className="dash-spoken-time">
          <span aria-hidden="true">{formatTimestamp(match.start)}</span>
          <span className="visually-hidden">At {spokenTimestamp(match.start)} in</span>
        </span>
        <span className="dash-spoken-body">
          <span className="dash-spoken-title">{match.title}</span>
          <MarkedText className="dash-spoken-snippet" parts={match.snippet} />
        </span>
      </Link>
    </li>
  )
}
