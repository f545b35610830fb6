import { KNOWN_BAD_IDS, ORIGIN_ALIASES, ORIGIN_PREFIXES } from './data/origin-aliases.js'
import { repairOrigin, type OriginRepair } from './stations.js'

/**
 * Reference ids (spec §6): `YY` + origin without spaces + serial without leading zeros, e.g. `09STATE99704`.
 */

// The same origins come back all the time (STATE, the citing post, every candidate a REF item is tried with):
// each spelling is folded once. Bounded, so odd input cannot grow it; the folding is pure, so this is a cache only.
const idOrigins = new Map<string, string>()

/**
 * Origin as it appears in ids: upper case, letters only, aliases folded, a misspelled or truncated origin
 * repaired when one station of the directory is closest (src/format/stations.ts).
 */
export function idOrigin(origin: string): string {
  let folded = idOrigins.get(origin)
  // Stryker disable next-line ConditionalExpression: `true` folds a cached origin again, to the same result (a cache of a pure function); `false`, hidden with it, returns nothing
  if (folded === undefined) {
    // misspelled, abbreviated or cut-short origins (NARA's KINSHA, a text's BISHIEK) come back repaired
    folded = originRepairOf(origin).origin
    // Stryker disable next-line all: the bound only limits memory; cleared or not, the origin is folded the same
    if (idOrigins.size >= 10_000) idOrigins.clear()
    idOrigins.set(origin, folded)
  }
  return folded
}

function stripPrefix(o: string): string {
  for (const prefix of ORIGIN_PREFIXES) if (o.startsWith(prefix) && o.length > prefix.length + 2) return o.slice(prefix.length)
  return o
}

/**
 * True when an id origin (upper-case letters) is a telegram-type word, not a station: it ends in TEL or TELS
 * (`DEPTEL`, `URTEL`, `DEPCIRTEL`, `NAIROBITEL`) and the directory knows no station of that name (spec §5.9).
 * Such a word says whose telegram is meant (src/format/references.ts maps it); it is never an origin itself.
 */
export function isTelegramWord(origin: string): boolean {
  if (!/[A-Z]TELS?$/.test(origin)) return false
  // Stryker disable next-line ConditionalExpression,StringLiteral: no station of today's directory (nor alias) ends in TEL or TELS, so none is known here; the check is for one the directory may learn
  return originRepairOf(origin).kind !== 'known'
}

/**
 * Builds a reference id from its parts; null when a part is missing or the origin is a telegram-type word
 * (`77URTEL4490` is no id: `isTelegramWord`).
 */
export function buildId(year: string | number | null, origin: string | null, serial: string | null): string | null {
  if (year === null || origin === null || serial === null) return null
  const yy = String(year).padStart(2, '0').slice(-2)
  const o = idOrigin(origin)
  const n = serial.replace(/^0+(?=\d)/, '')
  if (!o || !/^\d+$/.test(n) || isTelegramWord(o)) return null
  return `${yy}${o}${n}`
}

// Class-line words glued into ids: SECTION nn OF mm in damaged spellings (SCTION02OF02, SECTIOQ1OF06, 01GF02).
const GLUED_SECTION = /^[A-Z]{0,8}[0-9OQ]?[0-9][A-Z]F[0-9]{1,2}(?=[A-Z])/

/**
 * What became of the origin of an id or MRN on its way into the id: kept, repaired (how), or left as
 * written because two stations are equally close. For the diagnostics of the parser and `cable id`.
 */
export function originRepairOf(origin: string): OriginRepair {
  let r = repairs.get(origin)
  // Stryker disable next-line ConditionalExpression: `true` repairs a cached origin again, to the same result (a cache of a pure function); `false`, hidden with it, returns nothing
  if (r === undefined) {
    const o = stripPrefix(origin.toUpperCase().replace(/[^A-Z]/g, ''))
    r = repairOrigin(ORIGIN_ALIASES[o] ?? o)
    // Stryker disable next-line all: the bound only limits memory; cleared or not, the origin is repaired the same
    if (repairs.size >= 10_000) repairs.clear()
    repairs.set(origin, r)
  }
  return r
}

// Every cable's MRN origin is looked up here (a station's name, written the same way in cable after cable): each
// spelling is read once. Bounded, so odd input cannot grow it; the reading is pure, so this is a cache only.
const repairs = new Map<string, OriginRepair>()

/**
 * Canonical form of a reference id found in text or an archive (spec §6.2), null when it is no id. NARA
 * document numbers (`1974KINSHA01234`) and PlusD forms (`1975NEWDE14031_b`) are read too.
 *
 * @example
 *   canonicalId('08SCTION02OF02SAOPAULO335') // '08SAOPAULO335'
 *   canonicalId('09 STATE 099704')           // '09STATE99704'
 *   canonicalId('05RIO123')                  // '05RIODEJANEIRO123'
 */
export function canonicalId(raw: string): string | null {
  // Stryker disable next-line Regex: removing each space or dash alone removes a run of them just the same
  const s = raw.toUpperCase().replace(/[\s-]+/g, '')
  const known = KNOWN_BAD_IDS[s]
  // Stryker disable next-line ConditionalExpression: both ids of today's table are also read right by the rules below; the table is for damage they cannot read
  if (known) return known
  // a 4-digit year (1973STATE…) or a duplicated 2-digit year (7575LIBREVILLE…) keeps its last two digits
  const y = /^(?:(?:19|20)(\d\d)|(\d\d)\2|(\d\d))(?=[A-Z]|\d{2}[A-Z]F)/.exec(s)
  if (!y) return null
  const year = y[1] ?? y[2] ?? y[3]
  let rest = s.slice(y[0].length)
  const glued = GLUED_SECTION.exec(rest)
  if (glued) rest = rest.slice(glued[0].length)
  // the serial is the first digit run after the origin; glued signals (ZFR, SUSPECTEDDUPLICATE, TOSEC) and
  // PlusD's version suffix (`1975DACCA00292_b`) follow it
  const m = /^([A-Z]+)(\d{1,7})/.exec(rest)
  if (!m) return null
  return buildId(year, m[1], m[2])
}

/** A permissive test for something shaped like a reference id. */
export const REFERENCE_ID = /^[0-9]{2}[A-Z]{4,17}[0-9]{1,7}$/
