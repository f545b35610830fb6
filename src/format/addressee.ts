import { codeAt, foldAsciiCode, isDigitCode, isSpaceCode, isWordCode } from './char-codes.js'
import { collapseSpace } from './lines.js'
import type { Addressee, PrecedenceWord } from './model.js'
import { normalizePrecedence, PRECEDENCE_WORD } from './precedence.js'

/**
 * One addressee line (spec §4.1): `[RI "/"] PLAD [SP precedence] [SP MCN] ["PASS TO" addressee]`.
 *   RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 1302
 *   ^route  ^name              ^prec     ^serial
 * What follows `PASS TO` is kept as `passTo`, a note: the name is the PLAD before it.
 */
export function parseAddressee(text: string): { addressee: Addressee; misspelled: boolean } {
  const s = collapseSpace(text.trim())
  const c = readAddressee(s)
  const name = s.slice(c.nameStart, c.nameEnd)
  const precedence = c.precedence ? normalizePrecedence(s.slice(c.precedence[0], c.precedence[1])) : null
  const addressee: Addressee = {
    route: c.route === 0 ? null : s.slice(0, c.route),
    name,
    precedence: precedence ? precedence.word : null,
    serial: c.serial === -1 ? null : s.slice(c.serial, c.passTo === -1 ? s.length : c.passAt),
    excluded: isCollective(name) ? [] : null,
  }
  if (c.passTo !== -1) addressee.passTo = s.slice(c.passTo)
  return { addressee, misspelled: precedence?.misspelled ?? false }
}

/**
 * One addressee line's parts as `parseAddressee` reads them (the one rule), each as written with its offset in
 * `text` as given (before trimming and collapsing white space): what lint positions its diagnostics by. `name` is the
 * PLAD as written (its inner white space kept); `precedence` the precedence word as written with runs of white
 * space collapsed (`NIACT IMMEDIATE`, `PRIOITY`), `precedenceWord` the word it stands for (misspellings repaired,
 * `misspelled` then true); `passTo` what follows `PASS TO`, whitespace-collapsed. Offsets are -1 for an absent part.
 *
 * @example
 *   addresseeParts('RUEHDBU/AMEMBASSY DUSHANBE PRIOITY 1302')
 *   // { route: 'RUEHDBU', routeStart: 0, name: 'AMEMBASSY DUSHANBE', nameStart: 8, precedence: 'PRIOITY', precedenceStart: 27, precedenceWord: 'PRIORITY', misspelled: true, serial: '1302', serialStart: 35, passTo: null, passToStart: -1 }
 */
export function addresseeParts(text: string): AddresseeParts {
  // the collapsed, trimmed line `parseAddressee` reads, and each of its characters' offset in `text`
  const at: number[] = []
  let s = ''
  let end = text.length
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--
  let i = 0
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++
  while (i < end) {
    at.push(i)
    if (isSpaceCode(text.charCodeAt(i))) {
      s += ' '
      while (isSpaceCode(text.charCodeAt(i))) i++
    } else s += text[i++]
  }
  at.push(end)
  const c = readAddressee(s)
  // the offset in `text` just after the collapsed characters [from, to)
  const endOf = (to: number) => (to === 0 ? at[0] : at[to - 1] + 1)
  const precedence = c.precedence ? normalizePrecedence(s.slice(c.precedence[0], c.precedence[1])) : null
  return {
    route: c.route === 0 ? null : s.slice(0, c.route),
    routeStart: c.route === 0 ? -1 : at[0],
    name: text.slice(at[c.nameStart], Math.max(at[c.nameStart], endOf(c.nameEnd))),
    nameStart: at[c.nameStart],
    precedence: c.precedence ? s.slice(c.precedence[0], c.precedence[1]) : null,
    precedenceStart: c.precedence ? at[c.precedence[0]] : -1,
    precedenceWord: precedence ? precedence.word : null,
    misspelled: precedence?.misspelled ?? false,
    serial: c.serial === -1 ? null : s.slice(c.serial, c.passTo === -1 ? s.length : c.passAt),
    serialStart: c.serial === -1 ? -1 : at[c.serial],
    passTo: c.passTo === -1 ? null : s.slice(c.passTo),
    passToStart: c.passTo === -1 ? -1 : at[c.passTo],
  }
}

/** An addressee line's parts as written, with their offsets in the line (`addresseeParts`). */
export interface AddresseeParts {
  route: string | null
  routeStart: number
  name: string
  nameStart: number
  precedence: string | null
  precedenceStart: number
  precedenceWord: PrecedenceWord | null
  misspelled: boolean
  serial: string | null
  serialStart: number
  passTo: string | null
  passToStart: number
}

/**
 * Where the parts of a collapsed, trimmed addressee line `s` are: the route's length (0: none; the name then starts
 * after its slash), the name's range, the precedence word's range (null: none), where the serial starts (-1: none),
 * where ` PASS TO ` starts and the note after it starts (-1: none).
 */
function readAddressee(s: string): { route: number; nameStart: number; nameEnd: number; precedence: [number, number] | null; serial: number; passAt: number; passTo: number } {
  let start = 0
  let route = 0
  const r = routeLength(s)
  if (r !== 0) {
    while (isUpperCode(codeAt(s, route))) route++
    start = r
  }
  // the PLAD (with its precedence and MCN) ends before `PASS TO`: what follows is a note to pass the cable on,
  // never part of the station's name (QA 14 round 8, F2)
  let end = s.length
  let passAt = -1
  let passTo = -1
  PASS_TO.lastIndex = start
  const pass = PASS_TO.exec(s)
  if (pass) {
    passAt = pass.index
    passTo = pass.index + pass[0].length
    end = pass.index
  }
  // the serial ends the line: without a final digit the (unanchored, so scanning) regex cannot match
  const serial = serialAt(s, start, end)
  if (serial !== -1) end = serial
  // only a precedence word that ends the line counts, so a line whose last word can end none is not scanned
  const last = Math.max(start, s.lastIndexOf(' ', end - 1) + 1)
  // the last word's first letter rules out most lines (names, not precedence words, end them) before any regex
  const p = last < end && LAST_INITIALS.has(foldAsciiCode(codeAt(s, last))) && LAST_PRECEDENCE_WORD.test(s.slice(last, end)) ? firstPrecedenceWord(s, start, end) : null
  if (p && p.index + p[0].length === end) {
    let nameEnd = Math.max(start, p.index - 1)
    while (nameEnd > start && codeAt(s, nameEnd - 1) === 32) nameEnd--
    return { route, nameStart: start, nameEnd, precedence: [p.index, end], serial: serial === -1 ? -1 : serial + 1, passAt, passTo }
  }
  return { route, nameStart: start, nameEnd: end, precedence: null, serial: serial === -1 ? -1 : serial + 1, passAt, passTo }
}

/** `PASS TO` between the PLAD and another addressee (spec §4.1), words as written, in any case. */
const PASS_TO = / PASS TO (?=\S)/gi

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
function firstPrecedenceWord(s: string, from: number, to: number): RegExpExecArray | null {
  for (let w = from; w < to; w++) {
    if (w > from && !isSpaceCode(codeAt(s, w - 1))) continue
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
function serialAt(s: string, from: number, to: number): number {
  let i = to
  while (i > from && isDigitCode(codeAt(s, i - 1))) i--
  const digits = to - i
  return digits >= 1 && digits <= 5 && i > from && isSpaceCode(codeAt(s, i - 1)) ? i - 1 : -1
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
