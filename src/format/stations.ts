import { ORIGIN_ALIASES, ID_ORIGINS } from './data/origin-aliases.js'
import { DIRECTORY_ORIGINS } from './data/station-origins.js'

/**
 * The directory of stations as reference ids spell their origins (`NEWDELHI`, `THEHAGUE`, `STATE`), and the
 * repair of origins an archive or a text misspelled, abbreviated or cut short (spec §6.2):
 *
 *   KINSHA → KINSHASA (NARA cuts origins to six letters)   NEWDE → NEWDELHI   BISHIEK → BISHKEK   QRIPOLI → TRIPOLI
 *
 * One general rule, no list of cables: an origin the directory knows is kept; else a unique station it is the
 * beginning of (five letters or more), else a unique station one edit away (six letters or more; two edits
 * from ten letters). Two stations equally close: no repair, and the caller says so.
 */
const key = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '')
const STATIONS: ReadonlySet<string> = new Set([...DIRECTORY_ORIGINS.map((o) => ORIGIN_ALIASES[key(o)] ?? key(o)), ...ID_ORIGINS])
const STATION_LIST = [...STATIONS]

export type OriginRepair =
  | { kind: 'known'; origin: string }
  | { kind: 'repaired'; origin: string; how: 'truncation' | 'spelling' }
  | { kind: 'ambiguous'; origin: string; candidates: string[] }
  | { kind: 'unknown'; origin: string }

/** True when the origin (id form, letters only) names a station of the directory. */
export function isStation(origin: string): boolean {
  return STATIONS.has(origin)
}

/** The longest station name a PLAD writes in words (`BANDAR SERI BEGAWAN`, `USUN NEW YORK NY`). */
const MAX_PLACE_WORDS = 4

/**
 * How many of `words` (a PLAD's words after its station word: `THE HAGUE PRIORITY 0042`) name a station of the
 * directory, the longest such run, aliases folded (`RIO DE JANEIRO`, `USUN NEW YORK`, `THE HAGUE`); 0 when no
 * leading run of up to four words does.
 *
 * @example
 *   stationPlaceWords(['RIO', 'DE', 'JANEIRO', '0412'])  // 3
 *   stationPlaceWords(['QUORIN', 'PRIORITY'])            // 0
 */
export function stationPlaceWords(words: readonly string[]): number {
  let found = 0
  let joined = ''
  for (let i = 0; i < Math.min(words.length, MAX_PLACE_WORDS); i++) {
    joined += key(words[i])
    if (joined && STATIONS.has(ORIGIN_ALIASES[joined] ?? joined)) found = i + 1
  }
  return found
}

const cache = new Map<string, OriginRepair>()

/**
 * The station an id origin (upper-case letters, aliases already folded) stands for.
 *
 * @example
 *   repairOrigin('KINSHA')  // { kind: 'repaired', origin: 'KINSHASA', how: 'truncation' }
 *   repairOrigin('SAIGON')  // { kind: 'unknown', origin: 'SAIGON' }  (a closed post: kept as written)
 */
export function repairOrigin(origin: string): OriginRepair {
  if (STATIONS.has(origin)) return { kind: 'known', origin }
  const hit = cache.get(origin)
  if (hit) return hit
  const result = findRepair(origin)
  if (cache.size > 10_000) cache.clear()
  cache.set(origin, result)
  return result
}

function findRepair(origin: string): OriginRepair {
  if (origin.length >= 5) {
    const longer = STATION_LIST.filter((s) => s.length > origin.length && s.startsWith(origin))
    if (longer.length === 1) return { kind: 'repaired', origin: longer[0], how: 'truncation' }
    if (longer.length > 1) return { kind: 'ambiguous', origin, candidates: longer.sort() }
  }
  if (origin.length >= 6) {
    const limit = origin.length >= 10 ? 2 : 1
    let best = limit + 1
    let found: string[] = []
    for (const s of STATION_LIST) {
      if (Math.abs(s.length - origin.length) > limit) continue
      const d = editDistance(origin, s, limit + 1)
      if (d > limit || d > best) continue
      if (d < best) {
        best = d
        found = [s]
      } else found.push(s)
    }
    if (found.length === 1) return { kind: 'repaired', origin: found[0], how: 'spelling' }
    if (found.length > 1) return { kind: 'ambiguous', origin, candidates: found.sort() }
  }
  return { kind: 'unknown', origin }
}

/** Levenshtein distance, giving up (returning `cap`) once every path is at least `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  let prev = new Array<number>(b.length + 1)
  let cur = new Array<number>(b.length + 1)
  for (let j = 0; j <= b.length; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    let rowMin = cur[0]
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if (cur[j] < rowMin) rowMin = cur[j]
    }
    if (rowMin >= cap) return cap
    ;[prev, cur] = [cur, prev]
  }
  return prev[b.length]
}
