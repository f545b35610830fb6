import { canonicalId, idOrigin } from '../../format/ids.js'

/**
 * Meaning of attribute field values (`date:`, `class:`, `precedence:`, `origin:`, `id:`), shared by the
 * parser (to reject bad values with a position) and by every engine (to compile them).
 */

/** A half-open ISO date interval: `from` inclusive, `to` exclusive; null = unbounded. */
export interface DateRange {
  from: string | null
  to: string | null
}

const DATE_VALUE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/**
 * The years a date value may name: a period's end must still be a four-digit year (the bounds are compared as
 * ISO strings), so 9999 has no expressible end; year 0 does not exist in the calendar cables use.
 */
export const MIN_YEAR = 1
export const MAX_YEAR = 9998

/** Why a date value's year is out of range (`year 9999 is out of range: …`), or null when it is not. */
export function dateYearProblem(value: string): string | null {
  for (const m of value.matchAll(/(?:^|\.\.)(\d{4})/g)) {
    const year = Number(m[1])
    if (year < MIN_YEAR || year > MAX_YEAR) return `year ${m[1]} is out of range: dates run from ${String(MIN_YEAR).padStart(4, '0')} to ${MAX_YEAR}`
  }
  return null
}

/**
 * The start of a period (`2009`, `2009-09`, `2009-09-24`) and the start of the next one, each written to the
 * value's precision (`2009-09` → `2009-09`..`2009-10`), compared as ISO strings; null if invalid.
 */
export function datePeriod(value: string): DateRange | null {
  const m = DATE_VALUE.exec(value)
  if (!m) return null
  const year = Number(m[1])
  const month = m[2] === undefined ? null : Number(m[2])
  const day = m[3] === undefined ? null : Number(m[3])
  if (month !== null && (month < 1 || month > 12)) return null
  if (year < MIN_YEAR || year > MAX_YEAR) return null
  const start = new Date(Date.UTC(2000, (month ?? 1) - 1, day ?? 1))
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999
  start.setUTCFullYear(year, (month ?? 1) - 1, day ?? 1)
  if (day !== null && start.getUTCDate() !== day) return null
  const end = new Date(start)
  if (day !== null) end.setUTCDate(end.getUTCDate() + 1)
  else if (month !== null) end.setUTCMonth(end.getUTCMonth() + 1)
  else end.setUTCFullYear(end.getUTCFullYear() + 1)
  // bounds written to the value's own precision: a cable dated only to its month (`2009-09`, an inferred
  // date) sorts inside `2009` and `2009-09` and outside any one day of it
  const width = day !== null ? 10 : month !== null ? 7 : 4
  const iso = (d: Date) => d.toISOString().slice(0, width)
  return { from: iso(start), to: iso(end) }
}

/**
 * The `from` bound of a `DateRange` as engines compare stored dates against it (`date >= bound`): a cable
 * dated only to its year or month (an inferred date, `2009`, `2009-09`) matches a range only when its whole
 * period lies inside, and a period starting on the range's first day is inside, though `2009` sorts before
 * `2009-01-01`. Trailing `-01`s come off (`2009-01-01` → `2009`, `2009-10-01` → `2009-10`): the strings that
 * sort between the two are exactly the periods that start on that day. The `to` bound needs the mirror rule,
 * in SQL: `date < to` and `to` not inside the cable's period (`substr(to, 1, length(date)) <> date`).
 *
 * @example
 *   dateFromBound('2009-01-01') // '2009'
 */
export function dateFromBound(from: string): string {
  return from.replace(/(?:-01)+$/, '')
}

/**
 * The interval a `date` field selects: `date:2009`, `date:2009-09..2009-12` (both ends inclusive periods),
 * `date:..2009-06`, `date:2010..`, `date>=2009-09`, `date<2010`. Null when the value is not a date.
 */
export function dateRange(op: string, value: string): DateRange | null {
  if (op === ':' && value.includes('..')) {
    const [a, b] = value.split('..', 2)
    const lo = a === '' ? { from: null, to: null } : datePeriod(a)
    const hi = b === '' ? { from: null, to: null } : datePeriod(b)
    if (!lo || !hi || (a === '' && b === '')) return null
    return { from: lo.from, to: hi.to }
  }
  const p = datePeriod(value)
  if (!p) return null
  switch (op) {
    case ':':
      return p
    case '>=':
      return { from: p.from, to: null }
    case '>':
      return { from: p.to, to: null }
    case '<=':
      return { from: null, to: p.to }
    default:
      return { from: null, to: p.from }
  }
}

const LEVEL_WORDS: Record<string, number> = {
  U: 0,
  UNCLAS: 0,
  UNCLASSIFIED: 0,
  SBU: 1,
  LOU: 1,
  FOUO: 1,
  SENSITIVE: 1,
  'LIMITED OFFICIAL USE': 1,
  'UNCLASSIFIED//FOR OFFICIAL USE ONLY': 1,
  C: 2,
  CONFIDENTIAL: 2,
  S: 3,
  SECRET: 3,
  TS: 4,
  'TOP SECRET': 4,
}

