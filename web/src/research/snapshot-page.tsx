import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../api.js'
import { getSnapshot, verifySnapshot, type Snapshot, type SnapshotCheck } from '../research-api.js'
import { hrefFor } from '../router.js'
import { citation } from './citation.js'
import { useScopeOnScreen } from './scope.js'

/**
 * A saved query snapshot (`#/snapshot/cg-…`): its query, hashes, count and cables, and the server's check of
 * it against the archive now — identical, or the cables added, removed and whose text changed.
 */
export function SnapshotPage({ id }: { id: string }) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null)
  const [check, setCheck] = useState<SnapshotCheck | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const [checkError, setCheckError] = useState<Error | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    setSnapshot(null)
    setCheck(null)
    setError(null)
    setCheckError(null)
    const failed = (set: (e: Error) => void) => (e: unknown) => !abort.signal.aborted && set(e instanceof Error ? e : new Error(String(e)))
    getSnapshot(id, abort.signal).then(setSnapshot, failed(setError))
    verifySnapshot(id, abort.signal).then(setCheck, failed(setCheckError))
    return () => abort.abort()
  }, [id])

  // the cable ids listed are the snapshot query's result: the banner is that result's classification
  useScopeOnScreen(snapshot ? snapshot.query || '*' : null)

  if (error)
    return (
      <div class="research-page">
        <h1>Snapshot {id}</h1>
        <p class="error" role="alert">
          {error instanceof ApiError && error.status === 404 ? `No snapshot ${id} in this archive.` : error.message}
        </p>
      </div>
    )
  if (!snapshot) return <p aria-busy="true">Loading snapshot {id}…</p>
  const searchHref = hrefFor(['search'], { q: snapshot.query === '*' ? undefined : snapshot.query })
  return (
    <div class="research-page">
      <h1>
        Snapshot <code data-testid="snapshot-id">{snapshot.id}</code>
      </h1>
      <p class="citation">
        Cite as: <q>{citation(snapshot)}</q>
      </p>
      <dl class="facts">
        <dt>Query</dt>
        <dd>
          <code>{snapshot.query || '*'}</code> — <a href={searchHref}>run it now</a>
        </dd>
        <dt>Saved</dt>
        <dd>{snapshot.savedAt}</dd>
        <dt>Cables</dt>
        <dd>{snapshot.count.toLocaleString('en-US')}</dd>
        <dt>Result hash</dt>
        <dd>
          <code class="hash">{snapshot.resultHash}</code>
        </dd>
        <dt>Archive hash</dt>
        <dd>
          <code class="hash">{snapshot.archiveHash}</code> ({snapshot.archiveCables.toLocaleString('en-US')} cables)
        </dd>
      </dl>
      <section aria-labelledby="verify-h" class="verify">
        <h2 id="verify-h">Verification against this archive now</h2>
        {checkError && (
          <p class="error" role="alert">
            {checkError.message}
          </p>
        )}
        {!check && !checkError && <p aria-busy="true">Running the query again…</p>}
        {check && <Verification check={check} />}
      </section>
      <section aria-labelledby="cables-h">
        <h2 id="cables-h">Cables in the snapshot ({snapshot.cables.length.toLocaleString('en-US')})</h2>
        <ul class="id-list">
          {snapshot.cables.map((c) => (
            <li key={c.key}>
              <a href={hrefFor(['cable', c.key])}>{c.key}</a>
              {c.texts.length > 1 && <span class="muted small"> ({c.texts.length} versions)</span>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

function Verification({ check }: { check: SnapshotCheck }) {
  return (
    <>
      <p role="status" data-testid="verify-status" class={check.identical ? 'verdict same' : 'verdict different'}>
        {check.identical ? 'Identical' : 'Different'}: {check.count.toLocaleString('en-US')} cables now, {check.savedCount.toLocaleString('en-US')} when saved;{' '}
        {check.sameArchive ? 'archive unchanged' : 'archive changed'}.
      </p>
      <IdList title="Added" testId="verify-added" ids={check.added} />
      <IdList title="Removed" testId="verify-removed" ids={check.removed} link={false} />
      <IdList title="Text changed" testId="verify-changed" ids={check.changed} />
    </>
  )
}

function IdList({ title, ids, testId, link = true }: { title: string; ids: string[]; testId: string; link?: boolean }) {
  if (ids.length === 0) return null
  return (
    <div>
      <h3>
        {title} ({ids.length})
      </h3>
      <ul class="id-list" data-testid={testId}>
        {ids.map((k) => (
          <li key={k}>{link ? <a href={hrefFor(['cable', k])}>{k}</a> : <span>{k}</span>}</li>
        ))}
      </ul>
    </div>
  )
}
