import type Database from 'better-sqlite3'
import type { FacetedPage, Facets, SearchHit, SortOrder } from '../store.js'
import { facetIndex } from './sqlite-facet-index.js'
import { FACET_COLUMNS, FacetTally, countFacets } from './sqlite-stats.js'
import { unpackText } from '../pack-text.js'

type Row = [number, string, string | null, string | null, string | null, string | null, string | null, string, number | null]

/** A compiled search: FROM and WHERE over `cables c` (joined to `cables_fts` when ranked), and `ids`, a
 * SELECT of the matching rowids alone (the bare full-text match when there is no other condition). */
export interface PageQuery {
  from: string
  where: string
  params: unknown[]
  ranked: boolean
  rank: string
  ids: string
}

/** The SQL ORDER BY of every search: score or date (NULL dates first ascending), then key. */
export function orderBy(sort: SortOrder, ranked: boolean, rank: string): string {
  return sort === 'date' ? 'c.date ASC, c.key' : sort === 'date-desc' || !ranked ? 'c.date DESC, c.key' : `${rank}, c.key`
}

/** Compares rows as `orderBy` does. */
function comparator(sort: SortOrder, ranked: boolean): (a: Row, b: Row) => number {
  const key = (a: Row, b: Row) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)
  const date = (a: Row, b: Row) => (a[3] === b[3] ? 0 : a[3] === null ? -1 : b[3] === null ? 1 : a[3] < b[3] ? -1 : 1)
  if (sort === 'rank' && ranked) return (a, b) => a[8]! - b[8]! || key(a, b)
  if (sort === 'date') return (a, b) => date(a, b) || key(a, b)
  return (a, b) => date(b, a) || key(a, b)
}

type Match = [number, string | number | null, number | null]

/**
 * The page `opts.offset, opts.limit` of `rows` ([rowid, sort value, score]) in `orderBy` order: the best
 * `offset + limit` by sort value are found in one pass, every row tying with the last of them joins them,
 * and only those few fetch their key for the final order.
 */
