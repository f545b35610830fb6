import type Database from 'better-sqlite3'
import type { DeliveryRow, InboxRow, NewDelivery } from '../messaging-types.js'

const DELIVERY_COLUMNS = `id, cable_id AS cableId, post, role, precedence, rank, queued_at AS queuedAt, lease_owner AS leaseOwner,
  lease_until AS leaseUntil, attempts, delivered_at AS deliveredAt`
const INBOX_COLUMNS = `delivery_id AS deliveryId, post, cable_id AS cableId, role, precedence, rank, delivered_at AS deliveredAt,
  acknowledged_by AS acknowledgedBy, acknowledged_at AS acknowledgedAt`

/** SQL for the delivery queue and the per-post inboxes. */
export class MessagingDeliverySql {
  constructor(private readonly db: Database.Database) {}

  enqueue(deliveries: NewDelivery[]): void {
    const insert = this.db.prepare('INSERT INTO msg_delivery (cable_id, post, role, precedence, rank, queued_at) VALUES (?, ?, ?, ?, ?, ?)')
    for (const d of deliveries) insert.run(d.cableId, d.post, d.role, d.precedence, d.rank, d.queuedAt)
  }

  /**
   * Leases up to `limit` pending deliveries, highest precedence first, then oldest. An item whose lease
   * ran out (its worker died) is claimable again. Call inside an IMMEDIATE transaction so two workers
   * never lease the same item.
   */
  claim(owner: string, now: number, leaseMs: number, limit: number): DeliveryRow[] {
    const rows = this.db
      .prepare(
        `SELECT ${DELIVERY_COLUMNS} FROM msg_delivery INDEXED BY msg_delivery_queue
         WHERE delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY rank, queued_at, id LIMIT ?`,
      )
      .all(now, limit) as DeliveryRow[]
    const lease = this.db.prepare('UPDATE msg_delivery SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE id = ?')
    for (const r of rows) lease.run(owner, now + leaseMs, r.id)
    return rows.map((r) => ({ ...r, leaseOwner: owner, leaseUntil: now + leaseMs, attempts: r.attempts + 1 }))
  }

  /** Rank of the most urgent item nobody holds a live lease on; null when there is none. */
  mostUrgentClaimable(now: number): number | null {
    const row = this.db
      .prepare(
        `SELECT rank FROM msg_delivery INDEXED BY msg_delivery_queue
         WHERE delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= ?) ORDER BY rank, queued_at, id LIMIT 1`,
      )
      .get(now) as { rank: number } | undefined
    return row?.rank ?? null
  }

  /** Hands leased, undelivered items back to the queue. */
  releaseLeases(owner: string, ids: number[]): void {
    const stmt = this.db.prepare('UPDATE msg_delivery SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND delivered_at IS NULL')
    for (const id of ids) stmt.run(id, owner)
  }

  /**
   * Puts a delivery in its post's inbox and marks it done. The inbox is keyed by delivery id, so a
   * retry after a crash inserts nothing: returns false when the item was already delivered.
   */
  deliver(id: number, now: number): boolean {
    const inserted = this.db
      .prepare(
        `INSERT OR IGNORE INTO msg_inbox (delivery_id, post, cable_id, role, precedence, rank, delivered_at)
         SELECT id, post, cable_id, role, precedence, rank, ? FROM msg_delivery WHERE id = ?`,
      )
      .run(now, id).changes
    this.db.prepare('UPDATE msg_delivery SET delivered_at = coalesce(delivered_at, ?), lease_until = NULL WHERE id = ?').run(now, id)
    return inserted === 1
  }

  delivery(id: number): DeliveryRow | null {
    return (this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM msg_delivery WHERE id = ?`).get(id) as DeliveryRow | undefined) ?? null
  }

  deliveriesOf(cableId: string): DeliveryRow[] {
    return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM msg_delivery WHERE cable_id = ? ORDER BY post`).all(cableId) as DeliveryRow[]
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM msg_delivery WHERE delivered_at IS NULL').get() as { n: number }).n
  }

  pendingByPrecedence(): { precedence: string; count: number }[] {
    return this.db
      .prepare('SELECT precedence, count(*) AS count FROM msg_delivery WHERE delivered_at IS NULL GROUP BY rank, precedence ORDER BY rank')
      .all() as { precedence: string; count: number }[]
  }

  inbox(post: string): InboxRow[] {
    return this.db.prepare(`SELECT ${INBOX_COLUMNS} FROM msg_inbox WHERE post = ? ORDER BY rank, delivered_at, delivery_id`).all(post) as InboxRow[]
  }

  inboxEntry(post: string, cableId: string): InboxRow | null {
    return (this.db.prepare(`SELECT ${INBOX_COLUMNS} FROM msg_inbox WHERE post = ? AND cable_id = ?`).get(post, cableId) as InboxRow | undefined) ?? null
  }

  inboxCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM msg_inbox').get() as { n: number }).n
  }

  /** Without a server to notify it, a SQLite worker polls: it sleeps `ms`, or less when `signal` aborts. */
  waitForWork(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal?.addEventListener('abort', done, { once: true })
    })
  }

  acknowledge(post: string, cableId: string, user: string, now: number): boolean {
    return (
      this.db
        .prepare('UPDATE msg_inbox SET acknowledged_by = ?, acknowledged_at = ? WHERE post = ? AND cable_id = ? AND acknowledged_at IS NULL')
        .run(user, now, post, cableId).changes === 1
    )
  }
}
