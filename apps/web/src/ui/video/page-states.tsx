// The video page's stylesheet, its loading skeleton and its not-found screen.
import { Link } from '@tanstack/react-router'
import videoCss from './video.css?url'

/**
 * The page's own stylesheet. React 19 hoists it into <head>, loads it once, and holds the
 * page back until it has loaded, so a client-side visit never flashes unstyled content.
 */
export function VideoStyles() {
  return <link rel="stylesheet" href={videoCss} precedence="default" />
}

export function VideoPageSkeleton() {
  return (
    <>
      <VideoStyles />
      <main className="page video-page" aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading the video…
        </p>
        <div className="skeleton-stack" aria-hidden="true">
          <div className="skeleton skeleton-line" style={{ width: '7rem' }} />
          <div className="skeleton skeleton-title" />
          <div className="skeleton skeleton-line" style={{ width: '16rem' }} />
        </div>
        <div className="video-layout" aria-hidden="true">
          <div className="video-primary">
            <div className="card">
              <div className="skeleton skeleton-video" />
              <div className="skeleton skeleton-line" style={{ margin: '0.9rem 1rem' }} />
            </div>
            <div className="card skeleton-stack">
              <div className="skeleton skeleton-heading" />
              <div className="skeleton skeleton-line" />
              <div className="skeleton skeleton-line" />
              <div className="skeleton skeleton-line" style={{ width: '60%' }} />
            </div>
          </div>
          <div className="video-secondary">
            <div className="card skeleton-stack">
              <div className="skeleton skeleton-heading" />
              {[0, 1, 2, 3].map((row) => (
                <div key={row} className="skeleton skeleton-line" />
              ))}
            </div>
            <div className="card skeleton-stack">
              <div className="skeleton skeleton-heading" />
              <div className="skeleton skeleton-block" />
            </div>
          </div>
        </div>
      </main>
    </>
  )
}

export function VideoNotFound() {
  return (
    <main className="status-page">
      <h1>Video not found</h1>
      <p>
        There is no video at this address in your library. It may have been deleted, or it belongs
        to another account.
      </p>
      <Link to="/" className="button">
        Go to your videos
      </Link>
    </main>
  )
}
