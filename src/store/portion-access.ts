import { ALL_CAVEATS_MASK, caveatMask, isKnownCaveat } from './caveat-mask.js'
import type { Access, PortionRecord } from './store.js'

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
export type PortionsOf = (cable: { key: string; level: number; caveats: string[]; text: string; versions?: string[] }) => PortionRecord[]

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
