import { useState } from 'preact/hooks'
import type { FacetCounts, Facets } from '../archive-api.js'
import { FACET_FIELDS, type FacetFilter } from './query-state.js'

const TITLES: Record<string, string> = {
  origin: 'Origin',
  year: 'Year',
  classification: 'Classification',
  tag: 'TAGS',
  precedence: 'Precedence',
  caption: 'Caption',
}

interface Props {
  facets: Facets | null
  filters: FacetFilter[]
  /** TAGS expansions (`PREL` → External Political Relations), from the API's TAGS table, when known. */
  tagNames: Record<string, string>
  onToggle: (filter: FacetFilter) => void
  onRemove: (filter: FacetFilter) => void
  onYear: (year: string) => void
}

/**
 * Facet counts over the whole result; each value can be included or excluded (a filter clause added to the
 * query), long lists get a filter box. Active filters are listed first so an excluded value, which no
 * longer has a count, can still be removed.
 */
export function FacetSidebar({ facets, filters, tagNames, onToggle, onRemove, onYear }: Props) {
  return (
    <aside class="facets" aria-label="Facets">
      {filters.length > 0 && (
        <section aria-label="Active filters">
          <h2>Filters</h2>
          <ul class="chips">
            {filters.map((f) => (
              <li key={`${f.field}:${f.value}`} class={f.exclude ? 'chip exclude' : 'chip include'}>
                {f.exclude ? 'not ' : ''}
                {f.field}:{f.value}
                <button type="button" aria-label={`Remove filter ${f.exclude ? 'not ' : ''}${f.field}:${f.value}`} onClick={() => onRemove(f)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {facets &&
        Object.entries(facets).map(([name, counts]) =>
          counts && counts.length > 0 ? (
            <FacetList key={name} name={name} counts={counts} filters={filters} tagNames={name === 'tag' ? tagNames : {}} onToggle={onToggle} onYear={onYear} />
          ) : null,
        )}
    </aside>
  )
}

function FacetList({ name, counts, filters, tagNames, onToggle, onYear }: { name: string; counts: FacetCounts; filters: FacetFilter[]; tagNames: Record<string, string>; onToggle: Props['onToggle']; onYear: Props['onYear'] }) {
  const [filter, setFilter] = useState('')
  const field = FACET_FIELDS[name]
  const needle = filter.trim().toLowerCase()
  const shown = needle ? counts.filter((c) => c.value.toLowerCase().includes(needle) || (tagNames[c.value] ?? '').toLowerCase().includes(needle)) : counts
  const title = TITLES[name] ?? name
  const id = `facet-${name}`
  return (
    <section class="facet" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {counts.length > 8 && (
        <input type="search" class="facet-filter" aria-label={`Filter ${title} values`} placeholder={`Filter ${title.toLowerCase()}…`} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      )}
      <ul>
        {shown.map((c) => {
          const active = filters.find((f) => f.field === field && f.value === c.value)
          const label = tagNames[c.value] ? `${c.value} — ${tagNames[c.value]}` : c.value
          return (
            <li key={c.value} class={active ? (active.exclude ? 'excluded' : 'included') : ''}>
              <span class="facet-value" title={label}>
                {name === 'year' && c.value !== '(none)' ? (
                  <button type="button" class="link" aria-label={`Limit to ${c.value}`} onClick={() => onYear(c.value)}>
                    {c.value}
                  </button>
                ) : (
                  <>
                    {c.value}
                    {tagNames[c.value] && <span class="facet-meaning"> — {tagNames[c.value]}</span>}
                  </>
                )}
              </span>
              <span class="facet-count">{c.count.toLocaleString('en-US')}</span>
              {field && c.value !== '(none)' && (
                <span class="facet-actions">
                  <button type="button" aria-label={`Include ${title} ${c.value}`} aria-pressed={active !== undefined && !active.exclude} onClick={() => onToggle({ field, value: c.value, exclude: false })}>
                    +
                  </button>
                  <button type="button" aria-label={`Exclude ${title} ${c.value}`} aria-pressed={active !== undefined && active.exclude} onClick={() => onToggle({ field, value: c.value, exclude: true })}>
                    −
                  </button>
                </span>
              )}
            </li>
          )
        })}
        {shown.length === 0 && <li class="muted">No value matches.</li>}
      </ul>
    </section>
  )
}
