// What processing found wrong with the file but worked around (damaged sound, say): the
// job finished, but its results lack something the creator should know about.
export function JobWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null
  return (
    <div className="jobs-alert jobs-alert-warning job-warnings" role="status">
      <strong>The file is damaged.</strong>
      {warnings.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
    </div>
  )
}
