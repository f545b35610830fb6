import { isSpaceCode } from '../format/char-codes.js'

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

/** Precedence words seen misspelt in released cables. */
const MISSPELT = ['PRIORITY', 'IMMEDIATE', 'ROUTINE']

/**
 * Splits `[RI "/"] PLAD [SP precedence] [SP MCN]` (spec §4.1).
 *   RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 1302
 *   ^ri     ^plad              ^precedence ^mcn
 */
export function parseAddressee(value: string): AddresseeParts {
  // the `\S+` runs of the value as offsets, read by character code; a token's text is cut only where it is read
  const starts = TOKEN_STARTS
  const ends = TOKEN_ENDS
  let n = 0
  for (let i = 0; i < value.length; ) {
    if (isSpaceCode(value.charCodeAt(i))) {
      i++
      continue
    }
    starts[n] = i
    while (i < value.length && !isSpaceCode(value.charCodeAt(i))) i++
    ends[n++] = i
  }
  const token = (k: number): string => value.slice(starts[k], ends[k])
  const parts: AddresseeParts = { ri: null, plad: '', pladStart: 0, precedence: null, precedenceStart: -1, correction: null, mcn: null, mcnStart: -1 }
  // tokens [lo, hi) are still unread
  let lo = 0
  let hi = n
  if (hi > 1 && allDigits(value, starts[hi - 1], ends[hi - 1])) {
    parts.mcn = token(hi - 1)
    parts.mcnStart = starts[hi - 1]
    hi--
  }
  if (hi > 1) {
    const tail = token(hi - 1)
    if (tail === 'IMMEDIATE' && token(hi - 2) === 'NIACT') {
      parts.precedence = 'NIACT IMMEDIATE'
      parts.precedenceStart = starts[hi - 2]
      hi -= 2
    } else if ((PRECEDENCE_WORDS as readonly string[]).includes(tail) || tail === 'NIACT') {
      parts.precedence = tail
      parts.precedenceStart = starts[hi - 1]
      hi--
    } else {
      // misspellings keep the first letter (PRIOITY, PIORITY, IMMEDAITE): a cheap screen before the edit distance
      const word = tail.length >= 6 ? MISSPELT.find((w) => tail[0] === w[0] && near(tail, w, 2)) : undefined
      if (word) {
        parts.precedence = tail
        parts.precedenceStart = starts[hi - 1]
        parts.correction = word
        hi--
      }
    }
  }
  let firstStart = starts[0]
  if (hi > 0) {
    const slash = value.indexOf('/', starts[0])
    if (slash > starts[0] && slash < ends[0]) {
      parts.ri = value.slice(starts[0], slash)
      firstStart = slash + 1
      // `RUEHC/ SECSTATE`: nothing after the slash, the PLAD starts at the next token
      if (firstStart === ends[0]) lo = 1
    }
  }
  if (hi > lo) {
    parts.pladStart = lo === 0 ? firstStart : starts[lo]
    parts.plad = value.slice(parts.pladStart, ends[hi - 1])
  }
  return parts
}

/** Scratch token offsets for `parseAddressee` (grown as needed, never shared across calls). */
const TOKEN_STARTS: number[] = []
const TOKEN_ENDS: number[] = []

function allDigits(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return to > from
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
