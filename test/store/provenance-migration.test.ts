/**
 * The migration that adds date provenance and reference kinds (SQLite `archive-007`, PostgreSQL
 * `archive-004`) on an archive written before it: rows get `unknown` (never `read`), the precision only where
 * the written date shows it, references with a cited id `cable`; importing the same text again fills in the
 * parser's values. Both engines; PostgreSQL skipped outside CI when no server is reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/store/open-store.js'
import type { CableRecord } from '../../src/store/store.js'
import { freshDatabase, usePostgres, type TestDatabase } from '../support/postgres.js'
import { makeRecord } from './make-record.js'

const server = await usePostgres('provenance-migration')
const root = mkdtempSync(join(tmpdir(), 'cablegram-provenance-'))
const databases: TestDatabase[] = []
afterAll(async () => {
  rmSync(root, { recursive: true, force: true })
  for (const d of databases) await d.drop()
})

function records(): CableRecord[] {
  return [
    makeRecord({ key: '00HARARE1', date: '2000-09', dateSource: { basis: 'inferred', precision: 'month', from: ['decl-month', 'id'] }, references: [
      { letter: 'A', id: '00STATE5', text: 'STATE 5', kind: 'cable' },
      { letter: 'B', id: null, text: 'EMBASSY MEMO OF 3 MAY', kind: 'memo' },
    ] }),
    makeRecord({ key: '75KINSHASA2', date: '1975-03-18T00:00:00Z', dateSource: { basis: 'container', precision: 'day', from: ['csv:date'] } }),
    makeRecord({ key: '09HARARE3', date: '2009-09-24T19:36:00Z', dateSource: { basis: 'read', precision: 'minute', from: ['dtg'] } }),
    makeRecord({ key: '09HARARE4', date: null, dateSource: null }),
  ]
}

interface Engine {
  name: string
  skip: boolean
  location(): Promise<string>
  /** Puts the archive back as it was before the step: columns gone, step not recorded. */
  revert(location: string): Promise<void>
}

const engines: Engine[] = [
  {
    name: 'sqlite',
    skip: false,
    location: async () => join(root, 'old.db'),
    async revert(location) {
      const db = new Database(location)
      db.exec(`
        ALTER TABLE cables DROP COLUMN date_basis;
        ALTER TABLE cables DROP COLUMN date_precision;
        ALTER TABLE cables DROP COLUMN date_from;
        ALTER TABLE cable_refs DROP COLUMN kind;
        DELETE FROM schema_migrations WHERE id = 'archive-007';
      `)
      db.close()
    },
  },
  {
    name: 'postgres',
    skip: !server.available,
    async location() {
      const db = await freshDatabase('provenance migration')
      databases.push(db)
      return db.url
    },
    async revert(location) {
      const client = new pg.Client({ connectionString: location })
      await client.connect()
      try {
        await client.query(`
          ALTER TABLE cables DROP COLUMN date_basis, DROP COLUMN date_precision, DROP COLUMN date_from;
          ALTER TABLE cable_refs DROP COLUMN kind;
          DELETE FROM schema_migrations WHERE id = 'archive-004';
        `)
      } finally {
        await client.end()
      }
    },
  },
]

describe.each(engines)('date provenance and reference kinds on an older archive ($name)', (engine) => {
  it.skipIf(engine.skip)('should mark stored rows unknown, never read, and take the parser values when the same texts come again', async () => {
    const location = await engine.location()
    const first = openStore(location)
    await first.upsertCables(records())
    await first.close()
    await engine.revert(location)

    const store = openStore(location)
    try {
      expect((await store.getCable('00HARARE1'))?.dateSource).toEqual({ basis: 'unknown', precision: 'month', from: [] })
      // a midnight time may be a date known to the day only: precision unknown
      expect((await store.getCable('75KINSHASA2'))?.dateSource).toEqual({ basis: 'unknown', precision: null, from: [] })
      expect((await store.getCable('09HARARE3'))?.dateSource).toEqual({ basis: 'unknown', precision: 'minute', from: [] })
      expect((await store.getCable('09HARARE4'))?.dateSource).toBeNull()
      expect((await store.getCable('00HARARE1'))?.references.map((r) => [r.id, r.kind])).toEqual([['00STATE5', 'cable'], [null, 'unknown']])
      const hits = []
      for await (const h of store.search(null, { sort: 'date', limit: 10 })) hits.push(h)
      expect(hits.filter((h) => h.date !== null).every((h) => h.dateSource?.basis === 'unknown')).toBe(true)

      // the same texts imported again: unchanged, but their provenance is the parser's from now on
      const again = await store.upsertCables(records().map((r) => ({ ...r, source: { ...r.source, locator: `again/${r.source.locator}` } })))
      expect(again).toMatchObject({ inserted: 0, unchanged: 4, versionsAdded: 0 })
      for (const r of records()) expect((await store.getCable(r.key))?.dateSource).toEqual(r.dateSource)
      expect((await store.getCable('00HARARE1'))?.references.map((r) => [r.id, r.kind])).toEqual([['00STATE5', 'cable'], [null, 'memo']])
      expect((await store.getCable('00HARARE1'))?.sources).toHaveLength(2)
    } finally {
      await store.close()
    }
  })
})
