import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../api.js'
import { parseText, type ParsedParagraph } from '../archive-api.js'
import { CableText } from '../archive/cable-text.js'
import { useOnScreen } from '../banner.js'
import { acknowledge, getInbox, readCable, type InboxItem, type ReadCable } from '../desk-api.js'

/** Reading a delivered cable (the read is audited by the server) and acknowledging it for the post. */
export function ReadPage({ id }: { id: string }) {
  const [cable, setCable] = useState<ReadCable | null>(null)
  const [item, setItem] = useState<InboxItem | null>(null)
  const [paragraphs, setParagraphs] = useState<ParsedParagraph[]>([])
  const [error, setError] = useState<string | null>(null)
  const load = () => getInbox().then((all) => setItem(all.find((i) => i.cableId === id) ?? null), () => {})
  useEffect(() => {
    const abort = new AbortController()
    readCable(id, abort.signal).then(
      (c) => {
        setCable(c)
        parseText(c.text, abort.signal).then((p) => setParagraphs(p.fields.paragraphs ?? []), () => {})
      },
      (e: unknown) => !abort.signal.aborted && setError(e instanceof ApiError && e.status === 404 ? `No cable ${id} for your post.` : e instanceof Error ? e.message : String(e)),
    )
    void load()
    return () => abort.abort()
  }, [id])
  useOnScreen(cable ? [cable.classification] : [])
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    )
  if (!cable) return <p aria-busy="true">Loading {id}…</p>
  return (
    <article aria-labelledby="read-h">
      <div class="cable-actions">
        <button type="button" onClick={() => history.back()}>
          ← Back
        </button>
        <h1 id="read-h">
          {cable.cableId} <span class="muted">{cable.precedence}</span>
        </h1>
        {item && !item.acknowledgedAt && (
          <button
            type="button"
            class="primary"
            onClick={async () => {
              try {
                await acknowledge(id)
                await load()
              } catch (e) {
                setError(e instanceof Error ? e.message : String(e))
              }
            }}
          >
            Acknowledge
          </button>
        )}
        {item?.acknowledgedAt && (
          <span role="status">
            Acknowledged by {item.acknowledgedBy} at {new Date(item.acknowledgedAt).toISOString().slice(0, 16).replace('T', ' ')}Z
          </span>
        )}
      </div>
      <p class="cable-subject">{cable.subject}</p>
      <CableText text={cable.text} hits={[]} current={0} paragraphs={paragraphs} findings={[]} />
    </article>
  )
}
