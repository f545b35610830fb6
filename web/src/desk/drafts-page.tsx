import { useEffect, useState } from 'preact/hooks'
import { approveDraft, clearDraft, listDrafts, releaseDraft, type DraftSummary, type Release } from '../desk-api.js'
import { hrefFor } from '../router.js'
import { useSession } from '../session.js'

/**
 * Drafts the user may see, in three queues: waiting for the user's clearance, cleared and waiting for
 * approval, approved and waiting for release. The buttons call the workflow routes; the server decides who
 * may do what (a refusal is shown with its message). A release shows the MRN and DTG the server assigned.
 */
export function DraftsPage({ params: _params }: { params: URLSearchParams }) {
  const { session } = useSession()
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [released, setReleased] = useState<Release | null>(null)
  const load = () => listDrafts().then(setDrafts, (e: unknown) => setMessage({ text: e instanceof Error ? e.message : String(e), error: true }))
  useEffect(() => {
    void load()
  }, [])
  if (!session) return null
  const act = async (label: string, run: () => Promise<unknown>) => {
    setMessage(null)
    try {
      const r = await run()
      if (label === 'release') setReleased(r as Release)
      else setMessage({ text: `Draft ${label === 'clear' ? 'cleared' : 'approved'}.`, error: false })
      await load()
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true })
    }
  }
  const all = drafts ?? []
  const toClear = all.filter((d) => d.state === 'draft' && d.clearers.includes(session.user) && !d.cleared.includes(session.user))
  const toApprove = all.filter((d) => d.state === 'draft' && d.clearers.every((c) => d.cleared.includes(c)))
  const toRelease = all.filter((d) => d.state === 'approved')
  const mine = all.filter((d) => d.drafter === session.user && d.state !== 'released')
  const row = (d: DraftSummary, action?: { label: string; verb: 'clear' | 'approve' | 'release' }) => (
    <tr key={d.id}>
      <td>
        <a href={hrefFor(['desk', 'compose', String(d.id)])}>#{d.id}</a>
      </td>
      <td>{d.subject}</td>
      <td>{d.drafter}</td>
      <td>
        {d.cleared.length}/{d.clearers.length} cleared
      </td>
      <td>{d.state}</td>
      <td>
        {action && (
          <button type="button" aria-label={`${action.label} draft ${d.id}`} onClick={() => act(action.verb, () => (action.verb === 'clear' ? clearDraft(d.id) : action.verb === 'approve' ? approveDraft(d.id) : releaseDraft(d.id)))}>
            {action.label}
          </button>
        )}
      </td>
    </tr>
  )
  const table = (title: string, list: DraftSummary[], action?: { label: string; verb: 'clear' | 'approve' | 'release' }) => (
    <section aria-label={title}>
      <h2>
        {title} ({list.length})
      </h2>
      {list.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table class="drafts">
          <thead>
            <tr>
              <th scope="col">Draft</th>
              <th scope="col">Subject</th>
              <th scope="col">Drafter</th>
              <th scope="col">Clearance</th>
              <th scope="col">State</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>{list.map((d) => row(d, action))}</tbody>
        </table>
      )}
    </section>
  )
  return (
    <div class="drafts-page">
      <h1>Drafts and queues</h1>
      {message && (
        <p class={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {released && (
        <section class="released" role="status" aria-label="Released">
          <h2>Released {released.cableId}</h2>
          <dl class="cable-fields">
            <dt>MRN</dt>
            <dd data-testid="mrn">{released.mrn}</dd>
            <dt>DTG</dt>
            <dd data-testid="dtg">{released.dtg}</dd>
            <dt>Sections</dt>
            <dd>{released.sections}</dd>
            <dt>Deliveries</dt>
            <dd>{released.deliveries.map((d) => `${d.post} (${d.role}, ${d.precedence})`).join('; ')}</dd>
          </dl>
        </section>
      )}
      {table('Waiting for your clearance', toClear, { label: 'Clear', verb: 'clear' })}
      {session.roles.includes('approver') && table('Cleared, waiting for approval', toApprove, { label: 'Approve', verb: 'approve' })}
      {session.roles.some((r) => r === 'approver' || r === 'releaser') && table('Approved, waiting for release', toRelease, { label: 'Release', verb: 'release' })}
      {table('Your drafts', mine)}
    </div>
  )
}
