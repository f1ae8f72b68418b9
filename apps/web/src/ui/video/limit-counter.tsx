// "42/100": how much of a YouTube limit a field uses, amber near it, red over it.
import { limitLevel } from './youtube-limits'

export function LimitCounter({
  id,
  used,
  limit,
  unit,
}: {
  id: string
  used: number
  limit: number
  /** Spoken unit: "characters", "bytes". */
  unit: string
}) {
  const level = limitLevel(used, limit)
  return (
    <span id={id} className={`counter counter-${level}`}>
      <span aria-hidden="true">
        {used.toLocaleString('en')}/{limit.toLocaleString('en')}
      </span>
      <span className="visually-hidden">
        {used.toLocaleString('en')} of {limit.toLocaleString('en')} {unit}
        {level === 'over' ? ', over the limit' : ''}
      </span>
    </span>
  )
}
