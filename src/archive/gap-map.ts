import type { Access, CableSummary, Store } from '../store/store.js'
import { originKey } from './query/field-values.js'
import { breather } from './breather.js'
import { researchAccess } from './portion-access.js'
import type { GapMonth, GapOutlier, GapOutlierReason, GapRow } from './research-answers.js'

export type { GapMonth, GapOutlier, GapOutlierReason, GapRow }

/** Raised when a gap-map filter is given but names nothing (an empty origin). */
export class GapOptionError extends Error {}

export interface GapOptions {
  /** Station key or name (`HARARE`, `AMEMBASSY HARARE`); given empty or with no letter (`-`, `12`), refused (`GapOptionError`), never "all". */
  origin?: string
  year?: number
  access?: Access
}

interface Serials {
  /** Held serial → its date (ms), null when undated. */
  held: Map<number, number | null>
  /** Cited serial not held → its id. */
  cited: Map<number, string>
  /** Cited serial → the latest date (ms) of the cables citing it, to the day at least; null when not known so. */
  citedAt: Map<number, number | null>
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

/** A cited serial more than this many times the largest other serial of its post is out of scale. */
export const SCALE_FACTOR = 10
/** Fewer other serials of the post than this, and its scale is unknown: nothing is judged by it. */
export const SCALE_MIN_OTHERS = 4

/**
 * The cited serials of a small origin-year (fewer than `OUTLIER_MIN_SERIALS` serials, too few for fences) that
 * are out of scale with their post: more than `SCALE_FACTOR` times the largest of `others`, the post's other
 * serials in every year (held, and cited ones not already set aside), when there are at least
 * `SCALE_MIN_OTHERS` of them. A post's yearly count changes little from year to year, and a slipped digit
 * multiplies a serial by ten or more: `TAIPEI 133192` beside TAIPEI serials up to 2933 is no TAIPEI cable.
 * A serial below the others is never judged so (a cable from early in a year is no anomaly).
 *
 * @example
 *   scaleOutliers([133192, 2800], [301, 1398, 2921, 2933]) // Set { 133192 }
 */
export function scaleOutliers(cited: Iterable<number>, others: readonly number[]): Set<number> {
  const out = new Set<number>()
  if (others.length < SCALE_MIN_OTHERS) return out
  let top = 0
  for (const n of others) if (n > top) top = n
  for (const n of cited) if (n > SCALE_FACTOR * top) out.add(n)
  return out
}

/**
 * A held serial dated this long after a cable that cites a higher serial is taken as proof; less, as noise: a
 * cable may be numbered days before its date-time group (drafted, then sent), and a few posts' serials run out
 * of date order by a day or two.
 */
export const DATE_SLACK_MS = 7 * 86_400_000

/**
 * The cited serials issued after every cable citing them: a post numbers its cables in order (spec §6), so a
 * cited serial above a held serial of the same origin-year was issued no earlier than that held cable; when
 * the highest held serial below it is dated more than `DATE_SLACK_MS` after the last citing cable
 * (`citedAt`, ms), the citation cannot be to this year's cable (most often a REF to last year's cable that
 * does not say its year, or a typo). Held serials without a date, and cited ones whose citers' date is not
 * known to the day, are not judged. (`gapMap` also spares a serial that a cable of the same post and year with
 * a higher serial cites: the serials are the surer order.)
 *
 * @example
 *   // held 100 dated 2009-07-01; 150 is cited only by a cable of 2009-03-01
 *   issuedAfterCiters(new Map([[100, Date.parse('2009-07-01')]]), new Map([[150, Date.parse('2009-03-01')]])) // Set { 150 }
 */
export function issuedAfterCiters(held: ReadonlyMap<number, number | null>, citedAt: ReadonlyMap<number, number | null>): Set<number> {
  const dated = [...held].filter((e): e is [number, number] => e[1] !== null).sort((a, b) => a[0] - b[0])
  const out = new Set<number>()
  for (const [n, last] of citedAt) {
    if (last === null) continue
    // the highest dated held serial below n
    let lo = 0
    let hi = dated.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (dated[mid][0] < n) lo = mid + 1
      else hi = mid
    }
    const below = dated[lo - 1]
    if (below && below[1] > last + DATE_SLACK_MS) out.add(n)
  }
  return out
}

