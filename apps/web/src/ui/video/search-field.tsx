// A search box whose label is for screen readers only (the placeholder shows what it does),
// described by the line that counts what it found.
export function SearchField({
  id,
  label,
  placeholder,
  value,
  onChange,
  summaryId,
}: {
  id: string
  label: string
  placeholder: string
  value: string
  onChange: (value: string) => void
  summaryId: string
}) {
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={summaryId}
        autoComplete="off"
      />
    </>
  )
}
