// A moment of the video at the start of a line: "4:05" to see, "4 minutes 5 seconds" to hear.
import { formatTimestamp, spokenTimestamp } from './timeline'

export function Timestamp({ seconds }: { seconds: number }) {
  return (
    <>
      <span className="timestamp" aria-hidden="true">
        {formatTimestamp(seconds)}
      </span>
      <span className="visually-hidden">{spokenTimestamp(seconds)}: </span>
    </>
  )
}
