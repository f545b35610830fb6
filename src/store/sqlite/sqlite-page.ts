import type Database from 'better-sqlite3'
import type { FacetedPage, SearchHit, SortOrder } from '../store.js'
import { FACET_COLUMNS, FacetTally } from './sqlite-stats.js'
import { unpackText } from './text-codec.js'

type Row = [number, string, string | null, string | null, string | null, string | null, string | null, string, number | null]

/** Compares rows as the SQL ORDER BY of `search` does: score or date (NULL dates first ascending), then key. */
function comparator(sort: SortOrder, ranked: boolean): (a: Row, b: Row) => number {
  const key = (a: Row, b: Row) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)
  const date = (a: Row, b: Row) => (a[3] === b[3] ? 0 : a[3] === null ? -1 : b[3] === null ? 1 : a[3] < b[3] ? -1 : 1)
  if (sort === 'rank' && ranked) return (a, b) => a[8]! - b[8]! || key(a, b)
  if (sort === 'date') return (a, b) => date(a, b) || key(a, b)
  return (a, b) => date(b, a) || key(a, b)
}

/**
 * A page of hits, the total and the facets of the whole result from ONE pass over the matches: every
 * hit is tallied, and only the best `offset + limit` rows are kept (by insertion into a short sorted
 * list), so the full-text match and the BM25 scores are computed once instead of three times.
 */
export function facetedPage(
  db: Database.Database,
  q: { from: string; where: string; params: unknown[]; ranked: boolean; rank: string },
  opts: { sort: SortOrder; limit: number; offset: number; withText: boolean; top: number },
): FacetedPage {
  const score = q.ranked ? q.rank : 'NULL'
  const stmt = db
    .prepare(`SELECT c.rowid, c.key, c.id, c.date, c.origin, c.classification, c.subject, c.tags, ${score}, ${FACET_COLUMNS} FROM ${q.from} WHERE ${q.where}`)
    .raw(true)
  const keep = opts.offset + opts.limit
  const cmp = comparator(opts.sort, q.ranked)
  const best: Row[] = []
  const tally = new FacetTally()
  let total = 0
  for (const r of stmt.iterate(...q.params) as Iterable<unknown[]>) {
    total++
    tally.add(r[9] as string | null, r[10] as string | null, r[11] as string | null, r[12] as string | null, r[13] as string | null)
    if (keep === 0) continue
    const row = r as unknown as Row
    if (best.length === keep && cmp(row, best[keep - 1]) >= 0) continue
    let lo = 0
    let hi = best.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cmp(best[mid], row) <= 0) lo = mid + 1
      else hi = mid
    }
    best.splice(lo, 0, row.slice(0, 9) as Row)
    if (best.length > keep) best.pop()
  }
  const textOf = opts.withText ? db.prepare('SELECT text FROM cable_texts WHERE rowid = ?').pluck() : null
  const hits: SearchHit[] = best.slice(opts.offset).map((r) => {
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
  return { total, facets: tally.result(opts.top), hits }
}
