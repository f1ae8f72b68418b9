// The dashboard: upload, what is processing, and the library.
import { JobsStyles } from '../jobs/styles'
import dashboardCss from './dashboard.css?url'
import { Library } from './library'
import type { LibrarySearch } from './library-search'
import { ProcessingList } from './processing-list'
import { UploadPanel } from './upload-panel'

function DashboardStyles() {
  return (
    <>
      <JobsStyles />
      <link rel="stylesheet" href={dashboardCss} precedence="default" />
    </>
  )
}

export function DashboardPage({ search }: { search: LibrarySearch }) {
  return (
    <main className="page dash-page">
      <DashboardStyles />
      <div className="dash-intro">
        <h1>Dashboard</h1>
        <p className="muted">
          Upload a video and Echo writes its subtitles, chapters, titles, description and
          thumbnails.
        </p>
      </div>
      <UploadPanel />
      <ProcessingList />
      <Library search={search} />
    </main>
  )
}

export function DashboardSkeleton() {
  return (
    <main className="page dash-page" aria-busy="true">
      <DashboardStyles />
      <p className="visually-hidden" role="status">
        Loading your videos…
      </p>
      <div aria-hidden="true">
        <div className="dash-intro">
          <span className="jobs-skeleton" style={{ width: '10rem', height: '1.8rem' }} />
          <span className="jobs-skeleton" style={{ width: '70%', height: '1rem' }} />
        </div>
        <div className="jobs-skeleton dash-skeleton-drop" />
        <div className="dash-section">
          <span className="jobs-skeleton" style={{ width: '8rem', height: '1.2rem' }} />
          <div className="jobs-skeleton" style={{ height: '4.5rem', marginTop: '0.9rem' }} />
        </div>
        <div className="dash-section">
          <span className="jobs-skeleton" style={{ width: '6rem', height: '1.2rem' }} />
          <ul className="dash-grid" style={{ marginTop: '0.9rem' }}>
            {[0, 1, 2, 3, 4, 5].map((card) => (
              <li key={card} className="dash-card">
                <div className="jobs-skeleton dash-thumb" />
                <div className="dash-card-body">
                  <span className="jobs-skeleton" style={{ width: '80%', height: '1rem' }} />
                  <span className="jobs-skeleton" style={{ width: '45%', height: '0.8rem' }} />
                </div>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </main>
  )
}
