import { useEffect, useState } from 'preact/hooks'
import { LEVEL_RANK, RESTRICTIVE_CAVEATS } from '../../../src/format/classification.js'
import { readClassification, toneOf } from '../classification.js'
import { getDiff, getRedaction, getRoute, getVersions, type CableRoute, type CableVersion, type Redaction, type VersionDiff } from '../research-api.js'
import { hrefFor, navigate } from '../router.js'
import { Failure, useLoad } from './load.js'

/** The research tabs of the cable view; `text` is the cable page's own. */
export type CableTab = 'versions' | 'route' | 'redact'

interface Props {
  id: string
  tab: CableTab
  params: URLSearchParams
  /** Reports the classifications this panel shows beyond the cable's own (its versions), for the banner. */
  onShown: (classifications: (string | null)[]) => void
}

/**
 * The research panels of a cable (a separate chunk): its versions with a word diff between any two, the
 * routing replay, and the releasable rendering for a chosen clearance. Each panel's choices are in the URL.
 */
export function CableResearch({ id, tab, params, onShown }: Props) {
  const go = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params)
    for (const [k, v] of Object.entries(next)) if (v === null) p.delete(k)
    else p.set(k, v)
    navigate(hrefFor(['cable', id], p), true)
  }
  if (tab === 'versions') return <VersionsPanel id={id} from={params.get('from')} to={params.get('to')} go={go} onShown={onShown} />
  if (tab === 'route') return <RoutePanel id={id} />
  return <RedactPanel id={id} spec={params.get('for') || 'UNCLASSIFIED'} go={go} />
}

