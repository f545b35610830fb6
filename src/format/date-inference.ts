import { daysInMonth, fullYear, MONTHS } from './dates.js'
import type { DateSource } from './model.js'

/**
 * Dates of partial records (spec §4.3, §5.3, §5.5): a text that lost its DTG still holds pieces of it.
 *
 *   PAGE 02        HARARE  05461  01 OF 02  271458Z     day and time of the DTG (legacy page header)
 *   ------------------8A8E0D  271459Z /38               the same on the legacy routing rule line
 *   E.O. 12958: DECL: 09/21/2010                        the month (and year) the drafter dated the text
 *   00HARARE5461                                        the year in the reference id (text, file name, archive)
 *
 * The result says what it rests on and how precise it is; it is never presented as read.
 */
export interface InferredDate {
  /** Reduced-precision ISO 8601: `2000-09-27T14:58:00Z` (minute), `2000-09` (month), `2000` (year). */
  date: string
  source: DateSource
}

export interface DateClues {
  /** Lines of the text, in order (page headers and rule lines are looked for among them). */
  lines: readonly { text: string }[]
  /** Two- or four-digit year from the reference id or the MRN, null when unknown. */
  year: string | null
  /** Where `year` comes from (`id`, `id-hint`, `mrn`). */
  yearFrom: string
  /** The E.O. line's DECL value as parsed (ISO `2010-09-21` when it is a date). */
  declassify: string | null
  /**
   * A DTG line that states no year (`R 151646Z OCT`): its day (1–31), time (`HHMM`) and month (0–11), read; the year
   * is taken from `year`, else from the dates the text writes (`textDateYear`). Absent or null when there is none.
   */
  dtg?: { day: number; time: string; month: number } | null
}

