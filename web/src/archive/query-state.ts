import type { HistogramInterval, SortOrder } from '../archive-api.js'

/**
 * The search screen's state as it sits in the URL: the typed query, facet filters (`+origin:HARARE`
 * includes, `-tag:PREL` excludes), a date range, sort and page. The query sent to the API is the typed
 * query with the filters appended as query-language clauses, so the server parses and checks all of it.
 */
export interface SearchState {
  q: string
  filters: FacetFilter[]
  from: string | null
  to: string | null
  sort: SortOrder
  page: number
  /** Id of a snapshot saved of this result ("Cite this result"), shown until the result changes. */
  snapshot: string | null
}

export interface FacetFilter {
  /** Query-language field: origin, tag, class, precedence, caption. */
  field: string
  value: string
  exclude: boolean
}

export const PAGE_SIZE = 20

const SORTS: SortOrder[] = ['rank', 'date', 'date-desc']

export function readSearchState(params: URLSearchParams): SearchState {
  const sort = params.get('sort') as SortOrder | null
  const page = Number(params.get('page') ?? '1')
  return {
    q: params.get('q') ?? '',
    filters: params.getAll('f').flatMap((f) => {
      const m = /^([+-])([a-z]+):(.+)$/.exec(f)
      return m ? [{ field: m[2], value: m[3], exclude: m[1] === '-' }] : []
    }),
    from: params.get('from'),
    to: params.get('to'),
    sort: sort && SORTS.includes(sort) ? sort : 'rank',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    snapshot: params.get('snapshot'),
  }
}

/** URL parameters for a state (defaults left out). */
export function searchParamsOf(s: SearchState): URLSearchParams {
  const p = new URLSearchParams()
  if (s.q) p.set('q', s.q)
  for (const f of s.filters) p.append('f', `${f.exclude ? '-' : '+'}${f.field}:${f.value}`)
  if (s.from) p.set('from', s.from)
  if (s.to) p.set('to', s.to)
  if (s.sort !== 'rank') p.set('sort', s.sort)
  if (s.page > 1) p.set('page', String(s.page))
  if (s.snapshot) p.set('snapshot', s.snapshot)
  return p
}

/** A value as the query language reads it: bare when it is one word, else quoted. */
export function quoteValue(value: string): string {
  return /^[\p{L}\p{N}_.*]+$/u.test(value) ? value : `"${value.replace(/"/g, '')}"`
}

/** The query the API runs: typed query (grouped) plus filter and date clauses; `*` when empty. */
export function effectiveQuery(s: SearchState): string {
  const clauses = s.filters.map((f) => `${f.exclude ? '-' : ''}${f.field}:${quoteValue(f.value)}`)
  if (s.from || s.to) clauses.push(`date:${s.from ?? ''}..${s.to ?? ''}`)
  const typed = s.q.trim()
  if (clauses.length === 0) return typed || '*'
  return [typed ? `(${typed})` : '', ...clauses].filter(Boolean).join(' ')
}

/** Maps a syntax error's column in the effective query back into the typed query (1-based, clamped). */
export function typedColumn(s: SearchState, column: number): number {
  const grouped = s.filters.length > 0 || s.from || s.to ? 1 : 0
  return Math.min(Math.max(1, column - grouped), Math.max(1, s.q.length + 1))
}

/** Histogram bins by year; within a range of two years or less by month; within two months by day. */
export function intervalFor(from: string | null, to: string | null): HistogramInterval {
  if (!from || !to) return 'year'
  const start = Date.parse(periodStart(from))
  const end = Date.parse(periodEnd(to))
  if (Number.isNaN(start) || Number.isNaN(end)) return 'year'
  const days = (end - start) / 86_400_000
  return days <= 62 ? 'day' : days <= 731 ? 'month' : 'year'
}

function periodStart(p: string): string {
  return p.length === 4 ? `${p}-01-01` : p.length === 7 ? `${p}-01` : p
}

function periodEnd(p: string): string {
  if (p.length === 4) return `${p}-12-31`
  if (p.length === 7) {
    const [y, m] = p.split('-').map(Number)
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
  }
  return p
}

/** Facet name in the API's answer → the query-language field that filters on it. */
export const FACET_FIELDS: Record<string, string> = {
  origin: 'origin',
  classification: 'classification',
  tag: 'tag',
  precedence: 'precedence',
  caption: 'caption',
}
