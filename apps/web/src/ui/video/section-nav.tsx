// On narrow screens the page is one long column: links to its sections, kept at the top,
// put the editors one tap away instead of thousands of pixels down.
import { sectionAnchor } from './section'

export function SectionNav({ sections }: { sections: readonly string[] }) {
  return (
    <nav className="section-nav" aria-label="Sections of this page">
      <ul>
        {sections.map((title) => (
          <li key={title}>
            <a href={`#${sectionAnchor(title)}`}>{title}</a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
