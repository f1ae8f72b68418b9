// The video page's way to the job page, beside a banner or the processing panel.
import { Link } from '@tanstack/react-router'

export function OpenJobLink({ jobId }: { jobId: string }) {
  return (
    <Link to="/jobs/$jobId" params={{ jobId }} className="button button-quiet button-small">
      Open job page
    </Link>
  )
}
