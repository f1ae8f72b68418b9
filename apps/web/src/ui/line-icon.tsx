// The app's icons are outlines drawn in the text colour with round ends: this holds those
// strokes once, so an icon only says its size and its shapes.
import type { ReactNode } from 'react'

export function LineIcon({
  size,
  box = 16,
  weight = 2,
  className,
  children,
}: {
  /** Width and height in pixels. */
  size: number
  /** The side of the square the shapes are drawn in. */
  box?: number
  /** The stroke's width, in the box's units. */
  weight?: number
  className?: string
  children: ReactNode
}) {
  return (
    <svg
      className={className}
      viewBox={`0 0 ${box} ${box}`}
      width={size}
      height={size}
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth={weight}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  )
}
