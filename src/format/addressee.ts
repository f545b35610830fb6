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
  const s = endsWithDigit(rest) ? /\s(\d{1,5})$/.exec(rest) : null
  if (s) {
    serial = s[1]
    rest = rest.slice(0, s.index)
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

function endsWithDigit(s: string): boolean {
  const c = s.charCodeAt(s.length - 1)
  return c >= 48 && c <= 57
}

/** A collective PLAD names a distribution list: ends with COLLECTIVE or starts with ALL (spec §4.2). */
export function isCollective(name: string): boolean {
  return /\bCOLLECTIVE$/i.test(name) || /^ALL\s/i.test(name)
}

/** Renders an addressee in wire form. */
export function formatAddressee(a: Addressee): string {
  return [a.route ? `${a.route}/${a.name}` : a.name, a.precedence, a.serial].filter(Boolean).join(' ')
}
