import Database from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import { keyIndexes, MESSAGING_TABLES, tableSpec, type ColumnSpec, type MessagingTables, type NeutralRow, type NeutralValue, type TableSpec } from '../messaging-tables.js'
import { openMessagingDatabase } from './messaging-database.js'

/** A column's SQLite value as the neutral value (src/store/messaging-tables.ts). */
function fromSqlite(c: ColumnSpec, v: unknown): NeutralValue {
  if (v === null || v === undefined) return null
  switch (c.kind) {
    case 'bool':
      return v === 1 || v === true
    case 'list':
      return typeof v === 'string' && v !== '' ? v.split(',') : []
    case 'json':
      return JSON.parse(String(v)) as NeutralValue
    case 'int':
      return Number(v)
    default:
      return v as string
  }
}

/** A neutral value as SQLite stores it: 0/1, comma lists, JSON text. */
function toSqlite(c: ColumnSpec, v: NeutralValue): unknown {
  if (v === null) return null
  switch (c.kind) {
    case 'bool':
      return v ? 1 : 0
    case 'list':
      return (v as string[]).join(',')
    case 'json':
      return JSON.stringify(v)
    default:
      return v
  }
}

const q = (name: string) => `"${name}"`

/** The messaging tables of a SQLite file as neutral rows (`MessagingTables`), for `cable copy`. */
export class SqliteMessagingTables implements MessagingTables {
  readonly engine = 'sqlite'

  private constructor(private readonly db: Database.Database) {}

  /** Opens the SQLite file at `path` with the archive's and messaging migrations applied (creating it when needed). */
  static open(path: string): SqliteMessagingTables {
    return new SqliteMessagingTables(openMessagingDatabase(path).db)
  }

  private row(spec: TableSpec, r: unknown[]): NeutralRow {
    return spec.columns.map((c, n) => fromSqlite(c, r[n]))
  }

  private select(spec: TableSpec): string {
    return `SELECT ${spec.columns.map((c) => q(c.name)).join(', ')} FROM ${q(spec.name)}`
  }

  async count(table: string): Promise<number> {
    return this.db.prepare(`SELECT count(*) FROM ${q(tableSpec(table).name)}`).pluck().get() as number
  }

  async page(table: string, after: readonly NeutralValue[] | null, limit: number): Promise<NeutralRow[]> {
    const spec = tableSpec(table)
    if (!spec.key.length) {
      const all = this.db.prepare(`${this.select(spec)} ORDER BY ${spec.columns.map((c) => q(c.name)).join(', ')}`).raw().all() as unknown[][]
      return all.map((r) => this.row(spec, r))
    }
    const keys = spec.key.map(q).join(', ')
    const where = after ? ` WHERE (${keys}) > (${spec.key.map(() => '?').join(', ')})` : ''
    const rows = this.db
      .prepare(`${this.select(spec)}${where} ORDER BY ${keys} LIMIT ?`)
      .raw()
      .all(...(after ?? []), Math.max(1, Math.floor(limit))) as unknown[][]
    return rows.map((r) => this.row(spec, r))
  }

  async lookup(table: string, keys: readonly (readonly NeutralValue[])[]): Promise<NeutralRow[]> {
    const spec = tableSpec(table)
    const out: NeutralRow[] = []
    const width = spec.key.length
    for (let n = 0; n < keys.length; n += 400) {
      const chunk = keys.slice(n, n + 400)
      const tuple = width === 1 ? '?' : `(${spec.key.map(() => '?').join(', ')})`
      const list = width === 1 ? chunk.map(() => tuple).join(', ') : `VALUES ${chunk.map(() => tuple).join(', ')}`
      const sql = `${this.select(spec)} WHERE (${spec.key.map(q).join(', ')}) IN (${list})`
      const rows = this.db.prepare(sql).raw().all(...chunk.flat()) as unknown[][]
      out.push(...rows.map((r) => this.row(spec, r)))
    }
    return out
  }

  async insertAbsent(table: string, rows: readonly NeutralRow[]): Promise<number> {
    const spec = tableSpec(table)
    const columns = spec.columns.map((c) => q(c.name)).join(', ')
    const values = spec.columns.map(() => '?').join(', ')
    const keyAt = keyIndexes(spec)
    // a guarded INSERT … SELECT: the triggers that refuse a REPLACE over a released cable or an audit entry fire
    // only for rows actually inserted
    const insert = spec.key.length
      ? this.db.prepare(`INSERT INTO ${q(spec.name)} (${columns}) SELECT ${values} WHERE NOT EXISTS (SELECT 1 FROM ${q(spec.name)} WHERE ${spec.key.map((k) => `${q(k)} = ?`).join(' AND ')})`)
      : this.db.prepare(`INSERT INTO ${q(spec.name)} (${columns}) VALUES (${values})`)
    const write = () => {
      let inserted = 0
      for (const row of rows) {
        const args = spec.columns.map((c, n) => toSqlite(c, row[n]))
        inserted += insert.run(...args, ...keyAt.map((n) => args[n])).changes
      }
      if (spec.name === 'msg_audit') {
        this.db
          .prepare(
            `INSERT INTO msg_audit_head (one, entries, hash) SELECT 1, id, hash FROM msg_audit WHERE true ORDER BY id DESC LIMIT 1
             ON CONFLICT (one) DO UPDATE SET entries = excluded.entries, hash = excluded.hash`,
          )
          .run()
      }
      return inserted
    }
    return this.db.transaction(write).immediate()
  }

  async auditHead(): Promise<{ entries: number; hash: string } | null> {
    return (this.db.prepare('SELECT entries, hash FROM msg_audit_head WHERE one = 1').get() as { entries: number; hash: string } | undefined) ?? null
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}

/**
 * How many rows the messaging tables of the SQLite file at `path` hold in all; 0 for a file without them
 * (or none at all). Opened read-only: asking changes nothing.
 */
export function sqliteMessagingRows(path: string): number {
  if (path === ':memory:' || !existsSync(path) || statSync(path).size === 0) return 0
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]))
    let n = 0
    for (const spec of MESSAGING_TABLES) if (present.has(spec.name)) n += db.prepare(`SELECT count(*) FROM ${q(spec.name)}`).pluck().get() as number
    return n
  } finally {
    db.close()
  }
}
