import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { LEFT_OUT_TABLES, MESSAGING_TABLES, TableDigest } from '../../src/store/messaging-tables.js'
import { openMessagingTables } from '../../src/store/open-store.js'
import { usePostgres } from '../support/postgres.js'

/**
 * The copy's table list (src/store/messaging-tables.ts) against the schema both engines create: a migration
 * that adds a messaging table or column without telling the copy would make `cable copy` drop it silently.
 */

const dir = mkdtempSync(join(tmpdir(), 'cablegram-msgtables-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const server = await usePostgres('copy11 msg tables')

/** What the copy accounts for: every copied table with its columns, the left-out ones, and the audit head it derives. */
function accounted(): Record<string, string[] | 'left out' | 'derived'> {
  const out: Record<string, string[] | 'left out' | 'derived'> = { msg_audit_head: 'derived' }
  for (const t of MESSAGING_TABLES) out[t.name] = t.columns.map((c) => c.name).sort()
  for (const t of Object.keys(LEFT_OUT_TABLES)) out[t] = 'left out'
  return out
}

function schemaAsAccounted(columns: { table: string; column: string }[]): Record<string, string[] | 'left out' | 'derived'> {
  const known = accounted()
  const out: Record<string, string[] | 'left out' | 'derived'> = {}
  const found = new Map<string, string[]>()
  for (const { table, column } of columns) found.set(table, [...(found.get(table) ?? []), column])
  for (const [table, names] of found) {
    const k = known[table]
    out[table] = typeof k === 'string' ? k : names.sort()
  }
  return out
}

describe('the messaging tables a copy carries', () => {
  it('should name every messaging table and column of the SQLite schema', async () => {
    const path = join(dir, 'm.db')
    await (await openMessagingTables(path)).close()
    const db = new Database(path, { readonly: true })
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'msg\\_%' ESCAPE '\\'").pluck().all() as string[]
      const columns = tables.flatMap((table) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((column) => ({ table, column })))
      expect(schemaAsAccounted(columns)).toEqual(accounted())
    } finally {
      db.close()
    }
  })

  it.skipIf(!server.available)('should name every messaging table and column of the PostgreSQL schema', async () => {
    await (await openMessagingTables(server.url())).close()
    const c = new pg.Client({ connectionString: server.url() })
    await c.connect()
    try {
      const { rows } = await c.query<{ table: string; column: string }>(
        "SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'msg\\_%'",
      )
      expect(schemaAsAccounted(rows)).toEqual(accounted())
    } finally {
      await c.end()
    }
  })

  it('should hash a table the same whatever the order of its rows, and count equal rows twice', () => {
    const [a, b, c] = [new TableDigest(), new TableDigest(), new TableDigest()]
    for (const r of [['k', 1], ['j', 2]]) a.add(r)
    for (const r of [['j', 2], ['k', 1]]) b.add(r)
    for (const r of [['j', 2], ['k', 1], ['k', 1], ['k', 1]]) c.add(r)
    expect(a.hex()).toBe(b.hex())
    expect(c.hex()).not.toBe(a.hex())
    // list and JSON values hash by content, whatever the key order of an object
    const [d, e] = [new TableDigest(), new TableDigest()]
    d.add([{ a: 1, b: [1, 2] }, ['PREL', 'ECON']])
    e.add([{ b: [1, 2], a: 1 }, ['PREL', 'ECON']])
    expect(d.hex()).toBe(e.hex())
  })
})
