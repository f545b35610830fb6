import { useEffect, useState } from 'preact/hooks'
import { useOnScreen } from '../banner.js'
import { getInbox, type InboxItem } from '../desk-api.js'
import { hrefFor } from '../router.js'

/**
 * Minutes within which each precedence is to be handled (delivery objectives of the precedence table,
 * data/precedence.tsv: FLASH 10 min, IMMEDIATE 30 min, PRIORITY 3 h, ROUTINE 6 h; NIACT at once, day or night).
 */
const DUE_MINUTES: Record<string, number> = { FLASH: 10, 'NIACT IMMEDIATE': 30, IMMEDIATE: 30, PRIORITY: 180, ROUTINE: 360 }

/**
 * The post's inbox as the server orders it (precedence, then time), kept live by Server-Sent Events: the
 * server pushes the whole inbox whenever it changes, so a delivery appears without reloading.
 */
export function InboxPage() {
  const [items, setItems] = useState<InboxItem[] | null>(null)
  const [live, setLive] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const abort = new AbortController()
    getInbox(abort.signal).then(setItems, (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e.message : String(e)))
    const events = new EventSource('/api/events')
    events.addEventListener('open', () => setLive(true))
    events.addEventListener('error', () => setLive(false))
    events.addEventListener('inbox', (e) => setItems(JSON.parse((e as MessageEvent<string>).data) as InboxItem[]))
    events.addEventListener('end', () => {
      setLive(false)
      events.close()
    })
    return () => {
      abort.abort()
      events.close()
    }
  }, [])
  // the banner is the highest classification among the listed cables
  useOnScreen(items ? items.map((i) => i.classification) : [])
  return (
    <section aria-labelledby="inbox-h">
      <h1 id="inbox-h">
        Inbox{' '}
        <span class={live ? 'live on' : 'live'} role="status" data-testid="live">
          {live ? 'live' : 'connecting…'}
        </span>
      </h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p class="muted">Nothing delivered to your post.</p>}
      {items && items.length > 0 && (
        <table class="inbox">
          <thead>
            <tr>
              <th scope="col">Precedence</th>
              <th scope="col">Cable</th>
              <th scope="col">Class</th>
              <th scope="col">Subject</th>
              <th scope="col">As</th>
              <th scope="col">Delivered</th>
              <th scope="col">Due</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => {
              const due = i.deliveredAt + (DUE_MINUTES[i.precedence] ?? 360) * 60_000
              const urgent = i.precedence === 'FLASH' || i.precedence === 'NIACT IMMEDIATE'
              return (
                <tr key={i.cableId} class={`${urgent ? 'urgent' : ''} ${i.acknowledgedAt ? 'acked' : 'unacked'}`} data-testid="inbox-row">
                  <td>
                    <span class={`prec prec-${i.precedence.replace(/\s+/g, '-').toLowerCase()}`}>{i.precedence}</span>
                  </td>
                  <td>
                    <a href={hrefFor(['desk', 'read', i.cableId])}>{i.cableId}</a>
                  </td>
                  <td data-testid="inbox-class">{i.classification}</td>
                  <td>{i.subject}</td>
                  <td>{i.role}</td>
                  <td>{new Date(i.deliveredAt).toISOString().slice(0, 16).replace('T', ' ')}Z</td>
                  <td class={!i.acknowledgedAt && Date.now() > due ? 'overdue' : ''}>{new Date(due).toISOString().slice(11, 16)}Z</td>
                  <td>{i.acknowledgedAt ? `acknowledged by ${i.acknowledgedBy}` : 'unacknowledged'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
