// Tags as chips: type and press Enter or a comma (or paste a list) to add, × to remove.
import { type ClipboardEvent, type KeyboardEvent, useId, useRef, useState } from 'react'
import { LimitCounter } from './limit-counter'
import { MAX_TAGS_CHARS, parseTagInput, tagsLength } from './youtube-limits'

export function TagsEditor({
  tags,
  onChange,
  problem,
  inputRef,
}: {
  tags: readonly string[]
  onChange: (tags: string[]) => void
  problem: string | null | undefined
  inputRef: React.RefObject<HTMLInputElement | null>
}) {
  const id = useId()
  const [text, setText] = useState('')
  const [notice, setNotice] = useState('')
  const listRef = useRef<HTMLUListElement>(null)

  const add = (input: string) => {
    const added = parseTagInput(input, tags)
    setText('')
    if (added.length === 0) {
      if (input.trim()) setNotice('That tag is already in the list.')
      return
    }
    setNotice(added.length === 1 ? `Added “${added[0]}”.` : `Added ${added.length} tags.`)
    onChange([...tags, ...added])
  }

  const remove = (index: number) => {
    const removed = tags[index]
    onChange(tags.filter((_, at) => at !== index))
    setNotice(`Removed “${removed}”.`)
    // Keep focus in the list: on the next chip's button, or the field after the last one.
    requestAnimationFrame(() => {
      const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button')
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)]
      if (next) next.focus()
      else inputRef.current?.focus()
    })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault()
      add(text)
    }
  }

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text')
    if (/[,\n]/.test(pasted)) {
      event.preventDefault()
      add(text + pasted)
    }
  }

  const used = tagsLength(tags)
  const describedBy = [`${id}-counter`, `${id}-help`, problem ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')

  return (
    <div className="tags-editor">
      {tags.length > 0 ? (
        <ul className="chips" ref={listRef} aria-label="Tags">
          {tags.map((tag, index) => (
            <li key={tag} className="chip">
              <span className="chip-text">{tag}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove tag ${tag}`}
                title="Remove"
                onClick={() => remove(index)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-note">No tags yet.</p>
      )}
      <div className="field">
        <div className="field-label-row">
          <label htmlFor={`${id}-input`}>Add a tag</label>
          <LimitCounter id={`${id}-counter`} used={used} limit={MAX_TAGS_CHARS} unit="characters" />
        </div>
        <div className="tag-input-row">
          <input
            ref={inputRef}
            id={`${id}-input`}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              if (text.trim()) add(text)
            }}
            placeholder="e.g. pasta recipe"
            enterKeyHint="done"
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}
          />
          <button
            type="button"
            className="button button-quiet"
            onClick={() => add(text)}
            disabled={!text.trim()}
          >
            Add
          </button>
        </div>
        <p id={`${id}-help`} className="field-help">
          Press Enter or type a comma to add. YouTube counts commas between tags, and quotes around
          tags with spaces.
        </p>
        {problem ? (
          <p id={`${id}-error`} className="field-error">
            {problem}
          </p>
        ) : null}
        <p className="visually-hidden" role="status">
          {notice}
        </p>
      </div>
    </div>
  )
}
