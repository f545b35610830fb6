import { firstNonSpaceCode } from './char-codes.js'
import type { Envelope } from './model.js'

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const

const pad = (n: number, width: number) => String(n).padStart(width, '0')
/** `pad(n, 2)` for an integer from 0 to 99, without a String and padStart call per field (every cable's date). */
const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`)

/** The parts of a date-time group (spec §4.3), always in UTC. */
export interface DtgParts {
  day: string
  time: string
  month: string
  year: string
}

/**
 * Date-time group of an instant as parts, UTC whatever the machine's zone; the inverse of `dtgToIso`.
 *
 * @example
 *   dtgParts(new Date('2009-09-24T19:36:00Z')) // { day: '24', time: '1936', month: 'SEP', year: '09' }
 */
export function dtgParts(at: Date): DtgParts {
  return {
    day: pad(at.getUTCDate(), 2),
    time: pad(at.getUTCHours(), 2) + pad(at.getUTCMinutes(), 2),
    month: MONTHS[at.getUTCMonth()],
    year: pad(at.getUTCFullYear() % 100, 2),
  }
}

/** `241936Z SEP 09` */
export function formatDtg(at: Date): string {
  const p = dtgParts(at)
  return `${p.day}${p.time}Z ${p.month} ${p.year}`
}

/** FL3 filing time `JJJHHMM`: day of the year and UTC time (`2671955`). */
export function filingTime(at: Date): string {
  const start = Date.UTC(at.getUTCFullYear(), 0, 1)
  const day = Math.floor((at.getTime() - start) / 86_400_000) + 1
  return pad(day, 3) + pad(at.getUTCHours(), 2) + pad(at.getUTCMinutes(), 2)
}

/** Two-digit years: Cablegate spans 1966–2010, so 66–99 are 19xx and the rest 20xx. */
export function fullYear(yy: string): number {
  if (yy.length === 4) return Number(yy)
  const n = Number(yy)
  return n >= 66 ? 1900 + n : 2000 + n
}

/** ISO 8601 UTC from an FL5 date-time group; null when it names no real date. */
export function dtgToIso(dtg: NonNullable<Envelope['dtg']>): string | null {
  const month = MONTHS.indexOf(dtg.month.toUpperCase() as (typeof MONTHS)[number])
  const day = Number(dtg.day)
  const hour = Number(dtg.time.slice(0, 2))
  const minute = Number(dtg.time.slice(2))
  if (month < 0 || hour > 23 || minute > 59) return null
  return isoFrom(fullYear(dtg.year), month, day, hour, minute)
}

function isoFrom(year: number, month: number, day: number, hour: number, minute: number): string | null {
  // the common case written out: a Date and toISOString per date were a measurable share of parsing
  if (year >= 100 && year <= 9999 && month >= 0 && month <= 11 && Number.isInteger(day) && day >= 1 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59) {
    if (!Number.isInteger(hour) || !Number.isInteger(minute) || !Number.isInteger(year)) return isoFromDate(year, month, day, hour, minute)
    if (day > daysInMonth(year, month)) return null
    return `${year >= 1000 ? year : pad(year, 4)}-${two(month + 1)}-${two(day)}T${two(hour)}:${two(minute)}:00Z`
  }
  return isoFromDate(year, month, day, hour, minute)
}

/** Days in a month (0-based) of the proleptic Gregorian calendar, as Date counts them. */
export function daysInMonth(year: number, month: number): number {
  if (month === 1) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31
}

/** Any date Date.UTC accepts (two-digit years read as 19xx, out-of-range fields rolled over, then refused). */
function isoFromDate(year: number, month: number, day: number, hour: number, minute: number): string | null {
  const d = new Date(Date.UTC(year, month, day, hour, minute))
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month) return null
  return d.toISOString().replace('.000Z', 'Z')
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

/**
 * A dateline of a newspaper-derived or e-mailed copy, used when the DTG is lost:
 *   Friday, 18 December 2009, 11:04        TELEGRAM        June 03, 2003
 */
export function datelineToIso(text: string): { iso: string; index: number; length: number } | null {
  const dayFirst = /\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})(?:,\s+(\d{1,2}):(\d{2}))?/i.exec(text)
  const monthFirst = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s+(\d{4})\b/i.exec(text)
  const pick =
    dayFirst && (!monthFirst || dayFirst.index <= monthFirst.index)
      ? { m: dayFirst, day: dayFirst[1], month: dayFirst[2], year: dayFirst[3], hh: dayFirst[4], mm: dayFirst[5] }
      : monthFirst
        ? { m: monthFirst, day: monthFirst[2], month: monthFirst[1], year: monthFirst[3], hh: undefined, mm: undefined }
        : null
  if (!pick) return null
  const iso = isoFrom(Number(pick.year), MONTH_NAMES.indexOf(pick.month.toLowerCase()), Number(pick.day), Number(pick.hh ?? 0), Number(pick.mm ?? 0))
  return iso ? { iso, index: pick.m.index, length: pick.m[0].length } : null
}

/**
 * An archive's date stamp at the start of a line, run into what follows it (`Cable dated:2005-08-17T21:24:00]C O N
 * F I D E N T I A L …`). Cablegate copies put it above the class line; where the same text also holds a DTG, the
 * stamp names the DTG's minute (all 15 such records of the dev corpus).
 */
const DATE_STAMP = /^\s*Cable dated:\s?(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?\]?/
/** The MRN of a class line (spec §5.2) run into the stamp or on the next line: class word, section, origin, serial. */
const STAMP_MRN = /^\s*(?:S\s?E\s?C\s?R\s?E\s?T|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|UNCLAS(?:SIFIED)?|LIMITED\s+OFFICIAL\s+USE|T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T)\s+(?:SECTION\s+\d{1,2}\s+OF\s+\d{1,2}\s+)?([A-Z]+(?:\s[A-Z]+){0,4}?)\s+(\d{1,7})/

/** A `Cable dated:` stamp: its date, its line, and the origin and serial of the class line it stands on, if any. */
export interface DateStamp {
  iso: string
  line: number
  mrn: { origin: string; serial: number } | null
}

/**
 * The first `Cable dated:` stamp among the first 60 lines, with the MRN of the class line run into it (or on the
 * next non-blank line), so a caller can tell whose date it is; null when there is none or it names no real date.
 */
export function findDateStamp(lines: readonly { text: string; blank: boolean }[]): DateStamp | null {
  for (let i = 0; i < lines.length && i < 60; i++) {
    const t = lines[i].text
    // `^\s*Cable dated:`: a line whose first character other than white space is no C holds no stamp (one look
    // at its start, where a search of every line for the words cost more than the rest of this function)
    if (firstNonSpaceCode(t) !== 67 /* C */ || !t.includes('Cable dated:')) continue
    const m = DATE_STAMP.exec(t)
    if (!m) continue
    const iso = isoFrom(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
    if (!iso) return null
    let rest = t.slice(m[0].length)
    if (rest.trim() === '') {
      let j = i + 1
      while (j < lines.length && lines[j].blank) j++
      rest = j < lines.length ? lines[j].text : ''
    }
    const mrn = STAMP_MRN.exec(rest)
    return { iso, line: i, mrn: mrn ? { origin: mrn[1].replace(/\s+/g, ''), serial: Number(mrn[2]) } : null }
  }
  return null
}
