import type Database from 'better-sqlite3'
import type { Access, CableRecord, UpsertOutcome } from '../store.js'
import { accessCondition } from './sqlite-access.js'
import type { Draft, DraftFields, DraftState, NewDraft, ReleasedCableHead, ReleasedCableRow } from '../messaging-types.js'
import { writeCable } from './sqlite-writer.js'

interface DraftRow {
  id: number
  origin_post: string
  drafter: string
  fields: string
  clearers: string
  state: DraftState
  corrects: string | null
  cable_id: string | null
  created_at: number
  updated_at: number
}

/** SQL for drafts, clearances, approvals, MRN/MCN counters and released cables. */
export class MessagingWorkflowSql {
  constructor(private readonly db: Database.Database) {}

  insertDraft(d: NewDraft): number {
    const r = this.db
      .prepare(
        `INSERT INTO msg_draft (origin_post, drafter, fields, clearers, state, corrects, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)`,
      )
      .run(d.originPost, d.drafter, JSON.stringify(d.fields), JSON.stringify(d.clearers), d.corrects, d.at, d.at)
    return Number(r.lastInsertRowid)
  }

  /** Replaces a draft's fields and clearers; earlier clearances no longer apply to the new text. */
  updateDraft(id: number, fields: DraftFields, clearers: string[], at: number): void {
    this.db.prepare('UPDATE msg_draft SET fields = ?, clearers = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(fields), JSON.stringify(clearers), at, id)
    this.db.prepare('DELETE FROM msg_clearance WHERE draft_id = ?').run(id)
  }

  draft(id: number): Draft | null {
    const row = this.db.prepare('SELECT * FROM msg_draft WHERE id = ?').get(id) as DraftRow | undefined
    if (!row) return null
    const cleared = this.db.prepare('SELECT clearer FROM msg_clearance WHERE draft_id = ? ORDER BY at, clearer').all(id) as { clearer: string }[]
    const approval = this.db.prepare('SELECT approver FROM msg_approval WHERE draft_id = ?').get(id) as { approver: string } | undefined
    return {
      id: row.id,
      originPost: row.origin_post,
      drafter: row.drafter,
      fields: JSON.parse(row.fields) as DraftFields,
      clearers: JSON.parse(row.clearers) as string[],
      cleared: cleared.map((c) => c.clearer),
      approvedBy: approval?.approver ?? null,
      state: row.state,
      corrects: row.corrects,
      cableId: row.cable_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  /** SQLite's write lock (the caller's IMMEDIATE transaction) already holds every row: a plain read. */
  lockDraft(id: number): Draft | null {
    return this.draft(id)
  }

  draftIds(filter: { state?: DraftState; originPost?: string }): number[] {
    const where: string[] = []
    const args: unknown[] = []
    if (filter.state) (where.push('state = ?'), args.push(filter.state))
    if (filter.originPost) (where.push('origin_post = ?'), args.push(filter.originPost))
    const sql = 'SELECT id FROM msg_draft' + (where.length ? ' WHERE ' + where.join(' AND ') : '') + ' ORDER BY id'
    return (this.db.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id)
  }

  recordClearance(draftId: number, clearer: string, at: number): void {
    this.db.prepare('INSERT OR IGNORE INTO msg_clearance (draft_id, clearer, at) VALUES (?, ?, ?)').run(draftId, clearer, at)
  }

  recordApproval(draftId: number, approver: string, at: number): void {
    this.db.prepare('INSERT INTO msg_approval (draft_id, approver, at) VALUES (?, ?, ?)').run(draftId, approver, at)
    this.db.prepare("UPDATE msg_draft SET state = 'approved', updated_at = ? WHERE id = ?").run(at, draftId)
  }

  /** Takes the next serial for an origin and year. Call inside an IMMEDIATE transaction: that is what makes it gap-free. */
  nextSerial(origin: string, year: number): number {
    const row = this.db
      .prepare(
        `INSERT INTO msg_mrn_counter (origin, year, last_serial) VALUES (?, ?, 1)
         ON CONFLICT(origin, year) DO UPDATE SET last_serial = last_serial + 1 RETURNING last_serial`,
      )
      .get(origin, year) as { last_serial: number }
    return row.last_serial
  }

  /** The serial the next release from an origin would take this year (for previews; takes nothing). */
  peekSerial(origin: string, year: number): number {
    const row = this.db.prepare('SELECT last_serial FROM msg_mrn_counter WHERE origin = ? AND year = ?').get(origin, year) as { last_serial: number } | undefined
    return (row?.last_serial ?? 0) + 1
  }

  /** Next message continuity number from one post to another (spec §4.1), 1…9999 then wrapping. */
  nextMcn(originPost: string, post: string): number {
    const row = this.db
      .prepare(
        `INSERT INTO msg_mcn_counter (origin_post, post, last_mcn) VALUES (?, ?, 1)
         ON CONFLICT(origin_post, post) DO UPDATE SET last_mcn = (last_mcn % 9999) + 1 RETURNING last_mcn`,
      )
      .get(originPost, post) as { last_mcn: number }
    return row.last_mcn
  }

  insertCable(c: ReleasedCableRow): void {
    this.db
      .prepare(
        `INSERT INTO msg_cable (id, draft_id, origin, year, serial, origin_post, precedence, level, caveats, subject, tags, captions,
           dtg, text, json, corrects, released_by, released_at)
         VALUES (@id, @draftId, @origin, @year, @serial, @originPost, @precedence, @level, @caveats, @subject, @tags, @captions,
           @dtg, @text, @json, @corrects, @releasedBy, @releasedAt)`,
      )
      .run({ ...c, caveats: c.caveats.join(','), tags: c.tags.join(','), captions: c.captions.join(',') })
    this.db.prepare("UPDATE msg_draft SET state = 'released', cable_id = ?, updated_at = ? WHERE id = ?").run(c.id, c.releasedAt, c.draftId)
  }

  /** The archive row of a released cable, written by the archive engine's writer in the caller's transaction. */
  archiveCable(record: CableRecord): UpsertOutcome {
    const outcome: UpsertOutcome = { inserted: 0, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 0, sourcesAdded: 0, releasedKept: 0 }
    writeCable(this.db, record, outcome)
    return outcome
  }

  cable(id: string): ReleasedCableRow | null {
    const row = this.db.prepare('SELECT * FROM msg_cable WHERE id = ?').get(id) as Record<string, unknown> | undefined
    return row ? toCable(row) : null
  }

  /** What access checks and listings need of a cable, without its text. */
  cableHead(id: string): ReleasedCableHead | null {
    const r = this.db.prepare('SELECT id, origin_post, level, caveats, subject, tags, captions FROM msg_cable WHERE id = ?').get(id) as Record<string, unknown> | undefined
    if (!r) return null
    return { id: r.id as string, originPost: r.origin_post as string, level: r.level as number, caveats: list(r.caveats), subject: r.subject as string, tags: list(r.tags), captions: list(r.captions) }
  }

  cables(): ReleasedCableRow[] {
    return (this.db.prepare('SELECT * FROM msg_cable ORDER BY released_at, id').all() as Record<string, unknown>[]).map(toCable)
  }

  serials(origin: string, year: number): number[] {
    return (this.db.prepare('SELECT serial FROM msg_cable WHERE origin = ? AND year = ? ORDER BY serial').all(origin, year) as { serial: number }[]).map(
      (r) => r.serial,
    )
  }

  setPrincipals(cableId: string, users: string[]): void {
    const insert = this.db.prepare('INSERT INTO msg_principal (cable_id, user_name) VALUES (?, ?)')
    for (const u of new Set(users)) insert.run(cableId, u)
  }

  principals(cableId: string): string[] {
    return this.db.prepare('SELECT user_name FROM msg_principal WHERE cable_id = ? ORDER BY user_name').pluck().all(cableId) as string[]
  }

  archiveHas(key: string): boolean {
    return this.db.prepare('SELECT 1 FROM cables WHERE key = ?').get(key) !== undefined
  }

  readable(ids: string[], access: Access): Set<string> {
    const params: unknown[] = []
    const where = accessCondition(access, params)
    const stmt = this.db.prepare(`SELECT 1 FROM cables c WHERE c.key = ? AND ${where}`)
    return new Set([...new Set(ids)].filter((id) => stmt.get(id, ...params) !== undefined))
  }
}

const list = (v: unknown): string[] => (typeof v === 'string' && v ? v.split(',') : [])

function toCable(r: Record<string, unknown>): ReleasedCableRow {
  return {
    id: r.id as string,
    draftId: r.draft_id as number,
    origin: r.origin as string,
    year: r.year as number,
    serial: r.serial as number,
    originPost: r.origin_post as string,
    precedence: r.precedence as string,
    level: r.level as number,
    caveats: list(r.caveats),
    subject: r.subject as string,
    tags: list(r.tags),
    captions: list(r.captions),
    dtg: r.dtg as string,
    text: r.text as string,
    json: r.json as string,
    corrects: (r.corrects as string | null) ?? null,
    releasedBy: r.released_by as string,
    releasedAt: r.released_at as number,
  }
}
