// The recognizer's transcript beside the creator's edited one: which of its lines the edit
// changed, so the page can show a new recognition (after a reprocess that kept the edit)
// or the original next to what the creator wrote.
export interface ComparedLine {
  start: number
  text: string
  /** No line of the edited transcript says this, word for word. */
  changed: boolean
}

const normalized = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()

export function compareWithEdited(
  recognized: readonly { start: number; text: string }[],
  edited: readonly { text: string }[],
): ComparedLine[] {
  const kept = new Set(edited.map((line) => normalized(line.text)))
  return recognized.map((line) => ({
    start: line.start,
    text: line.text,
    changed: !kept.has(normalized(line.text)),
  }))
}
