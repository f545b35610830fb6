import type pg from 'pg'
import type { Access, PortionRecord } from '../store.js'
import { caveatMask } from '../caveat-mask.js'
import { enforceablePortion, PORTION_SETTING, readableSql, readerDateSql, shownDateSourceSql, shownOriginSql, shownValueSql, shownValuesSql, somePortionSql as somePortionOf, wholeSql } from '../portion-access.js'
import { binaryArray, PG_OID } from './pg-binary.js'
import { portionVector } from './pg-tsvector.js'

/**
 * Portion-level access in the PostgreSQL engine (docs/search.md), the counterpart of
 * `sqlite/sqlite-portions.ts`: the setting (`archive_settings`), the stored portions (`cable_portions`, their
 * words in a tsvector under a GIN index), and the SQL that lets a reader below a cable's level match words
 * only in the portions he may read. The rule itself is engine-neutral: `../portion-access.ts`.
 */

export { readableSql, shownValueSql, shownValuesSql, wholeSql }

/** A pool or a client: what runs one statement. */
type Queryable = Pick<pg.ClientBase, 'query'>

/** Whether the archive has portion-level access on. */
export async function portionsEnabled(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM archive_settings WHERE name = $1', [PORTION_SETTING])
  return rows[0]?.value === 'on'
}

/** Records the setting (inside the caller's transaction). */
export async function setPortionSetting(db: Queryable, on: boolean): Promise<void> {
  await db.query('INSERT INTO archive_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [PORTION_SETTING, on ? 'on' : 'off'])
}

/** Drops every portion of the given cables (all cables when `ids` is null). */
export async function dropPortions(db: Queryable, ids: string[] | null): Promise<void> {
  if (ids === null) await db.query('TRUNCATE cable_portions')
  else if (ids.length) await db.query('DELETE FROM cable_portions WHERE cable = ANY($1::bigint[])', [ids])
}

/**
 * Stores the readable portions of cables that have none stored (one statement for the batch), with their
 * word vectors, and raises `fts_meta.max_bucket` when a portion needs it. A portion naming a caveat the engine
 * has no bit for is not stored: it could not be enforced, so it is read with the whole cable or not at all
 * (fail closed), as in the SQLite engine.
 */
export async function putPortions(db: Queryable, rows: { id: string; portions: readonly PortionRecord[] }[]): Promise<void> {
  const cable: string[] = []
  const kind: string[] = []
  const level: number[] = []
  const mask: number[] = []
  const text: string[] = []
  const vectors: Buffer[] = []
  let maxBucket = 0
  for (const { id, portions } of rows) {
    for (const p of portions) {
      if (!enforceablePortion(p)) continue
      const v = portionVector(p.kind, p.text)
      cable.push(id)
      kind.push(p.kind)
      level.push(p.level)
      mask.push(caveatMask(p.caveats))
      text.push(p.text)
      vectors.push(v.fts)
      maxBucket = Math.max(maxBucket, v.maxBucket)
    }
  }
  if (cable.length === 0) return
  await db.query(
    `INSERT INTO cable_portions (cable, kind, level, caveat_mask, text, fts)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::smallint[], $4::int[], $5::text[], $6::tsvector[])`,
    [cable, kind, level, mask, text, binaryArray(PG_OID.tsvector, vectors)],
  )
  if (maxBucket > 0) await db.query('UPDATE fts_meta SET max_bucket = greatest(max_bucket, $1)', [maxBucket])
}

/** Cable `c` has at least one portion the reader may read (of `kind` when given). */
export function somePortionSql(access: Access, kind?: 'subject'): string {
  return somePortionOf(access, 'c.id', kind)
}

/** The date a portion reader sees for cable `c` (`readerDateSql`), for his filters, facets, histogram and order. */
export function readerDate(access: Access): string {
  return `(${readerDateSql(access, 'c.id')})`
}

/** The `DateSourceRecord` JSON of the date cable `c` shows a reader who may read it in part (NULL for none). */
export function shownDateSource(access: Access): string {
  return shownDateSourceSql(access, 'c.id')
}

/** The origin (FM line) cable `c` shows a reader who may read it in part (NULL for none). */
export function shownOrigin(access: Access): string {
  return shownOriginSql(access, 'c.id')
}
