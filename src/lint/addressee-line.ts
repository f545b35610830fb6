import { addresseeParts, isCollective } from '../format/addressee.js'

/**
 * One addressee line split into parts, with offsets relative to the start of the addressee text: the core parser's
 * reading (`addresseeParts`, src/format/addressee.ts: route, PLAD, precedence, MCN, `PASS TO` note), so lint checks
 * the parts the archive stores, never a reading of its own.
 */
export interface AddresseeParts {
  ri: string | null
  plad: string
  pladStart: number
  /** Precedence as written (`IMMEDIATE`, `NIACT IMMEDIATE`, `PRIOITY`, `NIACT`), null when absent. */
  precedence: string | null
  precedenceStart: number
  /** The allowed word a misspelling stands for (`PRIOITY` → `PRIORITY`), null when written correctly or absent. */
  correction: string | null
  mcn: string | null
  mcnStart: number
  /** What follows `PASS TO` (spec §4.1), a note to pass the cable on: no part of the PLAD. Null when absent. */
  passTo: string | null
  passToStart: number
}

/** One row of the edit-distance table, reused: the words compared are short (precedences, TAGS, station names). */
let row = new Int32Array(64)

function distance(a: string, b: string): number {
  if (row.length < b.length + 1) row = new Int32Array(b.length + 1)
  for (let j = 0; j <= b.length; j++) row[j] = j
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (ca === b.charCodeAt(j - 1) ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]
}

/** Edit distance at most `max`, used to recognise misspelt precedence words and TAGS. */
export const near = (a: string, b: string, max: number): boolean => Math.abs(a.length - b.length) <= max && distance(a, b) <= max

/** Precedence words seen misspelt in released cables. */
const MISSPELT = ['PRIORITY', 'IMMEDIATE', 'ROUTINE']

/**
 * Splits `[RI "/"] PLAD [SP precedence] [SP MCN] ["PASS TO" note]` (spec §4.1) as the core parser reads it
 * (`addresseeParts`), offsets in `value` as written.
 *   RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 1302 PASS TO USDEL QUORIN
 *   ^ri     ^plad              ^precedence ^mcn         ^passTo
 * Beyond the parser, lint suspects a precedence in the PLAD's last word when the parser read none there: `NIACT`
 * alone (ENV-015), or a word of six letters or more one or two letters off PRIORITY, IMMEDIATE or ROUTINE with its
 * first letter (`PRIORITTY`: a misspelling the parser's list does not hold, ENV-014's correction); the PLAD then ends
 * before it, as the writer meant.
 */
export function parseAddressee(value: string): AddresseeParts {
  const p = addresseeParts(value)
  const parts: AddresseeParts = {
    ri: p.route,
    plad: p.name,
    pladStart: p.nameStart,
    precedence: p.precedence,
    precedenceStart: p.precedenceStart,
    correction: p.precedence !== null && p.precedenceWord !== null && p.precedence !== p.precedenceWord ? p.precedenceWord : null,
    mcn: p.serial,
    mcnStart: p.serialStart,
    passTo: p.passTo,
    passToStart: p.passToStart,
  }
  if (parts.precedence !== null) return parts
  // the PLAD's last word, when the PLAD has another before it
  const m = /(\s+)(\S+)$/.exec(parts.plad)
  if (!m) return parts
  const tail = m[2]
  const word = tail === 'NIACT' ? null : tail.length >= 6 ? MISSPELT.find((w) => tail[0] === w[0] && near(tail, w, 2)) : undefined
  if (word === undefined) return parts
  parts.precedence = tail
  parts.precedenceStart = parts.pladStart + m.index + m[1].length
  parts.correction = word === tail ? null : word
  parts.plad = parts.plad.slice(0, m.index)
  return parts
}

/** A collective PLAD (spec §4.2): the core parser's rule (`isCollective`, src/format/addressee.ts). */
export { isCollective }

/** Precedence letter of a word, for FL2/FL5 comparisons: FLASH Z, (NIACT) IMMEDIATE O, PRIORITY P, ROUTINE R. */
export function letterOf(word: string): string | null {
  switch (word) {
    case 'FLASH':
      return 'Z'
    case 'NIACT IMMEDIATE':
    case 'IMMEDIATE':
      return 'O'
    case 'PRIORITY':
      return 'P'
    case 'ROUTINE':
      return 'R'
    default:
      return null
  }
}

/** 1 = highest. Unknown letters rank lowest so they never win a "highest" comparison. */
export const letterRank = (letter: string): number => ({ Z: 1, O: 2, P: 3, R: 4 })[letter] ?? 9
