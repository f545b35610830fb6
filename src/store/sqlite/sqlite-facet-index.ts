import type Database from 'better-sqlite3'
import { FacetIndex, type FacetIndexRow } from '../facet-index.js'
import { splitTagList, writeGeneration } from './sqlite-writer.js'

const cache = new WeakMap<Database.Database, { uses: number; index: FacetIndex | null }>()

/**
 * The connection's facet index when it is current and worth having (see `FacetIndex`), else null: the
 * caller then tallies hit by hit.
 *
 * The index is built from `cables` (and the captions of `cable_details`) on a connection's second faceted
 * search (a one-shot command pays nothing for it), and rebuilt whenever the data may have changed: another
 * connection committed (`PRAGMA data_version`) or this one wrote a cable (`writeGeneration`). Inside a
 * transaction it is not used at all, since a rollback could leave it describing rows that no longer exist.
 */
export function facetIndex(db: Database.Database): FacetIndex | null {
  if (db.inTransaction) return null
  let entry = cache.get(db)
  if (!entry) {
    entry = { uses: 0, index: null }
    cache.set(db, entry)
  }
  entry.uses++
  const version = db.pragma('data_version', { simple: true }) as number
  const generation = writeGeneration(db)
  const index = entry.index
  if (index && index.version === version && index.generation === generation) return index
  entry.index = null
  if (entry.uses < 2) return null
  entry.index = buildFacetIndex(db, version, generation)
  return entry.index
}

const NO_VALUES: string[] = []

/** Reads every cable's facet values from the SQLite archive (see `FacetIndex`). */
function buildFacetIndex(db: Database.Database, version: number, generation: number): FacetIndex {
  const max = (db.prepare('SELECT coalesce(max(rowid), 0) FROM cables').pluck().get() as number) + 1
  const stmt = db
    .prepare('SELECT c.rowid, c.origin_key, c.date, c.classification, c.precedence, c.tags, d.captions FROM cables c LEFT JOIN cable_details d ON d.rowid = c.rowid ORDER BY c.rowid')
    .raw(true)
  function* rows(): Iterable<FacetIndexRow> {
    for (const [rowid, origin, date, cls, precedence, tagList, captionList] of stmt.iterate() as Iterable<
      [number, string | null, string | null, string | null, string | null, string, string | null]
    >) {
      // each distinct caption once, as `cable_captions` holds them (what `caption:X` selects)
      yield [rowid, origin, date, cls, precedence, tagList === '' ? NO_VALUES : splitTagList(tagList), captionList === null || captionList === '[]' ? NO_VALUES : new Set(JSON.parse(captionList) as string[])]
    }
  }
  return FacetIndex.build(max, rows(), version, generation)
}
