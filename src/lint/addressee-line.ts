import { isSpaceCode } from './scan.js'

/** One addressee line split into parts, with offsets relative to the start of the addressee text. */
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
}

export const PRECEDENCE_WORDS = ['FLASH', 'NIACT IMMEDIATE', 'IMMEDIATE', 'PRIORITY', 'ROUTINE'] as const

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

const DIGITS = /^\d+$/
/** Precedence words seen misspelt in released cables. */
const MISSPELT = ['PRIORITY', 'IMMEDIATE', 'ROUTINE']

/**
 * Splits `[RI "/"] PLAD [SP precedence] [SP MCN]` (spec §4.1).
 *   RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 1302
 *   ^ri     ^plad              ^precedence ^mcn
 */
export function parseAddressee(value: string): AddresseeParts {
  // the `\S+` runs of the value, read by character code
  const tokens: Array<{ t: string; at: number }> = []
  for (let i = 0; i < value.length; ) {
    if (isSpaceCode(value.charCodeAt(i))) {
      i++
      continue
    }
    const at = i
    while (i < value.length && !isSpaceCode(value.charCodeAt(i))) i++
    tokens.push({ t: value.slice(at, i), at })
  }
  const parts: AddresseeParts = { ri: null, plad: '', pladStart: 0, precedence: null, precedenceStart: -1, correction: null, mcn: null, mcnStart: -1 }
  const last = tokens[tokens.length - 1]
  if (tokens.length > 1 && DIGITS.test(last.t)) {
    parts.mcn = last.t
    parts.mcnStart = last.at
    tokens.pop()
  }
  const tail = tokens[tokens.length - 1]
  if (tokens.length > 1) {
    const before = tokens[tokens.length - 2]
    if (tail.t === 'IMMEDIATE' && before.t === 'NIACT') {
      parts.precedence = 'NIACT IMMEDIATE'
      parts.precedenceStart = before.at
      tokens.splice(-2)
    } else if ((PRECEDENCE_WORDS as readonly string[]).includes(tail.t) || tail.t === 'NIACT') {
      parts.precedence = tail.t
      parts.precedenceStart = tail.at
      tokens.pop()
    } else {
      // misspellings keep the first letter (PRIOITY, PIORITY, IMMEDAITE): a cheap screen before the edit distance
      const word = tail.t.length >= 6 ? MISSPELT.find((w) => tail.t[0] === w[0] && near(tail.t, w, 2)) : undefined
      if (word) {
        parts.precedence = tail.t
        parts.precedenceStart = tail.at
        parts.correction = word
        tokens.pop()
      }
    }
  }
  if (tokens.length > 0) {
    const first = tokens[0]
    const slash = first.t.indexOf('/')
    if (slash > 0) {
      parts.ri = first.t.slice(0, slash)
      tokens[0] = { t: first.t.slice(slash + 1), at: first.at + slash + 1 }
      if (tokens[0].t === '') tokens.shift()
    }
  }
  if (tokens.length > 0) {
    parts.pladStart = tokens[0].at
    const end = tokens[tokens.length - 1].at + tokens[tokens.length - 1].t.length
    parts.plad = value.slice(parts.pladStart, end)
  }
  return parts
}

/** A collective PLAD ends with `COLLECTIVE` or starts with `ALL ` (spec §4.2). */
export const isCollective = (plad: string): boolean => /\bCOLLECTIVE$/.test(plad) || /^ALL /.test(plad)

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
