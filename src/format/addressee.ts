import { foldAsciiCode, isDigitCode, isSpaceCode, isWordCode } from './char-codes.js'
import { collapseSpace } from './lines.js'
import type { Addressee } from './model.js'
import { normalizePrecedence, PRECEDENCE_WORD } from './precedence.js'

/**
 * One addressee line (spec §4.1): `[RI "/"] PLAD [SP precedence] [SP MCN]`.
 *   RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 1302
 *   ^route  ^name              ^prec     ^serial
 */
export function parseAddressee(text: string): { addressee: Addressee; misspelled: boolean } {
  let rest = collapseSpace(text.trim())
  let route: string | null = null
  const r = /^([A-Z]{4,8})\s?\/\s?/.exec(rest)
  if (r) {
    route = r[1]
    rest = rest.slice(r[0].length)
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
  const p = LAST_PRECEDENCE_WORD.test(rest.slice(rest.lastIndexOf(' ') + 1)) ? PRECEDENCE_WORD.exec(` ${rest}`) : null
  if (p && p.index + p[0].length === rest.length + 1) {
    const n = normalizePrecedence(p[1])
    precedence = n.word
    misspelled = n.misspelled
    rest = rest.slice(0, Math.max(0, p.index - 1)).trimEnd()
  }
  return { addressee: { route, name: rest, precedence, serial, excluded: isCollective(rest) ? [] : null }, misspelled }
}

/** The last word of every spelling in PRECEDENCE_WORD (NIACT IMMEDIATE ends in IMMEDIATE). */
const LAST_PRECEDENCE_WORD = /^(?:FLASH|IMMED\w*|IMMEIDATE|PRIORITY|PRIOITY|PIORITY|PRIORTY|PRORITY|ROUTINE|ROUTNE|ROUITNE)$/i

/**
 * Where `/\s(\d{1,5})$/` matches (the white space before a final serial), or -1, without a regex: the serial can
 * only be the whole run of digits that ends the line, and the unanchored regex scanned the line from its start.
 */
function serialAt(s: string): number {
  let i = s.length
  while (i > 0 && isDigitCode(s.charCodeAt(i - 1))) i--
  const digits = s.length - i
  return digits >= 1 && digits <= 5 && i > 0 && isSpaceCode(s.charCodeAt(i - 1)) ? i - 1 : -1
}

const COLLECTIVE = 'collective'

/**
 * A collective PLAD names a distribution list: ends with COLLECTIVE or starts with ALL (spec §4.2). The same
 * test as `/\bCOLLECTIVE$/i || /^ALL\s/i`, checked in place: the first pattern, unanchored, scanned every name.
 */
export function isCollective(name: string): boolean {
  const at = name.length - COLLECTIVE.length
  if (at >= 0 && (at === 0 || !isWordCode(name.charCodeAt(at - 1)))) {
    let k = 0
    while (k < COLLECTIVE.length && foldAsciiCode(name.charCodeAt(at + k)) === COLLECTIVE.charCodeAt(k)) k++
    if (k === COLLECTIVE.length) return true
  }
  return name.length >= 4 && foldAsciiCode(name.charCodeAt(0)) === 0x61 && foldAsciiCode(name.charCodeAt(1)) === 0x6c && foldAsciiCode(name.charCodeAt(2)) === 0x6c && isSpaceCode(name.charCodeAt(3))
}

/** Renders an addressee in wire form. */
export function formatAddressee(a: Addressee): string {
  return [a.route ? `${a.route}/${a.name}` : a.name, a.precedence, a.serial].filter(Boolean).join(' ')
}
