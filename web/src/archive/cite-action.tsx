import { useState } from 'preact/hooks'
import { saveSnapshot } from '../research-api.js'
import { hrefFor } from '../router.js'

interface Props {
  /** The effective query of the result on screen (typed query with filters and date range). */
  query: string
  /** Id of the snapshot already saved of this result (from the URL), if any. */
  saved: string | null
  /** Called with the new snapshot's id, to put it in the URL. */
  onSaved: (id: string) => void
}

/**
 * "Cite this result": saves a snapshot of the whole result set on the server and shows its short id, with a
 * link to the snapshot page that verifies it. A read-only server refuses (403) and says why; that is shown.
 */
export function CiteAction({ query, saved, onSaved }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const cite = () => {
    setBusy(true)
    setError(null)
    saveSnapshot(query)
      .then(
        (s) => onSaved(s.id),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      )
      .finally(() => setBusy(false))
  }
  return (
    <span class="cite">
      {saved ? (
        <span role="status" data-testid="snapshot-saved">
          Snapshot <code data-testid="snapshot-short-id">{saved}</code> —{' '}
          <a href={hrefFor(['snapshot', saved])}>show and verify</a>
        </span>
      ) : (
        <button type="button" onClick={cite} disabled={busy} aria-describedby={error ? 'cite-error' : undefined}>
          {busy ? 'Saving snapshot…' : 'Cite this result'}
        </button>
      )}
      {error && (
        <span class="error" id="cite-error" role="alert" data-testid="cite-error">
          {error}
        </span>
      )}
    </span>
  )
}
