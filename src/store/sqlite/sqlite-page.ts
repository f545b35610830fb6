import type Database from 'better-sqlite3'
import type { FacetedPage, Facets, SearchHit, SortOrder } from '../store.js'
import { facetIndex } from './sqlite-facet-index.js'
import { FACET_COLUMNS, FacetTally, countFacets } from './sqlite-stats.js'
import { unpackText } from '../pack-text.js'
import { dateSourceOf } from './sqlite-rows.js'
import { splitTagList } from './sqlite-writer.js'

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
  /**
   * The facet columns of a portion reader's search (`portionFacetColumns`: a cable read in part counts only the
   * fields its rendering shows), else null: the facet index or `FACET_COLUMNS`.
   */
  facetColumns: string | null
  /**
   * The date the search orders, filters and counts by: `c.date`, or for a portion reader the date each cable shows
   * him (`readerDateSql`: a cable read in part, the date its rendering gives).
   */
  date: string
}

/** The SQL ORDER BY of every search: score or date (`date`, NULL dates first ascending), then key. */
export function orderBy(sort: SortOrder, ranked: boolean, rank: string, date = 'c.date'): string {
  return sort === 'date' ? `${date} ASC, c.key` : sort === 'date-desc' || !ranked ? `${date} DESC, c.key` : `${rank}, c.key`
}

/** Compares rows as `orderBy` does. */
function comparator(sort: SortOrder, ranked: boolean): (a: Row, b: Row) => number {
  const key = (a: Row, b: Row) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)
  const date = (a: Row, b: Row) => (a[3] === b[3] ? 0 : a[3] === null ? -1 : b[3] === null ? 1 : a[3] < b[3] ? -1 : 1)
  if (sort === 'rank' && ranked) return (a, b) => a[8]! - b[8]! || key(a, b)
  if (sort === 'date') return (a, b) => date(a, b) || key(a, b)
  return (a, b) => date(b, a) || key(a, b)
}

/**
 * The page `opts.offset, opts.limit` of the matches `rowids` in `orderBy` order, where `order[i]` is the
 * primary sort value of match i as a number that sorts ascending (score, or a date rank negated for a
 * descending page) and `scores` (when ranked) the score to report. The best `offset + limit` are found in
 * one pass over plain numbers, every match tying with the last of them joins them, and only those few
 * fetch their key for the final order.
 */
function pageRows(
  db: Database.Database,
  rowids: number[],
  order: Float64Array,
  scores: Float64Array | null,
  opts: { limit: number; offset: number },
): Row[] {
  const keep = opts.offset + opts.limit
  if (opts.limit <= 0 || rowids.length <= opts.offset) return []
  const byOrder = (a: number, b: number): number => order[a] - order[b]
  const best: number[] = []
  for (let i = 0; i < rowids.length; i++) {
    if (best.length === keep && order[i] >= order[best[keep - 1]]) continue
    keepBest(best, i, keep, byOrder)
  }
  let candidates = best
  if (best.length === keep) {
    const edge = order[best[keep - 1]]
    candidates = []
    for (let i = 0; i < rowids.length; i++) if (order[i] <= edge) candidates.push(i)
  }
  const keyOf = prepared(db, 'SELECT key FROM cables WHERE rowid = ?').pluck(true)
  const keyed = candidates.map((i) => ({ i, key: keyOf.get(rowids[i]) as string }))
  keyed.sort((a, b) => order[a.i] - order[b.i] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const rowOf = prepared(db, 'SELECT c.rowid, c.key, c.id, c.date, c.origin, c.classification, c.subject, c.tags FROM cables c WHERE c.rowid = ?').raw(true)
  return keyed.slice(opts.offset, keep).map(({ i }) => {
    const row = rowOf.get(rowids[i]) as unknown[]
    row.push(scores ? scores[i] : null)
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
  // the index holds each cable's own fields: a portion reader's are counted hit by hit
  const index = q.facetColumns ? null : facetIndex(db)
  if (!index) return countFacets(db, q.from, q.where, q.params, top, q.facetColumns ?? FACET_COLUMNS)
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
  const index = q.facetColumns ? null : facetIndex(db)
  const score = q.ranked ? q.rank : 'NULL'
  const columns = `c.rowid, c.key, c.id, ${q.date}, c.origin, c.classification, c.subject, c.tags, ${score}`
  let total = 0
  let facets: Facets
  let best: Row[]
  if (index) {
    // one pass lists every match (with its score when ranked); dates come from the index as ranks
    const byRank = q.ranked && opts.sort === 'rank'
    let rowids: number[]
    let scores: Float64Array | null = null
    if (q.ranked) {
      const rows = prepared(db, q.ids.replace(/^SELECT (c\.)?rowid /, (m) => `${m.slice(0, -1)}, ${q.rank} `))
        .raw(true)
        .all(...q.params) as [number, number][]
      rowids = new Array<number>(rows.length)
      scores = new Float64Array(rows.length)
      for (let i = 0; i < rows.length; i++) {
        rowids[i] = rows[i][0]
        scores[i] = rows[i][1]
      }
    } else {
      rowids = prepared(db, q.ids).pluck(true).all(...q.params) as number[]
    }
    total = rowids.length
    let order: Float64Array
    if (byRank) order = scores!
    else {
      // `date` ascending; `date-desc`, and `rank` without a score, descending
      const sign = opts.sort === 'date' ? 1 : -1
      order = new Float64Array(total)
      for (let i = 0; i < total; i++) order[i] = sign * index.dateRank(rowids[i])
    }
    facets = index.count(rowids, opts.top)
    best = pageRows(db, rowids, order, scores, opts)
  } else {
    const stmt = db.prepare(`SELECT ${columns}, ${q.facetColumns ?? FACET_COLUMNS} FROM ${q.from} WHERE ${q.where}`).raw(true)
    const keep = opts.offset + opts.limit
    const cmp = comparator(opts.sort, q.ranked)
    best = []
    const tally = new FacetTally()
    for (const r of stmt.iterate(...q.params) as Iterable<unknown[]>) {
      total++
      tally.add(r[9] as string | null, r[10] as string | null, r[11] as string | null, r[12] as string | null, r[13] as string | null, r[14] as string | null)
      if (keep === 0) continue
      const row = r as unknown as Row
      if (best.length === keep && cmp(row, best[keep - 1]) >= 0) continue
      keepBest(best, row.slice(0, 9) as Row, keep, cmp)
    }
    best = best.slice(opts.offset)
    facets = tally.result(opts.top)
  }
  const textOf = opts.withText ? prepared(db, 'SELECT text FROM cable_texts WHERE rowid = ?').pluck(true) : null
  // read for the page's rows only: the pass over every match carries just what orders and counts them
  const dateSourceRow = prepared(db, 'SELECT date, date_basis, date_precision, date_from FROM cables WHERE rowid = ?')
  const hits: SearchHit[] = best.map((r) => {
    const hit: SearchHit = {
      key: r[1],
      id: r[2],
      date: r[3],
      dateSource: dateSourceOf(dateSourceRow.get(r[0]) as Parameters<typeof dateSourceOf>[0]),
      origin: r[4],
      classification: r[5],
      subject: r[6],
      tags: splitTagList(r[7]),
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
