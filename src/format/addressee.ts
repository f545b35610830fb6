import { codeAt, foldAsciiCode, isDigitCode, isSpaceCode, isWordCode } from './char-codes.js'
import { collapseSpace } from './lines.js'
import type { Addressee } from './model.js'
import { normalizePrecedence, PRECEDENCE_WORD } from './precedence.js'

/**
 * One addressee line (spec §4.1): `[RI "/"] PLAD [SP precedence] [SP MCN] ["PASS TO" addressee]`.
 *   RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 1302
 *   ^route  ^name              ^prec     ^serial
 * What follows `PASS TO` is kept as `passTo`, a note: the name is the PLAD before it.
 */
export function parseAddressee(text: string): { addressee: Addressee; misspelled: boolean } {
  let rest = collapseSpace(text.trim())
  let route: string | null = null
  const r = routeLength(rest)
  if (r !== 0) {
    let k = 0
    while (isUpperCode(codeAt(rest, k))) k++
    route = rest.slice(0, k)
    rest = rest.slice(r)
  }
  // the PLAD (with its precedence and MCN) ends before `PASS TO`: what follows is a note to pass the cable on,
  // never part of the station's name (QA 14 round 8, F2)
  let passTo: string | undefined
  const pass = PASS_TO.exec(rest)
  if (pass) {
    passTo = rest.slice(pass.index + pass[0].length)
    rest = rest.slice(0, pass.index)
  }
  let serial: string | null = null
  // the serial ends the line: without a final digit the (unanchored, so scanning) regex cannot match
  const s = serialAt(rest)
  if (s !== -1) {
    serial = rest.slice(s + 1)
    rest = rest.slice(0, s)
  }
  let precedence: Addressee['precedence'] = null
  let misspelled = false
  // only a precedence word that ends the line counts, so a line whose last word can end none is not scanned
  const last = rest.lastIndexOf(' ') + 1
  // the last word's first letter rules out most lines (names, not precedence words, end them) before any regex
  const p = LAST_INITIALS.has(foldAsciiCode(codeAt(rest, last))) && LAST_PRECEDENCE_WORD.test(rest.slice(last)) ? firstPrecedenceWord(rest) : null
  if (p && p.index + p[0].length === rest.length) {
    const n = normalizePrecedence(p[1])
    precedence = n.word
    misspelled = n.misspelled
    rest = rest.slice(0, Math.max(0, p.index - 1)).trimEnd()
  }
  const addressee: Addressee = { route, name: rest, precedence, serial, excluded: isCollective(rest) ? [] : null }
  if (passTo !== undefined) addressee.passTo = passTo
  return { addressee, misspelled }
}

/** `PASS TO` between the PLAD and another addressee (spec §4.1), words as written, in any case. */
const PASS_TO = / PASS TO (?=\S)/i

/**
 * The length of the routing indicator and slash a line opens with, as `/^([A-Z]{4,8})\s?\/\s?/` matches them, or 0:
 * a run of four to eight capitals (a longer run cannot match: no shorter part of it is followed by a slash), at
 * most one white space, the slash and at most one white space. Read by char code: every addressee line is tried.
 */
function routeLength(s: string): number {
  let k = 0
  // past the end codeAt is NaN, no capital: no length lookup needed (one on a line is megamorphic, see codeAt)
  while (k <= 8 && isUpperCode(codeAt(s, k))) k++
  if (k < 4 || k > 8) return 0
  let at = k
  if (isSpaceCode(codeAt(s, at)) && codeAt(s, at + 1) === 47) at++
  if (codeAt(s, at) !== 47) return 0
  at++
  return at < s.length && isSpaceCode(codeAt(s, at)) ? at + 1 : at
}

const isUpperCode = (c: number) => c >= 65 && c <= 90

/** PRECEDENCE_WORD without its leading `\s`, tried at a given offset. */
const PRECEDENCE_WORD_AT = new RegExp(PRECEDENCE_WORD.source.slice(2), 'iy')
/** The first letters of PRECEDENCE_WORD's words (F, N, I, P, R), lower-cased as foldAsciiCode gives them. */
const PRECEDENCE_INITIALS = new Set([0x66, 0x6e, 0x69, 0x70, 0x72])

/**
 * `PRECEDENCE_WORD.exec(` ${s}`)` with offsets in `s` (the match's index is where the word starts), without its
 * scan: a match can only start at a word that opens the text or follows white space and whose first letter
 * (ASCII: a non-Unicode `i` pattern folds no other character onto one) opens a precedence word. The sticky pattern
 * is tried at those words in text order, so the first that matches is the leftmost match the scan would find.
 */
function firstPrecedenceWord(s: string): RegExpExecArray | null {
  for (let w = 0; w < s.length; w++) {
    if (w > 0 && !isSpaceCode(codeAt(s, w - 1))) continue
    if (!PRECEDENCE_INITIALS.has(foldAsciiCode(codeAt(s, w)))) continue
    PRECEDENCE_WORD_AT.lastIndex = w
    const m = PRECEDENCE_WORD_AT.exec(s)
    if (m) return m
  }
  return null
}

/** The last word of every spelling in PRECEDENCE_WORD (NIACT IMMEDIATE ends in IMMEDIATE). */
const LAST_PRECEDENCE_WORD = /^(?:FLASH|IMMED\w*|IMMEIDATE|PRIORITY|PRIOITY|PIORITY|PRIORTY|PRORITY|ROUTINE|ROUTNE|ROUITNE)$/i
/** The first letters of LAST_PRECEDENCE_WORD's words (F, I, P, R), as foldAsciiCode gives them. */
const LAST_INITIALS = new Set([0x66, 0x69, 0x70, 0x72])

/**
 * Where `/\s(\d{1,5})$/` matches (the white space before a final serial), or -1, without a regex: the serial can
 * only be the whole run of digits that ends the line, and the unanchored regex scanned the line from its start.
 */
function serialAt(s: string): number {
  let i = s.length
  while (i > 0 && isDigitCode(codeAt(s, i - 1))) i--
  const digits = s.length - i
  return digits >= 1 && digits <= 5 && i > 0 && isSpaceCode(codeAt(s, i - 1)) ? i - 1 : -1
}

const COLLECTIVE = 'collective'

/**
 * A collective PLAD names a distribution list: ends with COLLECTIVE or starts with ALL (spec §4.2). The same
 * test as `/\bCOLLECTIVE$/i || /^ALL\s/i`, checked in place: the first pattern, unanchored, scanned every name.
 */
export function isCollective(name: string): boolean {
  const at = name.length - COLLECTIVE.length
  if (at >= 0 && (at === 0 || !isWordCode(codeAt(name, at - 1)))) {
    let k = 0
    while (k < COLLECTIVE.length && foldAsciiCode(codeAt(name, at + k)) === COLLECTIVE.charCodeAt(k)) k++
    if (k === COLLECTIVE.length) return true
  }
  return name.length >= 4 && foldAsciiCode(codeAt(name, 0)) === 0x61 && foldAsciiCode(codeAt(name, 1)) === 0x6c && foldAsciiCode(codeAt(name, 2)) === 0x6c && isSpaceCode(codeAt(name, 3))
}

/** Renders an addressee in wire form. */
export function formatAddressee(a: Addressee): string {
  return [a.route ? `${a.route}/${a.name}` : a.name, a.precedence, a.serial, a.passTo ? `PASS TO ${a.passTo}` : null].filter(Boolean).join(' ')
}
