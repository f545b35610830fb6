import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { entryHash, GENESIS_HASH, verifyChain, type ChainedFields } from '../../src/store/audit-chain.js'
import { runPgMigrations } from '../../src/store/postgres/migrations.js'
import { PG_MESSAGING_MIGRATIONS } from '../../src/store/postgres/messaging-migrations.js'
import { MESSAGING_MIGRATIONS } from '../../src/store/sqlite/messaging-migrations.js'
import { runMigrations } from '../../src/store/sqlite/migrations.js'
import { usePostgres } from '../support/postgres.js'

// Migration 006 turned an existing audit log into a hash chain. A database that upgrades across it must come
// out with every old entry chained exactly as the application chains new ones (src/store/audit-chain.ts):
// the SQLite step computes the hashes in JavaScript, the PostgreSQL step in PL/pgSQL with to_json, so both
// are checked against entryHash on entries whose text JSON escapes (quotes, backslashes, control characters,
// non-ASCII, astral characters) and whose optional fields are null.

const BEFORE_006 = (id: string) => /^messaging-00[1-5]-/.test(id)

/** Old entries as a release before 006 wrote them: awkward text in every text field, nulls in the optional ones. */
const OLD: Omit<ChainedFields, 'id' | 'prevHash'>[] = [
  { at: 1_700_000_000_000, actor: 'root', action: 'user', outcome: 'ok', cableId: null, draftId: null, post: 'SECSTATE WASHDC', detail: 'dora: reader SBU' },
  { at: 1_700_000_000_001, actor: 'dana', action: 'draft', outcome: 'ok', cableId: null, draftId: 7, post: 'SECSTATE WASHDC', detail: 'quote " backslash \\ tab \t newline \n end' },
  { at: 1_700_000_000_002, actor: 'o\'brien', action: 'release', outcome: 'ok', cableId: '26STATE1', draftId: 7, post: null, detail: 'Ümlaut café — “curly” ✓ 𝄞 emoji 🛰' },
  { at: 1_700_000_000_003, actor: 'dora', action: 'read', outcome: 'denied', cableId: '26STATE1', draftId: null, post: 'AMEMBASSY DUSHANBE', detail: 'control \u0001 and DEL \u007f and </script>' },
  { at: 1_700_000_000_004, actor: 'ivan', action: 'search', outcome: 'refused', cableId: null, draftId: null, post: null, detail: '' },
]

function expectedChain(): (ChainedFields & { hash: string })[] {
  let prev = GENESIS_HASH
  return OLD.map((e, i) => {
    const fields = { ...e, id: i + 1, prevHash: prev }
    const hash = entryHash(fields)
    prev = hash
    return { ...fields, hash }
  })
}

describe('audit chain backfill by migration 006 (sqlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-backfill-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('should chain the entries already in the log exactly as the application chains new ones', () => {
    const db = new Database(join(dir, 'old.db'))
    try {
      runMigrations(db, MESSAGING_MIGRATIONS.filter((m) => BEFORE_006(m.id)))
      const insert = db.prepare('INSERT INTO msg_audit (at, actor, action, outcome, cable_id, draft_id, post, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      for (const e of OLD) insert.run(e.at, e.actor, e.action, e.outcome, e.cableId, e.draftId, e.post, e.detail)
      runMigrations(db, MESSAGING_MIGRATIONS)
      const rows = db.prepare('SELECT id, at, actor, action, outcome, cable_id AS cableId, draft_id AS draftId, post, detail, prev_hash AS prevHash, hash FROM msg_audit ORDER BY id').all() as (ChainedFields & { hash: string })[]
      expect(rows).toEqual(expectedChain())
      const head = db.prepare('SELECT entries, hash FROM msg_audit_head').get() as { entries: number; hash: string }
      expect(verifyChain(rows, { entries: head.entries, head: head.hash }).broken).toBeNull()
      expect(head).toEqual({ entries: OLD.length, hash: expectedChain().at(-1)!.hash })
    } finally {
      db.close()
    }
  })
})

const pgTest = await usePostgres('audit-backfill')

describe.skipIf(!pgTest.available)('audit chain backfill by migration 006 (postgres)', () => {
  it('should chain the entries already in the log exactly as the application chains new ones', async () => {
    const pool = new pg.Pool({ connectionString: pgTest.url(), max: 2 })
    try {
      await runPgMigrations(pool, PG_MESSAGING_MIGRATIONS.filter((m) => BEFORE_006(m.id)))
      expect(PG_MESSAGING_MIGRATIONS.filter((m) => BEFORE_006(m.id)).length).toBeGreaterThanOrEqual(5)
      for (const e of OLD) {
        await pool.query('INSERT INTO msg_audit (at, actor, action, outcome, cable_id, draft_id, post, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          e.at,
          e.actor,
          e.action,
          e.outcome,
          e.cableId,
          e.draftId,
          e.post,
          e.detail,
        ])
      }
      await runPgMigrations(pool, PG_MESSAGING_MIGRATIONS)
      const { rows } = await pool.query<ChainedFields & { hash: string }>(
        'SELECT id::int AS id, at::float8 AS at, actor, action, outcome, cable_id AS "cableId", draft_id AS "draftId", post, detail, prev_hash AS "prevHash", hash FROM msg_audit ORDER BY id',
      )
      expect(rows).toEqual(expectedChain())
      const head = (await pool.query<{ entries: string; hash: string }>('SELECT entries, hash FROM msg_audit_head')).rows[0]
      expect(verifyChain(rows, { entries: Number(head.entries), head: head.hash }).broken).toBeNull()
      expect({ entries: Number(head.entries), hash: head.hash }).toEqual({ entries: OLD.length, hash: expectedChain().at(-1)!.hash })
    } finally {
      await pool.end()
    }
  })
})