function pageRows(db: Database.Database, rows: Match[], byRank: boolean, opts: { sort: SortOrder; limit: number; offset: number }): Row[] {
  const keep = opts.offset + opts.limit
  if (opts.limit <= 0 || rows.length <= opts.offset) return []
  // primary order on the sort value alone: score ascending, or date (NULL first ascending)
  const asc = (a: Match, b: Match): number => {
    const x = a[1]
    const y = b[1]
    return x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1
  }
  const primary = byRank || opts.sort === 'date' ? asc : (a: Match, b: Match) => asc(b, a)
  const best: Match[] = []
  for (const row of rows) {
    keepBest(best, row, keep, primary)
  }
  const edge = best[best.length - 1]
  const candidates = best.length < keep ? best : rows.filter((r) => primary(r, edge) <= 0)
  const keyOf = prepared(db, 'SELECT key FROM cables WHERE rowid = ?').pluck(true)
  const keyed = candidates.map((r) => ({ r, key: keyOf.get(r[0]) as string }))
  keyed.sort((a, b) => primary(a.r, b.r) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const rowOf = prepared(db, 'SELECT c.rowid, c.key, c.id, c.date, c.origin, c.classification, c.subject, c.tags FROM cables c WHERE c.rowid = ?').raw(true)
  return keyed.slice(opts.offset, keep).map(({ r }) => {
    const row = rowOf.get(r[0]) as unknown[]
    row.push(r[2] ?? (byRank ? r[1] : null))
    return row as Row
  })
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** Prepared statements are cached per connection and SQL text (queries of one shape share one). */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let m = statements.get(db)
  if (!m) statements.set(db, (m = new Map()))
  let s = m.get(sql)
  if (!s) {
    if (m.size > 200) m.clear()
    s = db.prepare(sql)
    m.set(sql, s)
  }
  return s
}

/** Facets of the whole result: from the connection's facet index when it has one, else hit by hit. */
export function queryFacets(db: Database.Database, q: PageQuery, top: number): Facets {
  const index = facetIndex(db)
  if (!index) return countFacets(db, q.from, q.where, q.params, top)
  return index.count(prepared(db, q.ids).pluck(true).all(...q.params) as number[], top)
}

/**
 * A page of hits with the total and the facets of the whole result. With a facet index (see
 * `FacetIndex`): one SQL pass lists every match as [rowid, score] (ranked) or its rowid alone (dated from
 * the index), the facets are counted in memory, the best `offset + limit` are picked with every tie at the
 * boundary, only those fetch their key for the final order, and only the page's rows are read whole and
 * fetch text. Without one: ONE pass over the matches where every hit is tallied and only the best
 * `offset + limit` rows are kept. Either way the order is `orderBy`'s, as `search` gives it.
 */
export function facetedPage(
  db: Database.Database,
  q: PageQuery,
  opts: { sort: SortOrder; limit: number; offset: number; withText: boolean; top: number },
): FacetedPage {
  const index = facetIndex(db)
  const score = q.ranked ? q.rank : 'NULL'
  const columns = `c.rowid, c.key, c.id, c.date, c.origin, c.classification, c.subject, c.tags, ${score}`
  let total = 0
  let facets: Facets
  let best: Row[]
  if (index) {
    // one pass lists every match with what orders it; the best rows (all ties at the boundary included)
    // are then ordered by key too, and only the page's rows are read whole
    const byRank = q.ranked && opts.sort === 'rank'
    const sql = byRank
      ? q.ids.replace(/^SELECT (c\.)?rowid /, (m) => `${m.slice(0, -1)}, ${q.rank} `)
      : `SELECT c.rowid, c.date, ${score} FROM ${q.from} WHERE ${q.where}`
    // an unranked page is ordered by date, which the index holds: the matches are then their rowids alone
    const rows = q.ranked
      ? (prepared(db, sql).raw(true).all(...q.params) as Match[])
      : (prepared(db, q.ids).pluck(true).all(...q.params) as number[]).map((r): Match => [r, index.date(r), null])
    total = rows.length
    const rowids = new Array<number>(total)
    for (let i = 0; i < total; i++) rowids[i] = rows[i][0]
    facets = index.count(rowids, opts.top)
    best = pageRows(db, rows, byRank, opts)
  } else {
    const stmt = db.prepare(`SELECT ${columns}, ${FACET_COLUMNS} FROM ${q.from} WHERE ${q.where}`).raw(true)
    const keep = opts.offset + opts.limit
    const cmp = comparator(opts.sort, q.ranked)
    best = []
    const tally = new FacetTally()
    for (const r of stmt.iterate(...q.params) as Iterable<unknown[]>) {
      total++
      tally.add(r[9] as string | null, r[10] as string | null, r[11] as string | null, r[12] as string | null, r[13] as string | null)
      if (keep === 0) continue
      const row = r as unknown as Row
      if (best.length === keep && cmp(row, best[keep - 1]) >= 0) continue
      keepBest(best, row.slice(0, 9) as Row, keep, cmp)
    }
    best = best.slice(opts.offset)
    facets = tally.result(opts.top)
  }
  const textOf = opts.withText ? prepared(db, 'SELECT text FROM cable_texts WHERE rowid = ?').pluck(true) : null
  const hits: SearchHit[] = best.map((r) => {
    const hit: SearchHit = {
      key: r[1],
      id: r[2],
      date: r[3],
      origin: r[4],
      classification: r[5],
      subject: r[6],
      tags: r[7] === '' ? [] : r[7].split(' '),
      score: r[8],
    }
    if (textOf) hit.text = unpackText(textOf.get(r[0]) as Buffer)
    return hit
  })
  return { total, facets, hits }
}

/** Inserts `row` into `best` (sorted by `cmp`, at most `keep` long) when it ranks among the first `keep`. */
function keepBest<T>(best: T[], row: T, keep: number, cmp: (a: T, b: T) => number): void {
  if (best.length === keep && cmp(row, best[keep - 1]) >= 0) return
  let lo = 0
  let hi = best.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (cmp(best[mid], row) <= 0) lo = mid + 1
    else hi = mid
  }
  best.splice(lo, 0, row)
  if (best.length > keep) best.pop()
}
