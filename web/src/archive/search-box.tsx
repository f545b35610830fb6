import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { FIELD_EXAMPLES } from '../../../src/archive/query/ast.js'
import { search, type Facets } from '../archive-api.js'
import { quoteValue } from './query-state.js'

/** Facet (in the API's answer) whose values complete each field. */
const VALUE_FACET: Record<string, keyof Facets> = {
  origin: 'origin',
  tag: 'tag',
  class: 'classification',
  precedence: 'precedence',
  caption: 'caption',
  date: 'year',
}

interface Suggestion {
  /** Text that replaces the word being typed. */
  insert: string
  label: string
  detail: string
}

interface Props {
  value: string
  facets: Facets | null
  /** Syntax error in the typed query: 1-based column and message. */
  error: { column: number; message: string } | null
  onInput: (value: string) => void
  onSubmit: (value: string) => void
}

/**
 * The query box: an ARIA combobox that completes field names (`tag:`, `origin:`…, from the query language's
 * own field list) and field values (from the current result's facets), and underlines a syntax error at its
 * column with the server's message.
 */
export function SearchBox({ value, facets, error, onInput, onSubmit }: Props) {
  const input = useRef<HTMLInputElement>(null)
  const [cursor, setCursor] = useState(value.length)
  const [open, setOpen] = useState(false)
  /** The highlighted suggestion; -1 until the arrow keys choose one, so Enter searches what was typed. */
  const [active, setActive] = useState(-1)
  const [help, setHelp] = useState(false)

  const word = currentWord(value, cursor)
  const prefixFacets = usePrefixFacets(word.text)
  const suggestions = useMemo(() => suggest(word.text, prefixFacets ?? facets), [word.text, facets, prefixFacets])
  const showList = open && suggestions.length > 0

  const accept = (s: Suggestion) => {
    const next = value.slice(0, word.start) + s.insert + value.slice(word.end)
    onInput(next)
    const at = word.start + s.insert.length
    setCursor(at)
    setActive(-1)
    setOpen(s.insert.endsWith(':'))
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at))
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (showList && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault()
      const n = suggestions.length
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1))
    } else if (showList && (e.key === 'Tab' || (e.key === 'Enter' && active >= 0))) {
      e.preventDefault()
      accept(suggestions[Math.max(0, Math.min(active, suggestions.length - 1))])
    } else if (e.key === 'Enter') {
      e.preventDefault()
      setOpen(false)
      onSubmit(value)
    } else if (e.key === 'Escape') {
      if (showList) {
        e.preventDefault()
        setOpen(false)
      } else input.current?.blur()
    }
  }

  const col = error ? Math.min(error.column, value.length + 1) : 0
  return (
    <div class="search-box">
      <form
        role="search"
        aria-label="Search the archive"
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit(value)
        }}
      >
        <label for="search-input" class="visually-hidden">
          Query
        </label>
        <div class="query-field">
          <div class="query-mirror" aria-hidden="true">
            {error ? (
              <>
                {value.slice(0, col - 1)}
                <span class="query-error-at">{value.slice(col - 1, col) || ' '}</span>
                {value.slice(col)}
              </>
            ) : (
              value
            )}
          </div>
          <input
            id="search-input"
            ref={input}
            type="text"
            role="combobox"
            autocomplete="off"
            spellcheck={false}
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls="query-suggestions"
            aria-activedescendant={showList && active >= 0 ? `suggestion-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'query-error' : undefined}
            placeholder='e.g. tag:PREL "human rights" -iran  (press / to focus)'
            value={value}
            onInput={(e) => {
              const el = e.currentTarget
              onInput(el.value)
              setCursor(el.selectionStart ?? el.value.length)
              setOpen(true)
              setActive(-1)
            }}
            onKeyUp={(e) => setCursor(e.currentTarget.selectionStart ?? value.length)}
            onClick={(e) => setCursor(e.currentTarget.selectionStart ?? value.length)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onKeyDown={onKeyDown}
          />
          {showList && (
            <ul id="query-suggestions" role="listbox" aria-label="Suggestions" class="suggestions">
              {suggestions.map((s, i) => (
                <li
                  id={`suggestion-${i}`}
                  role="option"
                  aria-selected={i === active}
                  class={i === active ? 'active' : ''}
                  onMouseDown={(e) => {
                    e.preventDefault()
                    accept(s)
                  }}
                >
                  <span class="s-label">{s.label}</span> <span class="s-detail">{s.detail}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="submit">Search</button>
        <button type="button" aria-expanded={help} aria-controls="query-help" onClick={() => setHelp(!help)}>
          Query help
        </button>
      </form>
      {error && (
        <p id="query-error" class="query-error" role="alert">
          {error.message}
        </p>
      )}
      {help && <QueryHelp onPick={(q) => onSubmit(q)} />}
    </div>
  )
}

/** Fields whose values the query language matches by prefix (`origin:SAO*`): completed from the whole archive. */
const PREFIX_FIELDS = new Set(['origin', 'tag'])

/**
 * For `origin:PA` or `tag:K`, the facets of `origin:PA*` (every value in the archive that starts so, with its
 * count), fetched after a short pause in typing; null for other words, which complete from the current facets.
 */
function usePrefixFacets(word: string): Facets | null {
  const [found, setFound] = useState<{ word: string; facets: Facets } | null>(null)
  const m = /^([a-z]+):"?([\p{L}\p{N}]+)$/u.exec(word)
  const prefixQuery = m && PREFIX_FIELDS.has(m[1]) ? `${m[1]}:${m[2]}*` : null
  useEffect(() => {
    if (!prefixQuery) return
    const abort = new AbortController()
    const timer = setTimeout(() => {
      search({ q: prefixQuery, sort: 'date', offset: 0, limit: 0 }, abort.signal).then(
        (a) => setFound({ word, facets: a.facets ?? {} }),
        () => {}, // a failed completion lookup leaves the current facets' suggestions
      )
    }, 120)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [prefixQuery])
  return prefixQuery && found?.word === word ? found.facets : null
}

/** The word under the cursor (a field:value or a bare word), with its bounds. */
export function currentWord(value: string, cursor: number): { text: string; start: number; end: number } {
  let start = cursor
  while (start > 0 && !/[\s()]/.test(value[start - 1])) start--
  let end = cursor
  while (end < value.length && !/[\s()]/.test(value[end])) end++
  const text = value.slice(start, cursor)
  // a leading minus (exclusion) stays put
  const lead = text.startsWith('-') ? 1 : 0
  return { text: text.slice(lead), start: start + lead, end }
}

function suggest(word: string, facets: Facets | null): Suggestion[] {
  if (word === '' ) return []
  const colon = word.indexOf(':')
  if (colon < 0) {
    const w = word.toLowerCase()
    return Object.entries(FIELD_EXAMPLES)
      .filter(([f]) => f.startsWith(w) && f !== w)
      .map(([f, example]) => ({ insert: `${f}:`, label: `${f}:`, detail: `e.g. ${f}:${example}` }))
  }
  const field = word.slice(0, colon).toLowerCase()
  const typed = word.slice(colon + 1).replace(/^"/, '').toLowerCase()
  const facet = VALUE_FACET[field]
  const values = facet ? (facets?.[facet] ?? []) : []
  return values
    .filter((v) => v.value !== '(none)' && v.value.toLowerCase().startsWith(typed))
    .slice(0, 12)
    .map((v) => ({ insert: `${field}:${quoteValue(v.value)}`, label: v.value, detail: `${v.count.toLocaleString('en-US')} cables` }))
}

const EXAMPLES: [string, string][] = [
  ['uranium enrichment', 'both words, anywhere in the cable'],
  ['"human rights"', 'the phrase'],
  ['sanction*', 'words starting with sanction'],
  ['iran OR iraq', 'either word'],
  ['nuclear -iran', 'nuclear but not iran (also NOT iran)'],
  ['reactor NEAR/5 inspectors', 'within 5 words of each other'],
  ['tag:PREL origin:HARARE', 'TAGS entry and originating post'],
  ['class>=CONFIDENTIAL caption:NOFORN', 'level comparison and caption'],
  ['date:2009-09..2009-12', 'September through December 2009'],
  ['cites:09STATE99704', 'cables whose REF names that cable'],
  ['subject:(oil OR gas) precedence:IMMEDIATE', 'subject words, precedence'],
]

function QueryHelp({ onPick }: { onPick: (q: string) => void }) {
  return (
    <section id="query-help" class="query-help" aria-label="Query language help">
      <h2>Query language</h2>
      <p>
        Operators <code>AND</code>, <code>OR</code>, <code>NOT</code>, <code>NEAR</code> in capitals; fields are written{' '}
        <code>field:value</code> with no space. Fields: {Object.keys(FIELD_EXAMPLES).map((f) => <code key={f}>{f}: </code>)}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Example</th>
            <th scope="col">Finds</th>
          </tr>
        </thead>
        <tbody>
          {EXAMPLES.map(([q, what]) => (
            <tr key={q}>
              <td>
                <button type="button" class="link" onClick={() => onPick(q)}>
                  <code>{q}</code>
                </button>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
