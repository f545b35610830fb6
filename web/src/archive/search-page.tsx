import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../api.js'
import { exportUrl, search, type SearchAnswer } from '../archive-api.js'
import { useOnScreen } from '../banner.js'
import { hrefFor, navigate } from '../router.js'
import { CiteAction } from './cite-action.js'
import { FacetSidebar } from './facet-sidebar.js'
import { Histogram } from './histogram.js'
import { effectiveQuery, intervalFor, PAGE_SIZE, readSearchState, searchParamsOf, typedColumn, type FacetFilter, type SearchState } from './query-state.js'
import { ResultList } from './results.js'
import { SearchBox } from './search-box.js'
import { useTagNames } from './tag-names.js'

/** The archive's search screen: query box, facets, date histogram, results, export. */
export function SearchPage({ params }: { params: URLSearchParams }) {
  const state = readSearchState(params)
  const query = effectiveQuery(state)
  const interval = intervalFor(state.from, state.to)
  const [draft, setDraft] = useState(state.q)
  const [answer, setAnswer] = useState<SearchAnswer | null>(null)
  const [error, setError] = useState<ApiError | Error | null>(null)
  const [loading, setLoading] = useState(false)
  const tagNames = useTagNames()

  useEffect(() => setDraft(state.q), [state.q])
  useEffect(() => {
    const abort = new AbortController()
    setLoading(true)
    search({ q: query, sort: state.sort, offset: (state.page - 1) * PAGE_SIZE, limit: PAGE_SIZE, histogram: interval }, abort.signal)
      .then((a) => {
        setAnswer(a)
        setError(null)
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return
        setError(e instanceof Error ? e : new Error(String(e)))
        if (e instanceof ApiError && e.code === 'QUERY_SYNTAX') setAnswer(null)
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false)
      })
    return () => abort.abort()
  }, [query, state.sort, state.page, interval])

  useOnScreen(answer ? answer.hits.map((h) => h.classification) : [])

  // a new query, filter or range is another result: the snapshot of the old one goes (sort and page keep it)
  const go = (next: Partial<SearchState>) => navigate(hrefFor(['search'], searchParamsOf({ ...state, page: 1, snapshot: null, ...next })))
  const syntax = error instanceof ApiError && error.code === 'QUERY_SYNTAX' && error.column !== null ? { column: typedColumn(state, error.column), message: error.message } : null
  const toggle = (f: FacetFilter) => {
    const rest = state.filters.filter((x) => !(x.field === f.field && x.value === f.value))
    const same = state.filters.find((x) => x.field === f.field && x.value === f.value && x.exclude === f.exclude)
    go({ filters: same ? rest : [...rest, f] })
  }
  const total = answer?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))

  return (
    <div class="search-page">
      <h1 class="visually-hidden">Search the archive</h1>
      <SearchBox value={draft} facets={answer?.facets ?? null} error={syntax} onInput={setDraft} onSubmit={(q) => go({ q })} />
      {error && !syntax && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      <div class="search-layout">
        <FacetSidebar
          facets={answer?.facets ?? null}
          filters={state.filters}
          tagNames={tagNames}
          onToggle={toggle}
          onRemove={(f) => go({ filters: state.filters.filter((x) => x !== f && !(x.field === f.field && x.value === f.value)) })}
          onYear={(y) => go({ from: y, to: y })}
        />
        <div class="search-main" aria-busy={loading}>
          {answer?.histogram && <Histogram bins={answer.histogram} interval={interval} from={state.from} to={state.to} onRange={(from, to) => go({ from, to })} />}
          {answer && (
            <div class="result-bar">
              <p class="total" role="status" data-testid="total">
                {total.toLocaleString('en-US')} cable{total === 1 ? '' : 's'}
                {total > 0 && (
                  <span class="muted">
                    {' '}
                    — showing {(answer.offset + 1).toLocaleString('en-US')}–{(answer.offset + answer.hits.length).toLocaleString('en-US')}
                  </span>
                )}
              </p>
              <label>
                Sort{' '}
                <select value={state.sort} onChange={(e) => go({ sort: e.currentTarget.value as SearchState['sort'], snapshot: state.snapshot })}>
                  <option value="rank">relevance</option>
                  <option value="date-desc">newest first</option>
                  <option value="date">oldest first</option>
                </select>
              </label>
              <span class="export">
                Export these {total.toLocaleString('en-US')} results:{' '}
                <a href={exportUrl(query, state.sort, 'csv')} download="cables.csv">
                  CSV
                </a>{' '}
                ·{' '}
                <a href={exportUrl(query, state.sort, 'jsonl')} download="cables.jsonl">
                  JSON Lines
                </a>
              </span>
              <CiteAction query={query} saved={state.snapshot} onSaved={(id) => navigate(hrefFor(['search'], searchParamsOf({ ...state, snapshot: id })), true)} />
            </div>
          )}
          {answer && <ResultList hits={answer.hits} query={query} offset={answer.offset} />}
          {answer && total === 0 && <p class="muted">No cable matches this query.</p>}
          {answer && pages > 1 && (
            <nav class="pager" aria-label="Pages">
              <button type="button" disabled={state.page <= 1} onClick={() => go({ page: state.page - 1, snapshot: state.snapshot })}>
                ← Previous
              </button>
              <span>
                Page {state.page} of {pages.toLocaleString('en-US')}
              </span>
              <button type="button" disabled={state.page >= pages} onClick={() => go({ page: state.page + 1, snapshot: state.snapshot })}>
                Next →
              </button>
            </nav>
          )}
        </div>
      </div>
    </div>
  )
}
