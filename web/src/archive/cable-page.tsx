import { useEffect, useMemo, useState } from 'preact/hooks'
import { parseQuery } from '../../../src/archive/query/parse-query.js'
import { highlightRanges, highlightTerms } from '../../../src/archive/snippet.js'
import { describeDateSource, referenceKindText } from '../../../src/archive/date-source.js'
import { isTyping } from '../app.js'
import { ApiError } from '../api.js'
import { getCable, parseText, type CableView, type ParsedParagraph } from '../archive-api.js'
import { useOnScreen } from '../banner.js'
import { readClassification, toneOf } from '../classification.js'
import { filingLabel } from '../../../src/format/classification.js'
import { lazyPage } from '../lazy.js'
import type { CableTab } from '../research/cable-research.js'
import { hrefFor, navigate } from '../router.js'
import { CableText } from './cable-text.js'
import { useTagNames } from './tag-names.js'

// versions, routing replay and releasable rendering are a separate chunk, fetched when a tab opens
const CableResearch = lazyPage('research', () => import('../research/cable-research.js').then((m) => m.CableResearch))

const TABS: { tab: 'text' | CableTab; label: string }[] = [
  { tab: 'text', label: 'Text' },
  { tab: 'versions', label: 'Versions' },
  { tab: 'route', label: 'Routing replay' },
  { tab: 'redact', label: 'Releasable' },
]

/**
 * One cable: header fields, the text with portion marks, query hits (`n`/`N` step through them) and lint
 * findings, its references resolved against the archive, the cables citing it and where each copy came from.
 */
