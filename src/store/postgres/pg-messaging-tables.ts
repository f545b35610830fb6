import type pg from 'pg'
import { MESSAGING_TABLES, tableSpec, type ColumnSpec, type MessagingTables, type NeutralRow, type NeutralValue, type TableSpec } from '../messaging-tables.js'
import { messagingPool } from './messaging-migrations.js'
import { acquirePool, inTransaction, releasePool } from './pool.js'

/** A column's PostgreSQL value as the neutral value: bigint strings become numbers. */
function fromPg(c: ColumnSpec, v: unknown): NeutralValue {
  if (v === null || v === undefined) return null
  if (c.kind === 'int') return Number(v)
  return v as NeutralValue
}

/** A neutral value as a query parameter (jsonb travels as its JSON text). */
function toPg(c: ColumnSpec, v: NeutralValue): unknown {
  if (v === null) return null
  return c.kind === 'json' ? JSON.stringify(v) : v
}

const CAST: Record<ColumnSpec['kind'], string> = { text: 'text', int: 'bigint', bool: 'boolean', list: 'text[]', json: 'jsonb' }
const q = (name: string) => `"${name}"`
/** A key column in ORDER BY and comparisons: text bytewise, as SQLite orders it. */
const keyExpr = (spec: TableSpec, k: string) => (spec.columns.find((c) => c.name === k)?.kind === 'text' ? `${q(k)} COLLATE "C"` : q(k))

/** The messaging tables of a PostgreSQL database as neutral rows (`MessagingTables`), for `cable copy`. */
export class PgMessagingTables implements MessagingTables {
  readonly engine = 'postgres'

  private constructor(private readonly pool: pg.Pool) {}

  /** Opens the database at `location` with the archive's and messaging schema applied. */
  static async open(location: string): Promise<PgMessagingTables> {
    return new PgMessagingTables(await messagingPool(location))
  }

  private select(spec: TableSpec): string {
    return `SELECT ${spec.columns.map((c) => q(c.name)).join(', ')} FROM ${q(spec.name)}`
  }

  private rows(spec: TableSpec, result: pg.QueryResult<unknown[]>): NeutralRow[] {
    return result.rows.map((r) => spec.columns.map((c, n) => fromPg(c, r[n])))
  }

  private cast(spec: TableSpec, k: string): string {
    return CAST[spec.columns.find((c) => c.name === k)?.kind ?? 'text']
  }

  async count(table: string): Promise<number> {
    return Number((await this.pool.query(`SELECT count(*) AS n FROM ${q(tableSpec(table).name)}`)).rows[0].n)
  }

  async page(table: string, after: readonly NeutralValue[] | null, limit: number): Promise<NeutralRow[]> {
    const spec = tableSpec(table)
    if (!spec.key.length) {
      const order = spec.columns.map((c) => (c.kind === 'text' ? `${q(c.name)} COLLATE "C"` : q(c.name))).join(', ')
      return this.rows(spec, await this.pool.query({ text: `${this.select(spec)} ORDER BY ${order}`, rowMode: 'array' }))
    }
    const keys = spec.key.map((k) => keyExpr(spec, k)).join(', ')
    const where = after ? ` WHERE (${keys}) > (${spec.key.map((k, n) => `$${n + 1}::${this.cast(spec, k)}`).join(', ')})` : ''
    const params = [...(after ?? []), Math.max(1, Math.floor(limit))]
    return this.rows(spec, await this.pool.query({ text: `${this.select(spec)}${where} ORDER BY ${keys} LIMIT $${params.length}`, values: params, rowMode: 'array' }))
  }

  async lookup(table: string, keys: readonly (readonly NeutralValue[])[]): Promise<NeutralRow[]> {
    const spec = tableSpec(table)
    const out: NeutralRow[] = []
    for (let n = 0; n < keys.length; n += 1000) {
      const chunk = keys.slice(n, n + 1000)
      let p = 0
      const tuples = chunk.map(() => `(${spec.key.map((k) => `$${++p}::${this.cast(spec, k)}`).join(', ')})`)
      const sql = `${this.select(spec)} WHERE (${spec.key.map(q).join(', ')}) IN (VALUES ${tuples.join(', ')})`
      out.push(...this.rows(spec, await this.pool.query({ text: sql, values: chunk.flat(), rowMode: 'array' })))
    }
    return out
  }

  async insertAbsent(table: string, rows: readonly NeutralRow[]): Promise<number> {
    const spec = tableSpec(table)
    const columns = spec.columns.map((c) => q(c.name)).join(', ')
    // one array parameter per column, unnested: a short statement whatever the batch (a list travels as a
    // JSON array, since an array of text arrays would unnest into single strings)
    const select = spec.columns
      .map((c, n) => (c.kind === 'list' ? `CASE WHEN u.c${n} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(u.c${n})) END` : `u.c${n}`))
      .join(', ')
    const arrays = spec.columns.map((c) => `${c.kind === 'list' ? 'jsonb' : CAST[c.kind]}[]`)
    const from = `unnest(${arrays.map((a, n) => `$${n + 1}::${a}`).join(', ')}) AS u(${spec.columns.map((_, n) => `c${n}`).join(', ')})`
    // no keys to compare: the copy writes such a table whole, into an empty one
    const onConflict = spec.key.length ? ` ON CONFLICT (${spec.key.map(q).join(', ')}) DO NOTHING` : ''
    const values = spec.columns.map((c, n) => rows.map((row) => (c.kind === 'list' && row[n] !== null ? JSON.stringify(row[n]) : toPg(c, row[n]))))
    return inTransaction(this.pool, async (client) => {
      const r = await client.query(`INSERT INTO ${q(spec.name)} (${columns}) SELECT ${select} FROM ${from}${onConflict}`, values)
      const inserted = r.rowCount ?? 0
      if (spec.identity) {
        const id = q(spec.identity)
        await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max(${id}) AS m FROM ${q(spec.name)}) s WHERE m IS NOT NULL`, [spec.name, spec.identity])
      }
      if (spec.name === 'msg_audit') {
        await client.query(
          `INSERT INTO msg_audit_head (one, entries, hash) SELECT true, id, hash FROM msg_audit ORDER BY id DESC LIMIT 1
           ON CONFLICT (one) DO UPDATE SET entries = excluded.entries, hash = excluded.hash`,
        )
      }
      return inserted
    })
  }

  async auditHead(): Promise<{ entries: number; hash: string } | null> {
    const row = (await this.pool.query('SELECT entries, hash FROM msg_audit_head')).rows[0]
    return row ? { entries: Number(row.entries), hash: row.hash } : null
  }

  async close(): Promise<void> {
    await releasePool(this.pool)
  }
}

/**
 * How many rows the messaging tables of the PostgreSQL database at `location` hold in all; 0 when it has
 * none. Changes nothing: a plain archive gets no messaging tables from asking.
 */
export async function pgMessagingRows(location: string): Promise<number> {
  const pool = acquirePool(location)
  try {
    let n = 0
    for (const spec of MESSAGING_TABLES) {
      const { rows } = await pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [spec.name])
      if (rows[0]?.t) n += Number((await pool.query(`SELECT count(*) AS n FROM ${q(spec.name)}`)).rows[0].n)
    }
    return n
  } finally {
    await releasePool(pool)
  }
}
