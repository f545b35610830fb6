import type { Access, ArchiveStats, Store } from '../store/store.js'
import { researchAccess } from './portion-access.js'

/**
 * `cable stats` and `GET /api/stats`: the archive's counts for one reader (`ArchiveStats`: cables, sources,
 * cables with parse errors, and cables by year, origin, classification and month).
 *
 * Under portion-level access (docs/search.md, "Reading in part") a restricted reader's counts are those of the
 * cables his search finds (`researchAccess`), those he may read in part included: the cables, year, origin and
 * classification rows are the search facets of the query `*` for him (`Store.facets`, all values), and the months
 * the search histogram (`Store.histogram`), so each is what `cable search '*'` totals and facets for him, the year
 * and month those his rendering shows. Sources and parse errors count only the cables he reads whole: a cable
 * read in part shows him neither its sources nor its diagnostics (`cable show`), so how many it has is not said.
 * Otherwise (archive mode, portion-level access off, or a reader cleared for everything) `Store.stats` as it is.
 *
 * @param access the reader's access; undefined in archive mode (everything visible).
 * @example
 *   const s = await archiveStats(store, { level: 2, caveats: [] })   // CONFIDENTIAL: what his search finds
 *   s.cables === (await store.count(null, await researchAccess(store, access)))
 */
export async function archiveStats(store: Store, access?: Access): Promise<ArchiveStats> {
  const whole = await store.stats(access)
  const reader = await researchAccess(store, access)
  if (reader === access) return whole
  const [facets, byMonth] = await Promise.all([store.facets(null, reader, 0), store.histogram(null, 'month', reader)])
  return {
    // every hit has exactly one year value (or "(none)"), so the year facet sums to the total, as in searchArchive
    cables: facets.year.reduce((n, f) => n + f.count, 0),
    sources: whole.sources,
    withErrors: whole.withErrors,
    byYear: facets.year,
    byOrigin: facets.origin,
    byClassification: facets.classification,
    byMonth,
  }
}
