import { isHeaderLine, type TextLine } from './text-lines.js'

export type HeaderLineKind = 'fl1' | 'fl2' | 'fl3' | 'fl4' | 'fl5' | 'fm' | 'to' | 'info' | 'xmt' | 'other'

/** A classified header line; for addressee lists `valueStart` is where the addressee begins (after `TO `). */
export interface HeaderLine extends TextLine {
  fl: HeaderLineKind
  valueStart: number
  value: string
}

const RI_ONLY = /^(?:[RQ][A-Z]{3,7}\s*)+$/
const PAGE_LINE = /^\s*PAGE\s+\d+\b/

/**
 * Classifies header lines by leading token (spec §2.4 step 3), independently of the parser, so envelope
 * rules can point at a damaged line the parser could not turn into a field.
 *   DE RUEHC #9704/01 2671955
 *   ^^ fl3
 */
export function headerLines(lines: readonly TextLine[]): HeaderLine[] {
  const out: HeaderLine[] = []
  let list: HeaderLineKind | null = null
  // FL2 only comes before FL3 and FL5
  let pastRouting = false
  for (const line of lines) {
    if (!isHeaderLine(line) || line.text.trim() === '' || PAGE_LINE.test(line.text)) continue
    const text = line.text
    let fl: HeaderLineKind
    let prefix = 0
    // each anchored pattern is tried only on a line that starts with its first letter(s)
    const c0 = text.charCodeAt(0)
    const upper = c0 >= 65 && c0 <= 90
    const c1 = text.charCodeAt(1)
    let m: RegExpMatchArray | null
    if (c0 === 86 && text.startsWith('VZCZC')) { list = null; fl = 'fl1' }
    else if (c0 === 68 && text.startsWith('DE ')) { list = null; fl = 'fl3' }
    else if (c0 === 90 && c1 === 78 && /^ZN[A-Z] /.test(text)) { list = null; fl = 'fl4' }
    else if (upper && c1 === 32 && /^[A-Z]( [A-Z])? \d{5,6}Z\b/.test(text)) { list = null; fl = 'fl5' }
    else if (c0 === 70 && (m = text.match(/^FM\s+/))) { list = null; fl = 'fm'; prefix = m[0].length }
    else if (c0 === 84 && (m = text.match(/^TO\s+/))) { list = 'to'; fl = 'to'; prefix = m[0].length }
    else if (c0 === 73 && (m = text.match(/^INFO\s+/))) { list = 'info'; fl = 'info'; prefix = m[0].length }
    else if (c0 === 88 && (m = text.match(/^XMT(?:\s+|\/)/))) { list = 'xmt'; fl = 'xmt'; prefix = m[0].length }
    else if (upper && text.charCodeAt(2) === 32 && /^[A-Z]{2} [RQ][A-Z]/.test(text) && !pastRouting) { list = 'fl2'; fl = 'fl2' }
    else if (list === 'fl2' && RI_ONLY.test(text.trim())) fl = 'fl2'
    // continue an addressee list only where the parser agrees the line belongs to one (e-mail printouts do not)
    else if ((list === 'to' || list === 'info' || list === 'xmt') && (line.kind === 'to' || line.kind === 'info' || line.kind === 'xmt')) { fl = list; prefix = text.length - text.trimStart().length }
    else fl = 'other'
    if (fl === 'fl3' || fl === 'fl5') pastRouting = true
    out.push({ line: line.line, text, start: line.start, end: line.end, kind: line.kind, fl, valueStart: line.start + prefix, value: prefix === 0 ? text.trimEnd() : text.slice(prefix).trimEnd() })
  }
  return out
}

/** Addressee lines (FL7–FL9), in order, each with the list it belongs to. */
export const addresseeLines = (lines: readonly HeaderLine[]): HeaderLine[] =>
  lines.filter((l) => l.fl === 'to' || l.fl === 'info' || l.fl === 'xmt')
