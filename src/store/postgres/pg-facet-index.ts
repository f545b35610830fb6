import type pg from 'pg'
import { FacetIndexBuilder, type FacetIndex } from '../facet-index.js'

/** Rows read per round trip while building. */
const BUILD_BATCH = 20_000
/** Cable ids travel as `int4[]`: an archive whose ids outgrow it is counted in SQL instead. */
const MAX_ID = 2 ** 31 - 1
const NO_VALUES: string[] = []

interface Entry {
  /** Faceted searches asked for the index since it was last current. */
  uses: number
  index: FacetIndex | null
  building: Promise<FacetIndex | null> | null
}

const entries = new WeakMap<pg.Pool, Entry>()

/**
 * The facet index (`FacetIndex`, src/store/facet-index.ts) of the archive behind `pool`, for a search that
 * read its matches at `generation` (`fts_meta.generation`, raised by every archive write in the same
 * transaction): the index held when it was read at that generation, else a new one when this is the pool's
 * second faceted search since the archive changed (a one-shot command pays nothing for it) and the
 * archive has not moved on meanwhile; else null, and the caller counts in SQL.
 *
 * One index per pool (per database and process), shared by every store on it. It holds every cable's facet
 * values whatever the reader may see: the matches it counts come from SQL, where the access rule is.
 */
export async function pgFacetIndex(pool: pg.Pool, generation: number): Promise<FacetIndex | null> {
  let entry = entries.get(pool)
  if (!entry) entries.set(pool, (entry = { uses: 0, index: null, building: null }))
  if (entry.index?.generation === generation) return entry.index
  entry.uses++
  if (entry.uses < 2) return null
  if (!entry.building) {
    const e = entry
    e.building = buildPgFacetIndex(pool)
      .then((index) => {
        if (index) {
          e.index = index
          e.uses = 0
        }
        return index
      })
      .finally(() => {
        e.building = null
      })
  }
  const index = await entry.building
  return index?.generation === generation ? index : null
}

/**
 * Reads every cable's facet values in one snapshot (REPEATABLE READ), with the generation that snapshot
 * shows; null when the ids do not fit `int4`.
 */
async function buildPgFacetIndex(pool: pg.Pool): Promise<FacetIndex | null> {
  const client = await pool.connect()
  let open = false
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    open = true
    const head = (await client.query<{ generation: string; max: string }>('SELECT generation::text, (SELECT coalesce(max(id), 0) FROM cables)::text AS max FROM fts_meta')).rows[0]
    const max = Number(head.max)
    if (max >= MAX_ID) return null
    // each distinct caption once, as `cable_captions` holds them (what `caption:X` selects). Lists travel
    // as one string each (tags joined by line feeds, which no tag holds; captions as JSON): parsing text[] literals row by row cost
    // most of a build
    await client.query(
      `DECLARE facet_rows NO SCROLL CURSOR FOR
       SELECT c.id::int4, c.origin_key, c.date, c.classification, c.precedence, array_to_string(c.tags, E'\\n'), cc.captions
       FROM cables c LEFT JOIN (SELECT cable, json_agg(caption)::text AS captions FROM cable_captions GROUP BY cable) cc ON cc.cable = c.id
       ORDER BY c.id`,
    )
    const builder = new FacetIndexBuilder(max + 1)
    for (;;) {
      const batch = await client.query<[number, string | null, string | null, string | null, string | null, string, string | null]>({
        text: `FETCH ${BUILD_BATCH} FROM facet_rows`,
        rowMode: 'array',
      })
      for (const [id, origin, date, cls, precedence, tags, captions] of batch.rows) {
        builder.add([id, origin, date, cls, precedence, tags === '' ? NO_VALUES : tags.split('\n'), captions === null ? NO_VALUES : (JSON.parse(captions) as string[])])
      }
      if (batch.rows.length < BUILD_BATCH) break
    }
    await client.query('COMMIT')
    open = false
    return builder.finish(0, Number(head.generation))
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => {})
    client.release()
  }
}

/**
 * Positions (into `order`) of the first `keep` values of `order` ascending, with every position tying the
 * last of them: the candidates of a page, whose final order the caller settles by key.
 */
export function pageCandidates(order: Float64Array, keep: number): number[] {
  if (keep <= 0) return []
  const best: number[] = []
  for (let i = 0; i < order.length; i++) {
    const v = order[i]
    if (best.length === keep && v >= order[best[keep - 1]]) continue
    let lo = 0
    let hi = best.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (order[best[mid]] <= v) lo = mid + 1
      else hi = mid
    }
    best.splice(lo, 0, i)
    if (best.length > keep) best.pop()
  }
  if (best.length < keep) return best
  const edge = order[best[keep - 1]]
  const candidates: number[] = []
  for (let i = 0; i < order.length; i++) if (order[i] <= edge) candidates.push(i)
  return candidates
}
