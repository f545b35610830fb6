import type { Access, Store } from '../store/store.js'
import { originKey } from './query/field-values.js'
import { breather } from './breather.js'

/**
 * The MRN gap map: per originating post and year, the message serials the archive holds and the serials
 * its cables cite but it does not hold, against the range they span. A post numbers its cables 1, 2, 3, …
 * each year (spec §3, the MRN), so every number inside that range that nobody holds is a cable that exists
 * and no corpus released. The month of a missing serial is estimated by interpolating between the dates of
 * the held serials on either side of it (before the first or after the last held one: that one's month); a
 * cited serial's month the same way, so each month also says how many of its missing cables are known by id.
 *
 * A cited serial far outside the serials of its origin-year (a typo such as `STATE 856708` for a year the
 * Department numbered to about 130000) is an outlier (`serialOutliers`): listed with the cables citing it,
 * and kept out of the range, the missing estimate and the known-but-missing ids.
 */
export interface GapRow {
  /** Station key of the id (`STATE`, `HARARE`). */
  origin: string
  year: number
  /** Lowest and highest serial seen (held or cited). */
  first: number
  last: number
  /** Serials the archive holds. */
  held: number
  /** Serials cited by held cables but not held: known-but-missing. */
  cited: number
  /** Serials in `first..last` nobody holds (cited ones included): the estimated number of missing cables. */
  missing: number
  /** held / (last - first + 1). */
  coverage: number
  /**
   * Per month (`YYYY-MM`, or `undated`): serials held, serials estimated missing (cited ones included), and of
   * those the cited ones, known-but-missing (so `cited <= missing`); months sum to the row's held, missing and
   * cited.
   */
  byMonth: GapMonth[]
  /** Ids of the known-but-missing cables, in serial order. */
  citedMissing: string[]
  /**
   * Cited serials too far outside the origin-year's serials to be believed (`serialOutliers`), in serial
   * order, with the keys of the visible cables citing them: not counted in `first`, `last`, `cited`,
   * `missing` or `citedMissing`.
   */
  outliers: GapOutlier[]
}

/** A cited id whose serial lies far outside its origin-year's serials: most likely a typo in a REF line. */
export interface GapOutlier {
  id: string
  serial: number
  /** Keys of the visible cables that cite it. */
  citedBy: string[]
}

/** One month of a gap-map row: held, estimated-missing and (of those) cited-but-missing serials. */
export interface GapMonth {
  month: string
  held: number
  missing: number
  /** Missing serials some held cable cites: known to exist, never released. Counted in `missing` too. */
  cited: number
}

/** Raised when a gap-map filter is given but names nothing (an empty origin). */
export class GapOptionError extends Error {}

export interface GapOptions {
  /** Station key or name (`HARARE`, `AMEMBASSY HARARE`); given empty, refused (`GapOptionError`), never "all". */
  origin?: string
  year?: number
  access?: Access
}

interface Serials {
  held: Map<number, number | null>
  cited: Map<number, string>
}

/** `09STATE99704` → year 2009, origin STATE, serial 99704; null for a key that is no reference id. */
export function splitId(id: string): { year: number; origin: string; serial: number } | null {
  const m = /^(\d{2})([A-Z]+)(\d{1,7})$/.exec(id)
  if (!m) return null
  const yy = Number(m[1])
  // cable archives run from 1966: two-digit years from 66 are 19xx
  return { year: yy >= 66 ? 1900 + yy : 2000 + yy, origin: m[2], serial: Number(m[3]) }
}

/** Fewer serials than this in an origin-year and its quartiles say nothing: no cited serial is judged an outlier. */
export const OUTLIER_MIN_SERIALS = 8
/** Tukey's "far out" fence: this many interquartile ranges beyond the quartiles. */
export const OUTLIER_FENCE_IQR = 3

/**
 * The cited serials of one origin-year that lie beyond Tukey's far-out fences of all its serials (held and
 * cited): below Q1 − 3·IQR or above Q3 + 3·IQR, quartiles by linear interpolation. Held serials are never
 * outliers (the archive holds those cables). A year of serials spread evenly over 1..N has its fences at about
 * −1.25N and 2.25N, so no genuine serial is cut; a typo that multiplies a serial by ten falls far outside.
 * With fewer than `OUTLIER_MIN_SERIALS` serials nothing is judged. An IQR of 0 (serials all alike) is taken
 * as 1.
 *
 * @example
 *   serialOutliers([1, 2, 3, 5, 8, 9, 10, 12], [11, 856708]) // Set { 856708 }
 */
export function serialOutliers(held: Iterable<number>, cited: Iterable<number>): Set<number> {
  const citedSet = new Set(cited)
  const all = [...new Set([...held, ...citedSet])].sort((a, b) => a - b)
  const out = new Set<number>()
  if (all.length < OUTLIER_MIN_SERIALS) return out
  const q = (p: number) => {
    const x = p * (all.length - 1)
    const i = Math.floor(x)
    return i + 1 < all.length ? all[i] + (all[i + 1] - all[i]) * (x - i) : all[i]
  }
  const q1 = q(0.25)
  const q3 = q(0.75)
  const iqr = Math.max(1, q3 - q1)
  const lo = q1 - OUTLIER_FENCE_IQR * iqr
  const hi = q3 + OUTLIER_FENCE_IQR * iqr
  for (const n of citedSet) if (n < lo || n > hi) out.add(n)
  return out
}