export function CablePage({ id, params }: { id: string; params: URLSearchParams }) {
  const q = params.get('q') ?? ''
  const tab = TABS.find((t) => t.tab === params.get('tab'))?.tab ?? 'text'
  const [researchShown, setResearchShown] = useState<(string | null)[]>([])
  useEffect(() => setResearchShown([]), [id, tab])
  /** Opens a tab; it stays in the URL (a tab's own choices go with the tab it leaves). */
  const selectTab = (next: 'text' | CableTab) => {
    const p = new URLSearchParams(params)
    for (const k of ['tab', 'from', 'to', 'for']) p.delete(k)
    if (next !== 'text') p.set('tab', next)
    navigate(hrefFor(['cable', id], p), true)
  }
  const [view, setView] = useState<CableView | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const [paragraphs, setParagraphs] = useState<ParsedParagraph[]>([])
  const [current, setCurrent] = useState(0)
  const tagNames = useTagNames()

  useEffect(() => {
    const abort = new AbortController()
    setView(null)
    setError(null)
    setParagraphs([])
    getCable(id, abort.signal)
      .then((v) => {
        setView(v)
        // portion marks come from the server's parser (paragraph spans and marks); without them the text shows plain
        parseText(v.cable.text, abort.signal).then((p) => setParagraphs(p.fields.paragraphs ?? []), () => setParagraphs([]))
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(e instanceof Error ? e : new Error(String(e)))
      })
    return () => abort.abort()
  }, [id])

  const hits = useMemo(() => {
    if (!view || !q) return []
    try {
      return highlightRanges(view.cable.text, highlightTerms(parseQuery(q)))
    } catch {
      return [] // a query that does not parse highlights nothing; the search screen shows its error
    }
  }, [view, q])
  useEffect(() => setCurrent(0), [hits])
  useEffect(() => {
    document.querySelector('mark.term-hit.current')?.scrollIntoView({ block: 'center' })
  }, [current, hits])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || hits.length === 0) return
      if (e.key === 'n') setCurrent((c) => (c + 1) % hits.length)
      else if (e.key === 'N') setCurrent((c) => (c - 1 + hits.length) % hits.length)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [hits])

  const shown = view ? [view.cable.classification, ...view.references.map((r) => r.cable?.classification ?? 'UNCLASSIFIED'), ...view.citedBy.map((c) => c.classification), ...researchShown] : []
  useOnScreen(shown)

  if (error)
    return (
      <div class="cable-page">
        <p class="error" role="alert">
          {error instanceof ApiError && error.status === 404 ? `No cable ${id} in the archive (or not one you may read).` : error.message}
        </p>
        <p>
          <a href="#/search">Back to search</a>
        </p>
      </div>
    )
  if (!view) return <p aria-busy="true">Loading {id}…</p>
  const c = view.cable
  const tone = toneOf(readClassification(c.classification)?.level ?? null)
  const to = c.addressees.filter((a) => a.role === 'to')
  const info = c.addressees.filter((a) => a.role === 'info')
  const lint = view.lint
  return (
    <article class="cable-page" aria-labelledby="cable-title">
      <div class="cable-actions">
        <button type="button" onClick={() => history.back()} aria-keyshortcuts="Escape">
          ← Back
        </button>
        <a href={hrefFor(['graph', c.id ?? c.key], { depth: 1 })}>Reference graph</a>
        {hits.length > 0 && (
          <span class="hit-nav" role="group" aria-label="Search hits">
            <button type="button" aria-keyshortcuts="Shift+N" onClick={() => setCurrent((current - 1 + hits.length) % hits.length)}>
              ↑ Previous hit
            </button>
            <span data-testid="hit-counter" aria-live="polite">
              hit {current + 1} of {hits.length}
            </span>
            <button type="button" aria-keyshortcuts="N" onClick={() => setCurrent((current + 1) % hits.length)}>
              ↓ Next hit
            </button>
          </span>
        )}
      </div>
      <h1 id="cable-title">
        {c.id ?? c.key} <span class={`class-tag tone-${tone}`}>{filingLabel(c.classification, c.caveats) ?? 'UNMARKED'}</span>
      </h1>
      <p class="cable-subject">{c.subject ?? '(no subject)'}</p>
      <dl class="cable-fields">
        <dt>Date</dt>
        <dd>
          {c.date ?? 'unknown'} {c.date && <span class="muted date-source">({describeDateSource(c.dateSource)})</span>}
        </dd>
        <dt>From</dt>
        <dd>
          {c.origin ?? 'unknown'} {c.precedence && <span class="muted">({c.precedence})</span>}
        </dd>
        <dt>To</dt>
        <dd>
          <Addressees list={to} />
        </dd>
        {info.length > 0 && (
          <>
            <dt>Info</dt>
            <dd>
              <Addressees list={info} />
            </dd>
          </>
        )}
        {c.captions.length > 0 && (
          <>
            <dt>Captions</dt>
            <dd>{c.captions.join(', ')}</dd>
          </>
        )}
        <dt>TAGS</dt>
        <dd>
          {c.tags.length ? (
            <ul class="tag-list" aria-label="TAGS">
              {c.tags.map((t, i) => (
                <li key={`${i}-${t}`}>
                  <code>{t}</code>
                  {tagNames[t] && <span class="tag-meaning"> {tagNames[t]}</span>}
                </li>
              ))}
            </ul>
          ) : (
            'none'
          )}
        </dd>
      </dl>
      <div class="tabs" role="tablist" aria-label="Views of this cable">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            id={`tab-${t.tab}`}
            aria-selected={t.tab === tab}
            aria-controls="cable-panel"
            tabIndex={t.tab === tab ? 0 : -1}
            onClick={() => selectTab(t.tab)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
              if (!step) return
              e.preventDefault()
              const next = TABS[(TABS.findIndex((x) => x.tab === tab) + step + TABS.length) % TABS.length].tab
              selectTab(next)
              requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus())
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab !== 'text' ? (
        <div class="tab-panel" role="tabpanel" id="cable-panel" aria-labelledby={`tab-${tab}`}>
          <CableResearch id={c.id ?? c.key} tab={tab} params={params} onShown={setResearchShown} />
        </div>
      ) : (
      <div class="cable-body" role="tabpanel" id="cable-panel" aria-labelledby="tab-text">
        <CableText text={c.text} hits={hits} current={current} paragraphs={paragraphs} findings={lint} />
        <aside class="cable-side" aria-label="About this cable">
          <section aria-labelledby="refs-h">
            <h2 id="refs-h">References</h2>
            {view.withheldFields?.includes('references') ? (
              <p class="muted">Withheld: you may read this cable only in part.</p>
            ) : view.references.length === 0 ? (
              <p class="muted">No REF line.</p>
            ) : (
              <ul class="refs">
                {view.references.map((r, i) => (
                  <li key={i}>
                    <strong>{r.letter ? `REF ${r.letter}` : 'REF'}</strong>{' '}
                    {r.cable ? (
                      <a href={hrefFor(['cable', r.cable.id ?? r.cable.key], { q: q || undefined })}>{r.id}</a>
                    ) : r.id ? (
                      <span>
                        {r.id} <span class="muted">(not in archive)</span>
                      </span>
                    ) : (
                      <span>
                        {r.text} <span class="muted ref-kind">({referenceKindText(r.kind)})</span>
                      </span>
                    )}
                    {r.datedAfter && <span class="muted"> (dated after this cable: not the cable cited, likely another year's)</span>}
                    {r.cable?.subject && <div class="muted small">{r.cable.subject}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="cited-h">
            <h2 id="cited-h">Cited by ({view.citedBy.length})</h2>
            <ul class="refs">
              {view.citedBy.map((r) => (
                <li key={r.key}>
                  <a href={hrefFor(['cable', r.id ?? r.key])}>{r.id ?? r.key}</a> <span class="muted small">{r.date?.slice(0, 10)}</span>
                  {r.subject && <div class="muted small">{r.subject}</div>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="sources-h">
            <h2 id="sources-h">Sources and versions ({view.sources.length})</h2>
            <ul class="sources">
              {view.sources.map((s) => (
                <li key={s.locator + s.sha256}>
                  <code>{s.locator}</code>
                  <div class="muted small">
                    {s.rendering}, imported {s.importedAt.slice(0, 10)}, sha256 {s.sha256.slice(0, 12)}…
                  </div>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="lint-h">
            <h2 id="lint-h">Lint findings ({lint.length})</h2>
            <ul class="findings">
              {lint.map((f, i) => (
                <li key={i} class={`sev-${f.severity}`}>
                  <a href={`#L${f.line}`} onClick={(e) => (e.preventDefault(), document.getElementById(`L${f.line}`)?.scrollIntoView({ block: 'center' }))}>
                    line {f.line}
                  </a>{' '}
                  <strong>{f.ruleId}</strong> {f.severity}: {f.message}
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
      )}
    </article>
  )
}

function Addressees({ list }: { list: { name: string; precedence: string | null }[] }) {
  if (list.length === 0) return <span class="muted">none recorded</span>
  return (
    <ul class="addressees">
      {list.map((a, i) => (
        <li key={i}>
          {a.name} {a.precedence && <span class="muted">{a.precedence}</span>}
        </li>
      ))}
    </ul>
  )
}
