import { useEffect, useState } from 'preact/hooks'
import { isTyping } from '../app.js'
import type { SearchHit } from '../archive-api.js'
import { readClassification, toneOf } from '../classification.js'
import { hrefFor, navigate } from '../router.js'
import { Snippet } from './snippet.js'

interface Props {
  hits: SearchHit[]
  /** The query that found them, carried to the cable view to highlight its words there. */
  query: string
  offset: number
}

/** The result list; `j`/`k` move the selection, Enter opens the selected cable. */
export function ResultList({ hits, query, offset }: Props) {
  const [selected, setSelected] = useState(-1)
  useEffect(() => setSelected(-1), [hits])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || hits.length === 0) return
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault()
        setSelected((s) => {
          const next = e.key === 'j' ? Math.min(hits.length - 1, s + 1) : Math.max(0, s - 1)
          document.getElementById(`hit-${next}`)?.querySelector('a')?.focus()
          return next
        })
      } else if (e.key === 'Enter' && selected >= 0 && !(e.target instanceof HTMLAnchorElement)) {
        e.preventDefault()
        navigate(cableHref(hits[selected], query))
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [hits, selected, query])

  return (
    <ol class="results" start={offset + 1} aria-label="Results" data-query={query}>
      {hits.map((h, i) => {
        const tone = toneOf(readClassification(h.classification)?.level ?? null)
        return (
          <li id={`hit-${i}`} key={h.key} class={i === selected ? 'hit selected' : 'hit'} aria-current={i === selected ? 'true' : undefined}>
            <div class="hit-head">
              <a href={cableHref(h, query)} class="hit-id" onFocus={() => setSelected(i)}>
                {h.id ?? h.key}
              </a>
              <span class="hit-date">
                {h.date?.slice(0, 10) ?? 'undated'}
                {h.date && h.dateSource?.basis !== 'read' && <span class="muted date-basis"> ({h.dateSource?.basis ?? 'unknown'})</span>}
              </span>
              <span class="hit-origin">{h.origin ?? 'origin unknown'}</span>
              <span class={`class-tag tone-${tone}`}>{h.classification ?? 'UNMARKED'}</span>
            </div>
            <div class="hit-subject">{h.subject ?? '(no subject)'}</div>
            {h.snippet && <Snippet text={h.snippet} />}
          </li>
        )
      })}
    </ol>
  )
}

export function cableHref(h: { id: string | null; key: string }, query: string): string {
  return hrefFor(['cable', h.id ?? h.key], { q: query === '*' ? undefined : query })
}