const DAY = 86_400_000
const monthsOfDays = new Map<number, string>()
/** `YYYY-MM` of a time (ms); memoised by day, since a range of a hundred thousand serials spans a few hundred days. */
function monthOf(ms: number): string {
  const day = Math.floor(ms / DAY)
  let m = monthsOfDays.get(day)
  if (m === undefined) monthsOfDays.set(day, (m = new Date(day * DAY).toISOString().slice(0, 7)))
  return m
}

/**
 * Builds the gap map of the cables visible to `access`, one row per origin and year, busiest gaps first
 * within each origin (rows sorted by origin, then year). An empty `origin` throws `GapOptionError`.
 *
 * @example
 *   const rows = await gapMap(store, { origin: 'QUORIN', year: 2008 })
 *   // [{ origin: 'QUORIN', year: 2008, first: 1, last: 120, held: 40, cited: 3, missing: 80, … }]
 */
export async function gapMap(store: Store, options: GapOptions = {}): Promise<GapRow[]> {
  if (options.origin !== undefined && options.origin.trim() === '') throw new GapOptionError('origin: empty; name a station (HARARE, AMEMBASSY HARARE) or leave the filter out for every origin')
  const wantOrigin = options.origin !== undefined ? originKey(options.origin) : null
  const groups = new Map<string, Serials>()
  const group = (origin: string, year: number) => {
    const k = `${origin}\t${year}`
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { held: new Map(), cited: new Map() }))
    return g
  }
  const wanted = (p: { year: number; origin: string }) => (!wantOrigin || p.origin === wantOrigin) && (!options.year || p.year === options.year)
  const pause = breather()
  for await (const hit of store.search(null, { sort: 'date' }, options.access)) {
    await pause()
    const p = hit.id ? splitId(hit.id) : null
    if (!p || !wanted(p)) continue
    const t = hit.date ? Date.parse(hit.date) : NaN
    group(p.origin, p.year).held.set(p.serial, Number.isNaN(t) ? null : t)
  }
  for (const ref of await store.referencedIds(options.access)) {
    const p = splitId(ref.id)
    if (!p || !wanted(p)) continue
    const g = group(p.origin, p.year)
    if (!g.held.has(p.serial)) g.cited.set(p.serial, ref.id)
  }
  const rows: GapRow[] = []
  for (const [k, g] of groups) {
    const [origin, year] = k.split('\t')
    const odd = serialOutliers(g.held.keys(), g.cited.keys())
    const outliers: GapOutlier[] = []
    for (const n of [...odd].sort((a, b) => a - b)) {
      const id = g.cited.get(n)!
      g.cited.delete(n)
      const citing = await store.citing(id, options.access)
      outliers.push({ id, serial: n, citedBy: citing.map((c) => c.key).sort() })
    }
    rows.push({ ...gapRow(origin, Number(year), g), outliers })
  }
  return rows.sort((a, b) => a.origin.localeCompare(b.origin) || a.year - b.year)
}

function gapRow(origin: string, year: number, g: Serials): Omit<GapRow, 'outliers'> {
  const all = [...g.held.keys(), ...g.cited.keys()]
  const first = Math.min(...all)
  const last = Math.max(...all)
  const months = new Map<string, { held: number; missing: number; cited: number }>()
  const bump = (month: string, field: 'held' | 'missing' | 'cited', n = 1) => {
    const m = months.get(month) ?? { held: 0, missing: 0, cited: 0 }
    m[field] += n
    months.set(month, m)
  }
  const dated = [...g.held].filter((e): e is [number, number] => e[1] !== null).sort((a, b) => a[0] - b[0])
  for (const [, t] of dated) bump(monthOf(t), 'held')
  const undatedHeld = g.held.size - dated.length
  if (undatedHeld) bump('undated', 'held', undatedHeld)
  // walk the range once, between consecutive dated held serials
  let missing = 0
  let i = 0
  for (let n = first; n <= last; n++) {
    if (g.held.has(n)) continue
    missing++
    while (i < dated.length && dated[i][0] < n) i++
    const before = dated[i - 1]
    const after = dated[i]
    let t: number | null = null
    if (before && after) t = before[1] + ((after[1] - before[1]) * (n - before[0])) / (after[0] - before[0])
    else t = (before ?? after)?.[1] ?? null
    const month = t === null ? 'undated' : monthOf(t)
    bump(month, 'missing')
    if (g.cited.has(n)) bump(month, 'cited')
  }
  const byMonth = [...months].map(([month, m]) => ({ month, ...m })).sort((a, b) => a.month.localeCompare(b.month))
  return {
    origin,
    year,
    first,
    last,
    held: g.held.size,
    cited: g.cited.size,
    missing,
    coverage: g.held.size / (last - first + 1),
    byMonth,
    citedMissing: [...g.cited].sort((a, b) => a[0] - b[0]).map(([, id]) => id),
  }
}
