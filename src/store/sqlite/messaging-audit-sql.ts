import type Database from 'better-sqlite3'
import type { AuditEntry, AuditFilter } from '../messaging-types.js'

/** SQL for the append-only audit log (triggers refuse UPDATE and DELETE). */
export class MessagingAuditSql {
  constructor(private readonly db: Database.Database) {}

  append(e: Omit<AuditEntry, 'id'>): void {
    this.db
      .prepare('INSERT INTO msg_audit (at, actor, action, outcome, cable_id, draft_id, post, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.outcome, e.cableId, e.draftId, e.post, e.detail)
  }

  query(f: AuditFilter): AuditEntry[] {
    const where: string[] = []
    const args: unknown[] = []
    const add = (sql: string, v: unknown) => (where.push(sql), args.push(v))
    if (f.actor) add('actor = ?', f.actor)
    if (f.action) add('action = ?', f.action)
    if (f.outcome) add('outcome = ?', f.outcome)
    if (f.cableId) add('cable_id = ?', f.cableId)
    if (f.since !== undefined) add('at >= ?', f.since)
    const sql =
      `SELECT id, at, actor, action, outcome, cable_id AS cableId, draft_id AS draftId, post, detail FROM msg_audit` +
      (where.length ? ' WHERE ' + where.join(' AND ') : '') +
      ' ORDER BY id' +
      (f.limit ? ` LIMIT ${Math.max(1, Math.floor(f.limit))}` : '')
    return this.db.prepare(sql).all(...args) as AuditEntry[]
  }
}
