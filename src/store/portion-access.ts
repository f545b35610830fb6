import { ALL_CAVEATS_MASK, caveatMask, isKnownCaveat } from './caveat-mask.js'
import type { Access, DateSourceRecord, PortionRecord, PortionSource } from './store.js'

/**
 * The engine-neutral part of portion-level access (docs/search.md): the setting's name, which portions may be
 * stored, and the SQL conditions both engines share (`cables c`, `cable_portions p` with `level` and
 * `caveat_mask` columns). The engines (`sqlite/sqlite-portions.ts`, `postgres/pg-portions.ts`) keep only
 * what differs: how portions are stored and indexed, and the column naming a cable's row.
 */

/**
 * The readable portions of a stored cable for portion-level access, given its shown text, the level and caveats it is
 * filed under and, for a cable with several texts, the texts of its other versions (`storedPortions` in
 * src/archive/redact.ts). The store computes none itself: the service layer registers this once
 * (`registerPortionsOf`), and an engine writing a cable with several texts asks it.
 */
export type PortionsOf = (cable: PortionSource) => PortionRecord[]

let registered: PortionsOf | null = null

/** Registers how the service layer cuts a stored cable into portions (called when src/archive/redact.ts loads). */
export function registerPortionsOf(portionsOf: PortionsOf): void {
  registered = portionsOf
}

/**
 * The portions of a cable with several texts: none when no service layer registered how to cut them (it is then
 * read whole or not at all, fail closed).
 */
export function versionPortions(cable: Parameters<PortionsOf>[0]): PortionRecord[] {
  return registered ? registered(cable) : []
}

/** Name of the setting in `archive_settings`. */
export const PORTION_SETTING = 'portion-access'

/**
 * Whether a portion can be stored for portion-level access. A portion naming a caveat the engine has no bit
 * for, or with a level that is not a rank, could not be enforced: it is not stored, so it is read with the
 * whole cable or not at all (fail closed).
 */
export function enforceablePortion(p: PortionRecord): boolean {
  return p.caveats.every(isKnownCaveat) && Number.isInteger(p.level)
}

/** Level and lacked-caveat mask of a reader as SQL literals: integers computed here, never user text. */
function literals(access: Access): { level: number; lacked: number } {
  const level = Math.trunc(access.level)
  if (!Number.isFinite(level)) throw new RangeError(`clearance rank ${access.level} is not a number`)
  return { level, lacked: ALL_CAVEATS_MASK & ~caveatMask(access.caveats) }
}

/** The reader may read cable `c` whole (the whole-cable rule on the archive row). */
export function wholeSql(access: Access): string {
  const { level, lacked } = literals(access)
  return `(c.level <= ${level} AND (c.caveat_mask & ${lacked}) = 0)`
}

/** Condition on `cable_portions p`: the reader may read portion `p`. */
export function readableSql(access: Access): string {
  const { level, lacked } = literals(access)
  return `p.level <= ${level} AND (p.caveat_mask & ${lacked}) = 0`
}

/**
 * Cable `c` has at least one portion the reader may read (of `kind` when given); `cableRow` is the engine's
 * column of `c` that `cable_portions.cable` refers to.
 *
 * @example
 *   somePortionSql(access, 'c.id', 'subject') // PostgreSQL; SQLite passes 'c.rowid'
 */
export function somePortionSql(access: Access, cableRow: 'c.id' | 'c.rowid', kind?: 'subject'): string {
  return `EXISTS (SELECT 1 FROM cable_portions p WHERE p.cable = ${cableRow} AND ${readableSql(access)}${kind ? ` AND p.kind = '${kind}'` : ''})`
}

/** A portion kind that holds one shown field value (see `PortionRecord`), never full-text indexed. */
export type FieldKind = 'tag' | 'caption' | 'date' | 'date-source' | 'origin'

/** Whether a stored portion is a shown field value rather than text. */
export function isFieldPortion(p: Pick<PortionRecord, 'kind'>): boolean {
  return p.kind === 'tag' || p.kind === 'caption' || p.kind === 'date' || p.kind === 'date-source' || p.kind === 'origin'
}

/**
 * The date of cable `c` as the reader sees it, an SQL expression over `c`: its own date when he may read it whole,
 * else the date its redacted rendering gives him (the `date` value stored with a demand he meets; NULL when it gives
 * none, or none is stored). `date:`, the year facet, the histogram and date order read this for a portion reader.
 */
export function readerDateSql(access: Access, cableRow: 'c.id' | 'c.rowid'): string {
  // PostgreSQL compares dates byte-wise, as its `cables.date` column (COLLATE "C"); SQLite always does
  const text = cableRow === 'c.id' ? 'p.text COLLATE "C"' : 'p.text'
  return `CASE WHEN ${wholeSql(access)} THEN c.date ELSE (SELECT ${text} FROM cable_portions p WHERE p.cable = ${cableRow} AND p.kind = 'date' AND ${readableSql(access)} LIMIT 1) END`
}

/** SELECT of the `date-source` JSON cable `c` shows a reader who may read it in part (one row or none). */
export function shownDateSourceSql(access: Access, cableRow: 'c.id' | 'c.rowid'): string {
  return `(SELECT p.text FROM cable_portions p WHERE p.cable = ${cableRow} AND p.kind = 'date-source' AND ${readableSql(access)} LIMIT 1)`
}

/**
 * Cable `c` shows the reader a `kind` value meeting `cond` (a condition on `p.text`) in a rendering he may read:
 * one of its stored field values with a demand he meets. For a reader who may read the cable in part, the only
 * values of that field that exist (docs/search.md, "Portion-level access").
 */
export function shownValueSql(access: Access, cableRow: 'c.id' | 'c.rowid', kind: FieldKind, cond: string): string {
  return `${cableRow} IN (SELECT p.cable FROM cable_portions p WHERE p.kind = '${kind}' AND ${cond} AND ${readableSql(access)})`
}

/** SELECT of the distinct `kind` values cable `c` shows the reader (column `v`), for its facets and hit fields. */
export function shownValuesSql(access: Access, cableRow: 'c.id' | 'c.rowid', kind: FieldKind): string {
  return `SELECT DISTINCT p.text AS v FROM cable_portions p WHERE p.cable = ${cableRow} AND p.kind = '${kind}' AND ${readableSql(access)}`
}

/**
 * A portion reader's `DateSourceRecord` for a cable read in part, from its stored `date-source` JSON: null when he
 * is shown no date, `unknown` when none is stored beside it.
 */
export function shownSourceOf(date: string | null, json: string | null): DateSourceRecord | null {
  if (date === null) return null
  const unknown: DateSourceRecord = { basis: 'unknown', precision: null, from: [] }
  if (json === null) return unknown
  const s = JSON.parse(json) as DateSourceRecord
  return { basis: s.basis, precision: s.precision, from: s.from }
}

/** SELECT of the origin cable `c` shows a reader who may read it in part (one row or none): its FM line as his rendering gives it. */
export function shownOriginSql(access: Access, cableRow: 'c.id' | 'c.rowid'): string {
  return `(SELECT p.text FROM cable_portions p WHERE p.cable = ${cableRow} AND p.kind = 'origin' AND ${readableSql(access)} LIMIT 1)`
}
