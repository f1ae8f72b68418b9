// A titled card on the video page: an <h2> the section is labelled by, and an anchor
// named after the title that the page's section links jump to.
import { type ReactNode, useId } from 'react'

/** "Show notes" → "section-show-notes". */
export function sectionAnchor(title: string): string {
  return `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
}

export function Section({
  title,
  count,
  hint,
  actions,
  children,
  className,
}: {
  title: string
  /** Shown as a quiet number after the title. */
  count?: number | undefined
  hint?: ReactNode
  actions?: ReactNode
  children: ReactNode
  className?: string
}) {
  const id = useId()
  return (
    <section
      id={sectionAnchor(title)}
      className={`card section ${className ?? ''}`}
      aria-labelledby={`${id}-title`}
    >
      <div className="section-head">
        <div>
          <h2 id={`${id}-title`} className="section-title">
            {title}
            {count !== undefined ? (
              <span className="section-count" aria-hidden="true">
                {count}
              </span>
            ) : null}
          </h2>
          {hint ? <p className="section-hint">{hint}</p> : null}
        </div>
        {actions ? <div className="section-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  )
}