function VersionsPanel({ id, from, to, go, onShown }: { id: string; from: string | null; to: string | null; go: (next: Record<string, string | null>) => void; onShown: Props['onShown'] }) {
  const versions = useLoad((s) => getVersions(id, s), [id])
  const list = versions.value
  useEffect(() => onShown(list ? list.map((v) => v.classification) : []), [list])
  const a = from ?? (list ? String(list[0].version) : null)
  const b = to ?? (list ? String(list[list.length - 1].version) : null)
  const diff = useLoad<VersionDiff | null>((s) => (list && list.length > 1 && a && b ? getDiff(id, Number(a), Number(b), s) : Promise.resolve(null)), [id, list, a, b])
  if (versions.error) return <Failure error={versions.error} />
  if (!list) return <p aria-busy="true">Loading versions…</p>
  return (
    <div class="versions">
      <h2>
        {list.length} version{list.length === 1 ? '' : 's'}
      </h2>
      <table class="data" data-testid="versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Classification</th>
            <th scope="col">Withheld passages</th>
            <th scope="col">Parse errors</th>
            <th scope="col">First seen</th>
            <th scope="col">Sources</th>
          </tr>
        </thead>
        <tbody>
          {list.map((v: CableVersion) => (
            <tr key={v.version}>
              <th scope="row">
                {v.version}
                {v.current && <span class="muted"> (shown)</span>}
              </th>
              <td>
                <span class={`class-tag tone-${toneOf(readClassification(v.classification)?.level ?? null)}`}>{v.classification ?? 'UNMARKED'}</span>
              </td>
              <td>{v.withheldRuns}</td>
              <td>{v.errorCount}</td>
              <td>{v.firstSeen.slice(0, 19).replace('T', ' ')}</td>
              <td>
                {v.sections
                  ? // a version made of the sections of a telegram sent in sections: each section with its sources
                    v.sections.map((x) => (
                      <div key={x.section} data-testid="version-section">
                        Section {x.section} of {x.of}:{' '}
                        {x.missing ? (
                          <span class="muted">not in the archive</span>
                        ) : (
                          x.sources.map((s) => (
                            <span key={s.locator}>
                              <code>{s.locator}</code> <span class="muted small">sha256 {x.textSha256.slice(0, 12)}…</span>{' '}
                            </span>
                          ))
                        )}
                      </div>
                    ))
                  : v.sources.map((s) => (
                      <div key={s.locator}>
                        <code>{s.locator}</code> <span class="muted small">sha256 {v.textSha256.slice(0, 12)}…</span>
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 1 ? (
        <p class="muted">One version: nothing to compare.</p>
      ) : (
        <section aria-labelledby="diff-h">
          <h2 id="diff-h">Word diff</h2>
          <div class="filters" role="group" aria-label="Versions to compare">
            <label>
              From version{' '}
              <select value={a ?? ''} onChange={(e) => go({ from: e.currentTarget.value })}>
                {list.map((v) => (
                  <option key={v.version} value={String(v.version)}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              to version{' '}
              <select value={b ?? ''} onChange={(e) => go({ to: e.currentTarget.value })}>
                {list.map((v) => (
                  <option key={v.version} value={String(v.version)}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {diff.error && <Failure error={diff.error} />}
          {!diff.value && !diff.error && <p aria-busy="true">Comparing…</p>}
          {diff.value && <DiffView diff={diff.value} />}
        </section>
      )}
    </div>
  )
}

function DiffView({ diff }: { diff: VersionDiff }) {
  return (
    <>
      <p role="status" data-testid="diff-summary">
        Version {diff.from} → version {diff.to}: {diff.removedWords} word{diff.removedWords === 1 ? '' : 's'} removed, {diff.addedWords} added
      </p>
      <pre class="diff cable-text" data-testid="diff">
        {diff.parts.map((p, i) =>
          p.kind === 'same' ? (
            <span key={i}>{p.text}</span>
          ) : p.kind === 'removed' ? (
            <del key={i} title="removed">
              {p.text}
            </del>
          ) : (
            <ins key={i} title="added">
              {p.text}
            </ins>
          ),
        )}
      </pre>
    </>
  )
}

function RoutePanel({ id }: { id: string }) {
  const route = useLoad<CableRoute>((s) => getRoute(id, s), [id])
  if (route.error) return <Failure error={route.error} />
  const r = route.value
  if (!r) return <p aria-busy="true">Replaying the routing…</p>
  return (
    <div class="route">
      <h2>
        {r.recipients.length} receiving post{r.recipients.length === 1 ? '' : 's'}
      </h2>
      <p class="muted">Directory: {r.directory}</p>
      {r.readInPart && (
        <p class="notice" data-testid="route-in-part">
          You may read this cable only in part: replayed from the lines you may read. Profile distribution and recorded deliveries are not shown; they depend on the whole cable.
        </p>
      )}
      {r.addresseesWithheld && (
        <p class="notice" data-testid="route-withheld">
          {r.addresseesWithheld}
        </p>
      )}
      {r.addresseesFromContainer && (
        <p class="notice" data-testid="route-from-container">
          {r.addresseesFromContainer}
        </p>
      )}
      {r.noRecipientsBecause && <p class="notice">{r.noRecipientsBecause}</p>}
      {r.recipients.length > 0 && (
        <table class="data" data-testid="route">
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Role</th>
              <th scope="col">Precedence</th>
              <th scope="col">Certainty</th>
              <th scope="col">Via</th>
            </tr>
          </thead>
          <tbody>
            {r.recipients.map((p) => (
              <tr key={p.post} class={`certainty-${p.certainty}`}>
                <th scope="row">
                  {p.post} {p.route && <span class="muted small">{p.route}</span>}
                </th>
                <td>{p.role}</td>
                <td>
                  {p.precedence} <span class="muted small">({p.precedenceFrom})</span>
                </td>
                <td>{p.certainty}</td>
                <td>{p.via.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.excluded.length > 0 && (
        <>
          <h3>Excluded by XMT</h3>
          <ul>
            {r.excluded.map((x) => (
              <li key={x.post + x.collective}>
                {x.post} <span class="muted">from {x.collective}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {r.unresolved.length > 0 && (
        <>
          <h3>Not in the directory</h3>
          <ul data-testid="route-unresolved">
            {r.unresolved.map((u, i) => (
              <li key={i}>
                {u.name} <span class="muted">({u.role})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {r.relays.length > 0 && (
        <>
          <h3>Relayed through (FL2 routing indicators; relays, not recipients)</h3>
          <ul data-testid="route-relays">
            {r.relays.map((x) => (
              <li key={x.route}>
                {x.route} {x.post && <span class="muted">({x.post})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.profile.length > 0 && (
        <>
          <h3>Reached by subscriptions (inferred, info)</h3>
          <ul>
            {r.profile.map((p) => (
              <li key={p.post}>
                {p.post} <span class="muted">for {p.matched.join(', ')}</span>
              </li>
            ))}
          </ul>
          {!r.profileNamed && <p class="muted">Subscription kinds only: users and their rules are shown to directory admins.</p>}
        </>
      )}
    </div>
  )
}

const LEVELS = Object.keys(LEVEL_RANK)

function RedactPanel({ id, spec, go }: { id: string; spec: string; go: (next: Record<string, string | null>) => void }) {
  const [level, ...caveats] = spec.split(',').map((s) => s.trim())
  const [draftLevel, setDraftLevel] = useState(level)
  const [draftCaveats, setDraftCaveats] = useState<string[]>(caveats)
  useEffect(() => {
    setDraftLevel(level)
    setDraftCaveats(caveats)
  }, [spec])
  const redaction = useLoad<Redaction>((s) => getRedaction(id, spec, s), [id, spec])
  const toggle = (c: string) => setDraftCaveats((list) => (list.includes(c) ? list.filter((x) => x !== c) : [...list, c]))
  return (
    <div class="redact">
      <form
        class="filters"
        aria-label="Reader's clearance"
        onSubmit={(e) => {
          e.preventDefault()
          go({ for: [draftLevel, ...draftCaveats].join(',') })
        }}
      >
        <label>
          Cleared for{' '}
          <select value={draftLevel} onChange={(e) => setDraftLevel(e.currentTarget.value)}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
            {!LEVELS.includes(level) && <option value={level}>{level}</option>}
          </select>
        </label>
        <fieldset class="inline">
          <legend>holding</legend>
          {RESTRICTIVE_CAVEATS.map((c) => (
            <label key={c} class="check">
              <input type="checkbox" checked={draftCaveats.includes(c)} onChange={() => toggle(c)} /> {c}
            </label>
          ))}
        </fieldset>
        <button type="submit">Render</button>
      </form>
      {redaction.error && <Failure error={redaction.error} />}
      {!redaction.value && !redaction.error && <p aria-busy="true">Rendering…</p>}
      {redaction.value && (
        <>
          <p role="status" data-testid="redact-summary">
            As a reader cleared for {redaction.value.reader} may see it: {redaction.value.withheld.length} portion{redaction.value.withheld.length === 1 ? '' : 's'} withheld.
          </p>
          {redaction.value.withheld.length > 0 && (
            <ul class="withheld" data-testid="withheld">
              {redaction.value.withheld.map((w, i) => (
                <li key={i}>
                  <strong>{w.portion}</strong> {w.mark && <code>{w.mark}</code>}: {w.reason}
                </li>
              ))}
            </ul>
          )}
          <pre class="cable-text releasable" data-testid="releasable">
            {redaction.value.text}
          </pre>
        </>
      )}
    </div>
  )
}
