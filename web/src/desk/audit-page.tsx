import { useEffect, useState } from 'preact/hooks'
import { getAudit, type AuditEntry } from '../desk-api.js'
import { hrefFor, navigate } from '../router.js'

/** The audit log for administrators, filtered by actor, action and outcome, or bulk-read alerts only. */
export function AuditPage({ params }: { params: URLSearchParams }) {
  const filter = { actor: params.get('actor') ?? '', action: params.get('action') ?? '', outcome: params.get('outcome') ?? '', alerts: params.get('alerts') === '1' }
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [draft, setDraft] = useState(filter)
  useEffect(() => {
    const abort = new AbortController()
    getAudit({ actor: filter.actor || undefined, action: filter.action || undefined, outcome: filter.outcome || undefined, alerts: filter.alerts }, abort.signal).then(setEntries, (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e.message : String(e)))
    return () => abort.abort()
  }, [params.toString()])
  return (
    <section aria-labelledby="audit-h">
      <h1 id="audit-h">Audit log</h1>
      <form
        class="audit-filter"
        onSubmit={(e) => {
          e.preventDefault()
          navigate(hrefFor(['desk', 'audit'], { actor: draft.actor, action: draft.action, outcome: draft.outcome, alerts: draft.alerts ? 1 : undefined }))
        }}
      >
        <label>
          Actor <input value={draft.actor} onInput={(e) => setDraft({ ...draft, actor: e.currentTarget.value })} />
        </label>
        <label>
          Action <input value={draft.action} onInput={(e) => setDraft({ ...draft, action: e.currentTarget.value })} />
        </label>
        <label>
          Outcome{' '}
          <select value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.currentTarget.value })}>
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="denied">denied</option>
            <option value="refused">refused</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={draft.alerts} onChange={(e) => setDraft({ ...draft, alerts: e.currentTarget.checked })} /> bulk-read alerts only
        </label>
        <button type="submit">Filter</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {entries && (
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Cable / draft</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} class={`outcome-${e.outcome}`}>
                <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.outcome}</td>
                <td>{e.cableId ?? (e.draftId ? `draft ${e.draftId}` : '')}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
