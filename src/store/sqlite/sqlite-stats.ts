import type Database from 'better-sqlite3'
import type { ArchiveStats, FacetName, Facets } from '../store.js'
import type { CompiledQuery } from './sqlite-search.js'
import { splitTagList } from './sqlite-writer.js'

type Count = { value: string; count: number }

/** Tallies facet values hit by hit; `result` orders them (years by value, the rest by count). */
export class FacetTally {
  private readonly maps: Record<FacetName, Map<string, number>> = {
    origin: new Map(),
    year: new Map(),
    classification: new Map(),
    tag: new Map(),
    precedence: new Map(),
    caption: new Map(),
  }

  /** A tally already counted elsewhere (see `FacetIndex`). */
  static fromMaps(maps: Record<FacetName, Map<string, number>>): FacetTally {
    const t = new FacetTally()
    Object.assign(t.maps, maps)
    return t
  }

  /** Counts one hit; `captions` is its `cable_details.captions` (a JSON list), each distinct caption once. */
  add(origin: string | null, year: string | null, cls: string | null, precedence: string | null, tags: string | null, captions: string | null): void {
    const m = this.maps
    m.origin.set(origin ?? '(none)', (m.origin.get(origin ?? '(none)') ?? 0) + 1)
    m.year.set(year ?? '(none)', (m.year.get(year ?? '(none)') ?? 0) + 1)
    m.classification.set(cls ?? '(none)', (m.classification.get(cls ?? '(none)') ?? 0) + 1)
    m.precedence.set(precedence ?? '(none)', (m.precedence.get(precedence ?? '(none)') ?? 0) + 1)
    if (tags) for (const t of splitTagList(tags)) m.tag.set(t, (m.tag.get(t) ?? 0) + 1)
    if (captions && captions !== '[]') for (const c of new Set(JSON.parse(captions) as string[])) m.caption.set(c, (m.caption.get(c) ?? 0) + 1)
  }

  result(top: number): Facets {
    const ordered = (m: Map<string, number>, byValue: boolean): Count[] => {
      const list = [...m].map(([value, count]) => ({ value, count }))
      list.sort(byValue ? (a, b) => a.value.localeCompare(b.value) : (a, b) => b.count - a.count || a.value.localeCompare(b.value))
      return top > 0 && !byValue ? list.slice(0, top) : list
    }
    return {
      origin: ordered(this.maps.origin, false),
      year: ordered(this.maps.year, true),
      classification: ordered(this.maps.classification, false),
      tag: ordered(this.maps.tag, false),
      precedence: ordered(this.maps.precedence, false),
      caption: ordered(this.maps.caption, false),
    }
  }
}

/**
 * The columns `FacetTally.add` takes, in order, for a SELECT over `cables c`; captions come from the
 * cable's `cable_details` row (one rowid lookup, so every FROM the searches use can take it).
 */
export const FACET_COLUMNS = 'c.origin_key, substr(c.date, 1, 4), c.classification, c.precedence, c.tags, (SELECT d.captions FROM cable_details d WHERE d.rowid = c.rowid)'

/**
 * Facet counts over the whole result set in one pass: one row per hit, tallied here, because a GROUP
 * BY pass per facet over a large result costs more than reading the few short columns once.
 */
export function countFacets(db: Database.Database, from: string, where: string, params: unknown[], top: number, columns = FACET_COLUMNS): Facets {
  const tally = new FacetTally()
  const stmt = db.prepare(`SELECT ${columns} FROM ${from} WHERE ${where}`).raw(true)
  for (const [origin, year, cls, precedence, tags, captions] of stmt.iterate(...params) as Iterable<(string | null)[]>) {
    tally.add(origin, year, cls, precedence, tags, captions)
  }
  return tally.result(top)
}

/** Archive-wide counts, restricted to what `filter` (the access condition) lets the reader see. */
export function readStats(db: Database.Database, filter: CompiledQuery): ArchiveStats {
  const w = filter.where
  const p = filter.params
  const group = (expr: string, order: string): Count[] =>
    db.prepare(`SELECT ${expr} AS value, count(*) AS count FROM cables c WHERE ${w} GROUP BY 1 ORDER BY ${order}`).all(...p) as Count[]
  const one = (sql: string): number => (db.prepare(sql).get(...p) as { n: number }).n
  return {
    cables: one(`SELECT count(*) AS n FROM cables c WHERE ${w}`),
    sources: one(`SELECT count(*) AS n FROM cable_sources s JOIN cables c ON c.rowid = s.cable WHERE ${w}`),
    withErrors: one(`SELECT count(*) AS n FROM cables c WHERE c.error_count > 0 AND ${w}`),
    byYear: group(`coalesce(substr(c.date, 1, 4), '(none)')`, '1'),
    byOrigin: group(`coalesce(c.origin_key, '(none)')`, '2 DESC, 1'),
    byClassification: group(`coalesce(c.classification, '(none)')`, '2 DESC, 1'),
    byMonth: group(`coalesce(substr(c.date, 1, 7), '(none)')`, '1'),
  }
}
