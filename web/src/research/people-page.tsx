import { useEffect, useState } from 'preact/hooks'
import { search, type SearchHit } from '../archive-api.js'
import { readClassification, toneOf } from '../classification.js'
import { getPeople, getPerson, type Person } from '../research-api.js'
import { hrefFor, navigate } from '../router.js'
import { Failure } from './load.js'
import { idsQuery, useScopeOnScreen } from './scope.js'

const LIMIT_STEP = 100
const CABLES_PER_PAGE = 50

/**
 * The people in the cables (`#/people?name=quint&limit=200`): signers, "Classified by" names, participants,
 * drafters and clearers, as the server normalised them, most cables first. The name box narrows the list
 * loaded; "Show more" loads more. Each name opens its person page.
 */
export function PeoplePage({ params }: { params: URLSearchParams }) {
  const limit = Math.max(LIMIT_STEP, Number(params.get('limit')) || LIMIT_STEP)
  const name = params.get('name') ?? ''
  const [people, setPeople] = useState<Person[] | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const [draft, setDraft] = useState(name)
  useEffect(() => setDraft(name), [name])

  useEffect(() => {
    const abort = new AbortController()
    setError(null)
    getPeople(limit, abort.signal).then(setPeople, (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))))
    return () => abort.abort()
  }, [limit])

  // names come out of every visible cable's text: the banner is the archive's highest classification
  useScopeOnScreen('*')

  const needle = name.trim().toLowerCase()
  const shown = people?.filter((p) => !needle || p.name.toLowerCase().includes(needle) || p.key.toLowerCase().includes(needle)) ?? []
  return (
    <div class="research-page people-page">
      <h1>People</h1>
      <p class="muted">Signers, “Classified by” names, participants, drafters and clearers, normalised into people (titles taken off, initials matched).</p>
      <form
        class="filters"
        role="search"
        aria-label="Filter people"
        onSubmit={(e) => {
          e.preventDefault()
          navigate(hrefFor(['people'], { name: draft.trim(), limit: limit > LIMIT_STEP ? limit : undefined }), true)
        }}
      >
        <label>
          Name <input type="search" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {error && <Failure error={error} />}
      {!people && !error && <p aria-busy="true">Loading people…</p>}
      {people && (
        <>
          <p role="status" data-testid="people-count">
            {shown.length.toLocaleString('en-US')} {shown.length === 1 ? 'person' : 'people'}
            {needle ? ` matching “${name.trim()}”` : ''} among the {people.length.toLocaleString('en-US')} with the most cables
          </p>
          <table class="data people">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Cables</th>
                <th scope="col">Roles</th>
                <th scope="col">Titles</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.key}>
                  <th scope="row">
                    <a href={hrefFor(['people', p.key])}>{p.name}</a>
                  </th>
                  <td>{p.cables.length.toLocaleString('en-US')}</td>
                  <td>{p.roles.join(', ')}</td>
                  <td>{p.titles.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {people.length >= limit && (
            <button type="button" onClick={() => navigate(hrefFor(['people'], { name: name.trim(), limit: limit + LIMIT_STEP }), true)}>
              Show more people
            </button>
          )}
        </>
      )}
    </div>
  )
}

/**
 * One person (`#/people/QUINT%20P`, read from `GET /api/people/{key}`): the names and titles written, roles, and
 * the cables he touches — each with its date, classification, subject and what the cable calls him, linked to
 * the cable view.
 */
export function PersonPage({ personKey, params }: { personKey: string; params: URLSearchParams }) {
  const page = Math.max(1, Number(params.get('page')) || 1)
  const [person, setPerson] = useState<Person | null | undefined>(undefined)
  const [hits, setHits] = useState<Map<string, SearchHit> | null>(null)
  const [error, setError] = useState<Error | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    setPerson(undefined)
    setError(null)
    getPerson(personKey, abort.signal).then(
      (p) => !abort.signal.aborted && setPerson(p),
      (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))),
    )
    return () => abort.abort()
  }, [personKey])

  const keys = person ? person.cables.slice((page - 1) * CABLES_PER_PAGE, page * CABLES_PER_PAGE) : []
  useEffect(() => {
    if (keys.length === 0) return
    const abort = new AbortController()
    setHits(null)
    // the page's cables in one search by id, for their date, classification and subject
    search({ q: idsQuery(keys), sort: 'date', offset: 0, limit: keys.length }, abort.signal).then(
      (a) => setHits(new Map(a.hits.map((h) => [h.key, h]))),
      (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))),
    )
    return () => abort.abort()
  }, [JSON.stringify(keys)])

  // his names, titles and roles come from all his cables: the banner covers them all (unknown if one is not found)
  useScopeOnScreen(person ? idsQuery(person.cables) : null, person?.cables.length ?? 0)

  if (error) return <Failure error={error} />
  if (person === undefined) return <p aria-busy="true">Loading {personKey}…</p>
  if (person === null)
    return (
      <div class="research-page">
        <p class="error" role="alert">
          No person {personKey} in the cables you may read.
        </p>
        <p>
          <a href={hrefFor(['people'])}>All people</a>
        </p>
      </div>
    )
  const pages = Math.ceil(person.cables.length / CABLES_PER_PAGE)
  const written = [...new Set(person.mentions.map((m) => m.written))].sort()
  return (
    <article class="research-page person-page" aria-labelledby="person-h">
      <p>
        <a href={hrefFor(['people'])}>← All people</a>
      </p>
      <h1 id="person-h">{person.name}</h1>
      <dl class="facts">
        <dt>Cables</dt>
        <dd data-testid="person-cable-count">{person.cables.length.toLocaleString('en-US')}</dd>
        <dt>Roles</dt>
        <dd>{person.roles.join(', ')}</dd>
        {person.titles.length > 0 && (
          <>
            <dt>Titles</dt>
            <dd>{person.titles.join(', ')}</dd>
          </>
        )}
        {hits && (
          <>
            <dt>Written as</dt>
            <dd>{written.join(' · ')}</dd>
          </>
        )}
      </dl>
      <h2>Cables</h2>
      {!hits && <p aria-busy="true">Loading the cables…</p>}
      {hits && (
        <table class="data person-cables">
          <thead>
            <tr>
              <th scope="col">Cable</th>
              <th scope="col">Date</th>
              <th scope="col">Classification</th>
              <th scope="col">Subject</th>
              <th scope="col">As</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const h = hits.get(k)
              const mentions = person.mentions.filter((m) => m.cable === k)
              return (
                <tr key={k}>
                  <th scope="row">
                    <a href={hrefFor(['cable', h?.id ?? k])}>{h?.id ?? k}</a>
                  </th>
                  <td>{h?.date?.slice(0, 10) ?? ''}</td>
                  <td>{h && <span class={`class-tag tone-${toneOf(readClassification(h.classification)?.level ?? null)}`}>{h.classification ?? 'UNMARKED'}</span>}</td>
                  <td>{h?.subject ?? ''}</td>
                  <td>{mentions.map((m) => `${m.role}: ${m.written}`).join('; ')}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label="Pages of cables">
          <button type="button" disabled={page <= 1} onClick={() => navigate(hrefFor(['people', person.key], { page: page - 1 }))}>
            ← Previous
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => navigate(hrefFor(['people', person.key], { page: page + 1 }))}>
            Next →
          </button>
        </nav>
      )}
    </article>
  )
}