/** Level names by rank, for display and facets. */
export const LEVEL_NAMES = ['UNCLASSIFIED', 'SBU', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'] as const

/** Caveats a `class:` value may name (and that access control knows). */
export const KNOWN_CAVEATS = ['NOFORN', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'ORCON', 'CHEROKEE', 'SPECAT'] as const

/**
 * `class:SECRET`, `class:NOFORN`, `class:"SECRET//NOFORN"`, `class>=C`: a level rank and/or required caveats.
 * Null when a part is not a level or known caveat.
 */
export function classValue(value: string): { level: number | null; caveats: string[] } | null {
  const upper = value.toUpperCase().trim().replace(/\s+/g, ' ')
  if (upper in LEVEL_WORDS) return { level: LEVEL_WORDS[upper], caveats: [] }
  const parts = upper.split('//').map((p) => p.trim())
  let level: number | null = null
  const caveats: string[] = []
  for (const [i, part] of parts.entries()) {
    if (i === 0 && part in LEVEL_WORDS) level = LEVEL_WORDS[part]
    else if ((KNOWN_CAVEATS as readonly string[]).includes(part)) caveats.push(part)
    else if (part === 'NF') caveats.push('NOFORN')
    else return null
  }
  return { level, caveats }
}

const PRECEDENCES: Record<string, string> = {
  FLASH: 'FLASH',
  Z: 'FLASH',
  NIACT: 'NIACT IMMEDIATE',
  'NIACT IMMEDIATE': 'NIACT IMMEDIATE',
  IMMEDIATE: 'IMMEDIATE',
  O: 'IMMEDIATE',
  PRIORITY: 'PRIORITY',
  P: 'PRIORITY',
  ROUTINE: 'ROUTINE',
  R: 'ROUTINE',
}

/**
 * The stored form a `tag:` or `caption:` value is compared with (a prefix when the condition is one): upper case,
 * blanks around it dropped, each run of blanks inside one space (`" specat  exclusive "` → `SPECAT EXCLUSIVE`).
 */
export function tagCaptionValue(value: string): string {
  return value.toUpperCase().trim().replace(/\s+/g, ' ')
}

/** Normalised precedence word for a `precedence:` value, null when unknown. */
export function precedenceValue(value: string): string | null {
  return PRECEDENCES[value.toUpperCase().trim().replace(/\s+/g, ' ')] ?? null
}

const ORIGIN_NAMES: Record<string, string> = { SECSTATE: 'STATE', SECRETARYOFSTATE: 'STATE', WASHDC: 'STATE', SECSTATEWASHDC: 'STATE' }

/**
 * Station key of an origin as ids spell it: `Embassy San Jose`, `AMEMBASSY SAN JOSE` and `SANJOSE` all give
 * `SANJOSE`; `Secretary of State` gives `STATE`.
 */
export function originKey(origin: string): string {
  const squashed = origin.toUpperCase().replace(/[^A-Z]/g, '')
  const stripped = squashed.replace(/^(AMEMBASSY|EMBASSY|AMCONSUL|CONSULATE|USMISSION|MISSION|AMCONSULATE)(?=[A-Z]{3})/, '')
  return ORIGIN_NAMES[stripped] ?? stripped
}

/** Canonical id for `id:`/`cites:` values, falling back to the value upper-cased (for raw or surrogate keys). */
export function idValue(value: string): string {
  if (value.startsWith('sha256:')) return value
  return canonicalId(value) ?? value.toUpperCase()
}

/**
 * The key prefix an `id:` or `cites:` prefix (`id:…*`) stands for: upper case, and written as NARA document
 * numbers are, read as canonical ids are (spec §6.2): a four-digit year becomes two (`1975DACCA*` →
 * `75DACCA`, `1975*` → `75`), and a prefix that reaches into the serial has its origin repaired and the
 * serial's leading zeros dropped (`1975STATE0123*` → `75STATE123`, `1974KINSHA012*` → `74KINSHASA12`).
 * Any other value is only upper-cased.
 */
export function idPrefixValue(value: string): string {
  const m = /^(?:(?:19|20)(\d\d)|(\d\d))(?:([A-Z]+)(\d*))?$/.exec(value.toUpperCase().replace(/[\s-]+/g, ''))
  if (!m) return value.toUpperCase()
  const yy = m[1] ?? m[2]
  // a two-digit year alone is already a key prefix; an origin without serial digits may be cut short anywhere
  if (m[3] === undefined || m[4] === '') return `${yy}${m[3] ?? ''}`
  return `${yy}${idOrigin(m[3])}${m[4].replace(/^0+/, '')}`
}

/** What a facet shows for a cable with no classification; `classification:"(none)"` selects those cables. */
export const NO_CLASSIFICATION = '(none)'

/**
 * `classification:"SECRET//NOFORN"`: the classification line exactly as stored and as the classification
 * facet lists it, compared upper-cased; null for `(none)` (cables with no classification). Unlike `class:`,
 * `SECRET` here does not match `SECRET//NOFORN`.
 */
export function classificationValue(value: string): string | null {
  const v = value.trim().toUpperCase()
  return v === NO_CLASSIFICATION.toUpperCase() ? null : v
}
