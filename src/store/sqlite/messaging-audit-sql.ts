import type Database from 'better-sqlite3'
import { CHAIN_MIGRATION, entryHash, GENESIS_HASH, refuseHeadless, type RecordedHead } from '../audit-chain.js'
import type { ChainedEntry } from '../messaging-store.js'
import type { AuditEntry, AuditFilter } from '../messaging-types.js'

/** SQL for the append-only, hash-chained audit log (triggers refuse UPDATE, DELETE and REPLACE). */
export class MessagingAuditSql {
  constructor(private readonly db: Database.Database) {}

  append(e: Omit<AuditEntry, 'id'>): void {
    const write = () => {
      // inside the write lock: the head read here is the one the new entry links to
      const head = this.db.prepare('SELECT entries, hash FROM msg_audit_head WHERE one = 1').get() as { entries: number; hash: string } | undefined
      if (!head) refuseHeadless(this.db.prepare('SELECT count(*) FROM msg_audit').pluck().get() as number)
      const id = (head?.entries ?? 0) + 1
      const prevHash = head?.hash ?? GENESIS_HASH
      const hash = entryHash({ id, ...e, prevHash })
      this.db
        .prepare('INSERT INTO msg_audit (id, at, actor, action, outcome, cable_id, draft_id, post, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, e.at, e.actor, e.action, e.outcome, e.cableId, e.draftId, e.post, e.detail, prevHash, hash)
      this.db.prepare('INSERT INTO msg_audit_head (one, entries, hash) VALUES (1, ?, ?) ON CONFLICT (one) DO UPDATE SET entries = excluded.entries, hash = excluded.hash').run(id, hash)
    }
    if (this.db.inTransaction) write()
    else this.db.transaction(write).immediate()
  }

  chain(): { entries: ChainedEntry[]; recorded: RecordedHead } {
    const entries = this.db
      .prepare('SELECT id, at, actor, action, outcome, cable_id AS cableId, draft_id AS draftId, post, detail, prev_hash AS prevHash, hash FROM msg_audit ORDER BY id')
      .all() as ChainedEntry[]
    // a store whose ledger records the chain's migration keeps a head: a missing row (or table) is tampering
    const keepsHead = this.db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').get(CHAIN_MIGRATION) !== undefined
    const hasTable = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'msg_audit_head'").get() !== undefined
    const head = hasTable ? (this.db.prepare('SELECT entries, hash AS head FROM msg_audit_head WHERE one = 1').get() as { entries: number; head: string } | undefined) : undefined
    return { entries, recorded: head ?? (keepsHead ? 'missing' : null) }
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
