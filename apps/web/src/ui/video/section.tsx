// A titled card on the video page: an <h2> the section is labelled by.
import { type ReactNode, useId } from 'react'

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
    <section className={`card section ${className ?? ''}`} aria-labelledby={`${id}-title`}>
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