// `PAGE 02 HARARE 05461 01 OF 02 271458Z`, and the routing rule `-----…8A8E0D  271459Z /38`
const PAGE_DTG = /^\s*PAGE\s+\d{1,3}\s+\S.*?\s(\d{2})(\d{4})Z\b/
const RULE_DTG = /^\s*-{6,}\s*[0-9A-F]{4,8}\s+(\d{2})(\d{4})Z\b/
const MONTH_NAME = /\b(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?\s+(\d{1,2})(?!\d)/gi

/**
 * A date put together from the clues of a text without a DTG, or null when not even the year is known.
 * Precision is `minute` when a page header gives day and time and the month is known, `month` when only
 * the DECL date dates the text, `year` when only the id does.
 *
 * @example
 *   inferDate({ lines, year: '00', yearFrom: 'id', declassify: '2010-09-21' })
 *   // { date: '2000-09-27T14:58:00Z', source: { basis: 'inferred', from: ['page-header', 'decl-month', 'id'], precision: 'minute' } }
 */
export function inferDate(clues: DateClues): InferredDate | null {
  if (clues.dtg) {
    const read = fromYearlessDtg(clues, clues.dtg)
    if (read) return read
  }
  if (clues.year === null || !/^\d{2}(\d{2})?$/.test(clues.year)) return null
  const year = fullYear(clues.year)
  const dayTime = pageDayTime(clues.lines)
  const decl = declMonth(clues.declassify, year)
  const from: string[] = []
  let month: number | null = null
  if (decl) {
    month = decl.month
    // the DECL date is written when the text is drafted; a page header day before it is the next month's
    if (dayTime && dayTime.day < decl.day) month++
    from.push('decl-month')
  } else if (dayTime) {
    month = mentionedMonth(clues.lines, dayTime.day)
    if (month !== null) from.push('text-month')
  }
  const y = year
  if (month !== null && month > 11) {
    // January after a December DECL date would be the next year, which the id contradicts: the month is unknown
    month = null
    from.length = 0
  }
  const iso = (n: number, w: number) => String(n).padStart(w, '0')
  if (month !== null && dayTime && dayTime.day <= daysInMonth(y, month)) {
    return {
      date: `${iso(y, 4)}-${iso(month + 1, 2)}-${iso(dayTime.day, 2)}T${dayTime.time.slice(0, 2)}:${dayTime.time.slice(2)}:00Z`,
      source: { basis: 'inferred', from: ['page-header', ...from, clues.yearFrom], precision: 'minute' },
    }
  }
  if (month !== null && decl) return { date: `${iso(y, 4)}-${iso(month + 1, 2)}`, source: { basis: 'inferred', from: ['decl-month', clues.yearFrom], precision: 'month' } }
  return { date: iso(year, 4), source: { basis: 'inferred', from: [clues.yearFrom], precision: 'year' } }
}

/** Day and time of the first page header (or routing rule line) that carries a DTG's `DDHHMMZ`. */
function pageDayTime(lines: DateClues['lines']): { day: number; time: string } | null {
  for (const l of lines) {
    const t = l.text
    if (t.length > 120) continue
    const m = PAGE_DTG.exec(t) ?? RULE_DTG.exec(t)
    if (!m) continue
    const day = Number(m[1])
    const hour = Number(m[2].slice(0, 2))
    const minute = Number(m[2].slice(2))
    if (day >= 1 && day <= 31 && hour <= 23 && minute <= 59) return { day, time: m[2] }
  }
  return null
}

/**
 * The DECL date's month when the DECL date reads as the drafting date moved on by whole years of a
 * classification period (0, 5, 10, … 30 years, E.O. 12958 §1.5 and its successors); null otherwise
 * (a fixed event date, `X1`, `OADR`). Measured on the partial records of the dev corpus: the month is the
 * publisher's in 9 cases of 10.
 */
function declMonth(declassify: string | null, year: number): { month: number; day: number } | null {
  const m = declassify ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(declassify) : null
  if (!m) return null
  const offset = Number(m[1]) - year
  if (offset < 0 || offset > 30 || offset % 5 !== 0) return null
  return { month: Number(m[2]) - 1, day: Number(m[3]) }
}

/**
 * The month the text names for a page-header day without a DECL date (`ON MARCH 28`, `SEPT 3`). A cable
 * reports what happened up to the day it is sent, so a month named with a day on or before the page header's
 * day (`NOV 01` in a text sent on the 2nd) is more likely the sending month than one named with a later day
 * (`SEPTEMBER 11`, then two months past); among those, the month named most often wins, then the month named
 * most often at all.
 */
function mentionedMonth(lines: DateClues['lines'], pageDay: number): number | null {
  const upToDay = new Array<number>(12).fill(0)
  const counts = new Array<number>(12).fill(0)
  for (const l of lines) {
    if (!/\d/.test(l.text)) continue
    MONTH_NAME.lastIndex = 0
    for (let m = MONTH_NAME.exec(l.text); m; m = MONTH_NAME.exec(l.text)) {
      const k = MONTHS.indexOf(m[1].slice(0, 3).toUpperCase() as (typeof MONTHS)[number])
      const day = Number(m[2])
      if (k < 0 || day < 1 || day > 31) continue
      counts[k]++
      if (day <= pageDay) upToDay[k]++
    }
  }
  let best = -1
  for (let k = 0; k < 12; k++) {
    if (counts[k] === 0) continue
    if (best < 0 || upToDay[k] > upToDay[best] || (upToDay[k] === upToDay[best] && counts[k] > counts[best])) best = k
  }
  return best < 0 ? null : best
}

/**
 * The date of a DTG that states no year (`R 151646Z OCT`), precise to the minute: day, time and month as the DTG
 * writes them, the year of the id or MRN (`clues.year`, from `clues.yearFrom`), else the one year the text's own
 * dates give (`textDateYear`, from `text-date`, with `decl-year` when the DECL date chose it). Null when the DTG
 * names no real day or time, or no year is known.
 *
 * @example
 *   fromYearlessDtg({ lines, year: '09', yearFrom: 'id', declassify: null }, { day: 15, time: '1646', month: 9 })
 *   // { date: '2009-10-15T16:46:00Z', source: { basis: 'inferred', from: ['dtg-no-year', 'id'], precision: 'minute' } }
 */
function fromYearlessDtg(clues: DateClues, dtg: NonNullable<DateClues['dtg']>): InferredDate | null {
  const hour = Number(dtg.time.slice(0, 2))
  const minute = Number(dtg.time.slice(2))
  if (dtg.month < 0 || dtg.month > 11 || dtg.day < 1 || hour > 23 || minute > 59) return null
  let year: number | null = null
  const from = ['dtg-no-year']
  if (clues.year !== null && /^\d{2}(\d{2})?$/.test(clues.year)) {
    year = fullYear(clues.year)
    from.push(clues.yearFrom)
  } else {
    const found = textDateYear(clues.lines, dtg, clues.declassify)
    if (found) {
      year = found.year
      from.push('text-date', ...(found.byDecl ? ['decl-year'] : []))
    }
  }
  if (year === null || dtg.day > daysInMonth(year, dtg.month)) return null
  const two = (n: number) => String(n).padStart(2, '0')
  return {
    date: `${year}-${two(dtg.month + 1)}-${two(dtg.day)}T${dtg.time.slice(0, 2)}:${dtg.time.slice(2)}:00Z`,
    source: { basis: 'inferred', from, precision: 'minute' },
  }
}

/** How far before the DTG's day a date the text writes may lie to date the cable's year (a cable reports its week). */
const TEXT_DATE_DAYS = 7
/** `OCTOBER 14, 2009`, `Oct. 14 2009`, `14 OCTOBER 2009`, `10/14/2009` (US order, as the E.O. line writes dates). */
const FULL_DATE =
  /\b(?:(JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)|(\d{1,2})\s+(JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?,?\s+((?:19|20)\d\d)|(\d{1,2})\/(\d{1,2})\/((?:19|20)\d\d))\b/gi

/**
 * The year of a cable whose DTG states none, from the dates its text writes: a full date (day, month and four-digit
 * year) in the DTG's month, on its day or up to `TEXT_DATE_DAYS` before (a cable reports what happened up to the day
 * it is sent; later dates and other months are plans and history), never on an E.O. line (its DECL date is years
 * ahead). When the DECL date reads as the drafting date moved on by whole five-year periods (its month and day those
 * of the DTG or up to three days before, as `declMonth` reads it), only the years it allows count (`byDecl`). Null
 * when no year or more than one remains: two years equally likely are no inference.
 */
function textDateYear(lines: DateClues['lines'], dtg: NonNullable<DateClues['dtg']>, declassify: string | null): { year: number; byDecl: boolean } | null {
  const years = new Set<number>()
  for (const l of lines) {
    const t = l.text
    // a date needs a four-digit year: a line without 19 or 20 in it holds none (most lines)
    if (t.indexOf('19') === -1 && t.indexOf('20') === -1) continue
    if (/\bDECL\b|\bE\.\s?O\./i.test(t)) continue
    FULL_DATE.lastIndex = 0
    for (let m = FULL_DATE.exec(t); m; m = FULL_DATE.exec(t)) {
      const name = m[1] ?? m[5]
      const month = name !== undefined ? MONTHS.indexOf(name.slice(0, 3).toUpperCase() as (typeof MONTHS)[number]) : Number(m[7]) - 1
      const day = Number(m[2] ?? m[4] ?? m[8])
      const year = Number(m[3] ?? m[6] ?? m[9])
      if (month === dtg.month && day <= dtg.day && dtg.day - day <= TEXT_DATE_DAYS) years.add(year)
    }
  }
  const d = declassify ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(declassify) : null
  const byDecl = d !== null && Number(d[2]) - 1 === dtg.month && dtg.day - Number(d[3]) >= 0 && dtg.day - Number(d[3]) <= 3
  const allowed = byDecl ? [...years].filter((y) => Number(d[1]) - y >= 0 && Number(d[1]) - y <= 30 && (Number(d[1]) - y) % 5 === 0) : [...years]
  return allowed.length === 1 ? { year: allowed[0], byDecl: byDecl && years.size > 1 } : null
}
