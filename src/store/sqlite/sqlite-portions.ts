import type Database from 'better-sqlite3'
import type { Access, PortionRecord } from '../store.js'
import { caveatMask } from '../caveat-mask.js'
import { enforceablePortion, isFieldPortion, PORTION_SETTING, readerDateSql, shownDateSourceSql, shownOriginSql, readableSql, shownValueSql, shownValuesSql, somePortionSql as somePortionOf, wholeSql, type FieldKind } from '../portion-access.js'

/**
 * Portion-level access in the SQLite engine (docs/search.md): the setting, the stored portions
 * (`cable_portions`, indexed in `cable_portions_fts`), and the SQL that lets a reader below a cable's level
 * match words only in the portions he may read. The rule itself is engine-neutral: `../portion-access.ts`.
 */

export { wholeSql }

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** A statement prepared once per connection (these run once per cable written). */
function stmt(db: Database.Database, sql: string): Database.Statement {
  let m = cache.get(db)
  if (!m) cache.set(db, (m = new Map()))
  let st = m.get(sql)
  if (!st) m.set(sql, (st = db.prepare(sql)))
  return st
}

function hasTable(db: Database.Database, name: string): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
}

/** Whether the archive has portion-level access on (an archive not yet migrated has it off). */
export function portionsEnabled(db: Database.Database): boolean {
  if (!hasTable(db, 'archive_settings')) return false
  return (stmt(db, 'SELECT value FROM archive_settings WHERE name = ?').get(PORTION_SETTING) as { value: string } | undefined)?.value === 'on'
}

/** Records the setting (inside the caller's transaction). */
export function setPortionSetting(db: Database.Database, on: boolean): void {
  stmt(db, 'INSERT OR REPLACE INTO archive_settings (name, value) VALUES (?, ?)').run(PORTION_SETTING, on ? 'on' : 'off')
}

/** Drops every portion of one cable (all cables when `rowid` is null). */
export function dropPortions(db: Database.Database, rowid: number | null): void {
  if (rowid === null) {
    db.exec("DELETE FROM cable_portions; INSERT INTO cable_portions_fts (cable_portions_fts) VALUES ('delete-all')")
    return
  }
  if (!hasTable(db, 'cable_portions')) return
  const ids = (stmt(db, 'SELECT rowid FROM cable_portions WHERE cable = ?').all(rowid) as { rowid: number }[]).map((r) => r.rowid)
  if (ids.length === 0) return
  const drop = stmt(db, 'DELETE FROM cable_portions_fts WHERE rowid = ?')
  for (const id of ids) drop.run(id)
  stmt(db, 'DELETE FROM cable_portions WHERE cable = ?').run(rowid)
}

/**
 * Stores a cable's readable portions (replacing any). A portion naming a caveat the engine has no bit for is
 * not stored: it could not be enforced, so it is read with the whole cable or not at all (fail closed).
 */
export function writePortions(db: Database.Database, rowid: number, portions: readonly PortionRecord[]): void {
  dropPortions(db, rowid)
  const row = stmt(db, 'INSERT INTO cable_portions (cable, kind, level, caveat_mask, text) VALUES (?, ?, ?, ?, ?)')
  const fts = stmt(db, 'INSERT INTO cable_portions_fts (rowid, body, subject, addressees) VALUES (?, ?, ?, ?)')
  for (const p of portions) {
    if (!enforceablePortion(p)) continue
    const id = Number(row.run(rowid, p.kind, p.level, caveatMask(p.caveats), p.text).lastInsertRowid)
    // a field value is no text: no word of it is matched as a portion's
    if (!isFieldPortion(p)) fts.run(id, p.kind === 'body' ? p.text : '', p.kind === 'subject' ? p.text : '', '')
  }
}

/** Cable `c` has at least one portion the reader may read (of `kind` when given). */
export function somePortionSql(access: Access, kind?: 'subject'): string {
  return somePortionOf(access, 'c.rowid', kind)
}

/**
 * A full-text condition (its FTS5 expression a parameter) as portion-level access reads it: cable `c`
 * matches when the reader may read it whole and its own index matches, or when one of its portions he may
 * read matches. Nothing of a withheld portion is ever consulted.
 */
export function portionMatchSql(access: Access, expr: string, params: unknown[]): string {
  params.push(expr, expr)
  return `((${wholeSql(access)} AND c.rowid IN (SELECT rowid FROM cables_fts WHERE cables_fts MATCH ?))
    OR c.rowid IN (SELECT p.cable FROM cable_portions_fts f JOIN cable_portions p ON p.rowid = f.rowid WHERE cable_portions_fts MATCH ? AND ${readableSql(access)}))`
}

/**
 * `tag:` or `caption:` (`value`, a prefix when `prefix`) as portion-level access reads it: `own` (the condition on
 * the cable's stored values, its parameters already in `params`) for a cable the reader may read whole, the values
 * its redacted rendering shows for one he may read in part.
 */
export function shownFieldSql(access: Access, kind: FieldKind, own: string, value: string, prefix: boolean, params: unknown[]): string {
  if (prefix) params.push(value, value + '\uffff')
  else params.push(value)
  const cond = prefix ? 'p.text >= ? AND p.text < ?' : 'p.text = ?'
  return `((${wholeSql(access)} AND ${own}) OR ${shownValueSql(access, 'c.rowid', kind, cond)})`
}

/**
 * The `FacetTally` columns (`FACET_COLUMNS`) for a portion reader: a cable he may read in part counts the TAGS
 * and captions its rendering shows, a cable he reads whole its own.
 */
export function portionFacetColumns(access: Access): string {
  const whole = wholeSql(access)
  return `c.origin_key, substr(${readerDateSql(access, 'c.rowid')}, 1, 4), c.classification, c.precedence,
    CASE WHEN ${whole} THEN c.tags ELSE (SELECT group_concat(v, char(10)) FROM (${shownValuesSql(access, 'c.rowid', 'tag')})) END,
    CASE WHEN ${whole} THEN (SELECT d.captions FROM cable_details d WHERE d.rowid = c.rowid) ELSE (SELECT json_group_array(v) FROM (${shownValuesSql(access, 'c.rowid', 'caption')})) END`
}

/** SELECT of the TAGS cable `c` shows a reader who may read it in part, joined as `cables.tags` (NULL for none). */
export function shownTagsSql(access: Access): string {
  return `(SELECT group_concat(v, char(10)) FROM (${shownValuesSql(access, 'c.rowid', 'tag')}))`
}

/** The date a portion reader sees for cable `c` (`readerDateSql`), for his filters, facets, histogram and order. */
export function readerDate(access: Access): string {
  return `(${readerDateSql(access, 'c.rowid')})`
}

/** The `DateSourceRecord` JSON of the date cable `c` shows a reader who may read it in part (NULL for none). */
export function shownDateSource(access: Access): string {
  return shownDateSourceSql(access, 'c.rowid')
}

/** The origin (FM line) cable `c` shows a reader who may read it in part (NULL for none). */
export function shownOrigin(access: Access): string {
  return shownOriginSql(access, 'c.rowid')
}
