// Text with the words a search found in <mark>, as text: never parsed as HTML.
import { Fragment } from 'react'

export function MarkedText({
  parts,
  className,
}: {
  parts: readonly { text: string; match: boolean }[]
  className: string
}) {
  return (
    <span className={className}>
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a text's parts never reorder
        <Fragment key={index}>{part.match ? <mark>{part.text}</mark> : part.text}</Fragment>
      ))}
    </span>
  )
}
