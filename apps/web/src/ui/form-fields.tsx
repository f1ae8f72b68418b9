// What went wrong with a sent form, in the two places people look: one alert above the
// form, and each field's own message under its input (tied to it, so a screen reader reads
// the message with the field).
import type { InputHTMLAttributes } from 'react'
import { formErrorMessage } from '../api/errors'

/** The alert above a form; nothing while there is no error. `fields` are shown by their inputs. */
export function FormError({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const message = formErrorMessage(error, fields)
  if (!message) return null
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  )
}

export function TextField({
  id,
  label,
  error,
  ...input
}: { id: string; label: string; error: string | undefined } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'aria-invalid' | 'aria-describedby'
>) {
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
