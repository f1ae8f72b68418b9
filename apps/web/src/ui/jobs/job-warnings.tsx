// What the job worked around (damaged sound, a language the offline text engine cannot
// write): it finished, but its results lack something the creator should know about. Each
// warning says what and why, so the heading names no one cause.
export function JobWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null
  return (
    <div className="jobs-alert jobs-alert-warning job-warnings" role="status">
      <strong>Check before you publish.</strong>
      {warnings.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
    </div>
  )
}