/**
 * Whether a cited cable dated `cited` was sent after the cable citing it, dated `citing` (stored ISO dates):
 * more than `DATE_SLACK_MS` later, both known to the day at least. Such a cable cannot be the one cited (most
 * often the REF means another year's cable with that serial); `cable show` flags it.
 */
export function datedAfterCiting(cited: string | null, citing: string | null): boolean {
  const a = dayDate(cited)
  const b = dayDate(citing)
  return a !== null && b !== null && a > b + DATE_SLACK_MS
}

/** A stored date (ms) known to the day at least; a year or a month alone says too little to judge by. */
function dayDate(date: string | null): number | null {
  if (!date || date.length < 10) return null
  const t = Date.parse(date)
  return Number.isNaN(t) ? null : t
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
 * Builds the gap map of the cables visible to `access` (held: those he may read whole, or in part when the archive
 * has portion-level access on; cited: ids in the REF lines of those he reads whole), one row per origin and year, busiest gaps first
 * within each origin (rows sorted by origin, then year). An empty `origin`, or one with no letter (keyed to no station), throws `GapOptionError`.
 *
 * @example
 *   const rows = await gapMap(store, { origin: 'QUORIN', year: 2008 })
 *   // [{ origin: 'QUORIN', year: 2008, first: 1, last: 120, held: 40, cited: 3, missing: 80, … }]
 */
export async function gapMap(store: Store, options: GapOptions = {}): Promise<GapRow[]> {
  if (options.origin !== undefined && options.origin.trim() === '') throw new GapOptionError('origin: empty; name a station (HARARE, AMEMBASSY HARARE) or leave the filter out for every origin')
  const wantOrigin = options.origin !== undefined ? originKey(options.origin) : null
  // a value with no letter (`-`, `.`, `%`, `12`) keys to no station: refused like the empty one, never read as
  // "every origin" (QA 12 F1), since a script passing a bad value would silently get the whole map
  if (wantOrigin === '') throw new GapOptionError(`origin: ${JSON.stringify(options.origin)} names no station (a station key or name has letters: HARARE, AMEMBASSY HARARE); leave the filter out for every origin`)
  const groups = new Map<string, Serials>()
  const group = (origin: string, year: number) => {
    const k = `${origin}\t${year}`
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { held: new Map(), cited: new Map(), citedAt: new Map() }))
    return g
  }
  // every year of the wanted posts is read: a small origin-year is judged against its post's other years
  const wanted = (p: { origin: string }) => wantOrigin === null || p.origin === wantOrigin
  const pause = breather()
  // a cable he may read in part (portion-level access) is held for him: its id is named by every hit he gets, so
  // counting it missing would tell him his own search results are not in the archive (QA 14r7 W1); its date is the
  // one his search shows. What it cites stays out (`referencedIds`, `citing`: whole-cable rule), as its REF lines
  // stand at its overall level, withheld from him, so nothing here reads a withheld line.
  const heldAccess = await researchAccess(store, options.access)
  for await (const hit of store.search(null, { sort: 'date' }, heldAccess)) {
    await pause()
    const p = hit.id ? splitId(hit.id) : null
    if (!p || !wanted(p)) continue
    // a date known only to the year or month says nothing about the day it was sent: the cable counts as undated,
    // neither placed in January nor an anchor for the missing serials around it (QA 14 round 8, F4)
    group(p.origin, p.year).held.set(p.serial, dayDate(hit.date))
  }
  for (const ref of await store.referencedIds(options.access)) {
    const p = splitId(ref.id)
    if (!p || !wanted(p)) continue
    const g = group(p.origin, p.year)
    if (g.held.has(p.serial)) continue
    g.cited.set(p.serial, ref.id)
    g.citedAt.set(p.serial, dayDate(ref.lastCitedAt))
  }
  // set aside, per group: fenced (origin-years of enough serials) first, so the scale of a post is
  // read from serials that stand
  const odd = new Map<string, Map<number, GapOutlierReason>>()
  const setAside = (k: string, serials: Iterable<number>, reason: GapOutlierReason) => {
    let m = odd.get(k)
    if (!m) odd.set(k, (m = new Map()))
    for (const n of serials) if (!m.has(n)) m.set(n, reason)
  }
  const small: string[] = []
  const postSerials = new Map<string, { key: string; serial: number }[]>()
  for (const [k, g] of groups) {
    if (g.held.size + g.cited.size < OUTLIER_MIN_SERIALS) small.push(k)
    else setAside(k, serialOutliers(g.held.keys(), g.cited.keys()), 'fence')
  }
  for (const [k, g] of groups) {
    const origin = k.split('\t')[0]
    let list = postSerials.get(origin)
    if (!list) postSerials.set(origin, (list = []))
    for (const n of g.held.keys()) list.push({ key: k, serial: n })
    for (const n of g.cited.keys()) if (!odd.get(k)?.has(n)) list.push({ key: k, serial: n })
  }
  for (const k of small) {
    const g = groups.get(k)!
    const others = postSerials.get(k.split('\t')[0])!.filter((e) => e.key !== k || g.held.has(e.serial))
    // the other serials of this year count too, but never the cited one being judged
    for (const n of g.cited.keys()) {
      const without = others.concat([...g.cited.keys()].filter((m) => m !== n).map((m) => ({ key: k, serial: m })))
      setAside(k, scaleOutliers([n], without.map((e) => e.serial)), 'scale')
    }
  }

  const rows: GapRow[] = []
  for (const [k, g] of groups) {
    const [origin, year] = k.split('\t')
    if (options.year && Number(year) !== options.year) continue
    const citers = new Map<number, CableSummary[]>()
    const citersOf = async (n: number) => {
      let c = citers.get(n)
      if (!c) citers.set(n, (c = await store.citing(g.cited.get(n)!, options.access)))
      return c
    }
    for (const n of issuedAfterCiters(g.held, g.citedAt)) {
      if (odd.get(k)?.has(n)) continue
      // a cable of the same post and year citing it from a higher serial was numbered after it, whatever the
      // dates say: the serials of a post are the surer order
      const later = (await citersOf(n)).some((c) => {
        const p = c.id ? splitId(c.id) : null
        return p !== null && p.origin === origin && p.year === Number(year) && p.serial > n
      })
      if (!later) setAside(k, [n], 'date')
    }
    const outliers: GapOutlier[] = []
    const mine = odd.get(k) ?? new Map<number, GapOutlierReason>()
    for (const [n, reason] of [...mine].sort((a, b) => a[0] - b[0])) {
      const citing = await citersOf(n)
      outliers.push({ id: g.cited.get(n)!, serial: n, reason, citedBy: citing.map((c) => c.key).sort() })
    }
    for (const n of mine.keys()) g.cited.delete(n)
    rows.push({ ...gapRow(origin, Number(year), g), outliers })
  }
  return rows.sort((a, b) => a.origin.localeCompare(b.origin) || a.year - b.year)
}

function gapRow(origin: string, year: number, g: Serials): Omit<GapRow, 'outliers'> {
  const all = [...g.held.keys(), ...g.cited.keys()]
  // every serial set aside: nothing spans a range
  const first = all.length ? Math.min(...all) : 0
  const last = all.length ? Math.max(...all) : 0
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
  for (let n = first; all.length > 0 && n <= last; n++) {
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
    coverage: all.length ? g.held.size / (last - first + 1) : 0,
    byMonth,
    citedMissing: [...g.cited].sort((a, b) => a[0] - b[0]).map(([, id]) => id),
  }
}
