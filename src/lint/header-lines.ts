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
  for (const line of lines) {
    if (!isHeaderLine(line) || line.text.trim() === '' || PAGE_LINE.test(line.text)) continue
    const text = line.text
    const at = (fl: HeaderLineKind, prefix: number): void => {
      out.push({ line: line.line, text, start: line.start, end: line.end, kind: line.kind, fl, valueStart: line.start + prefix, value: text.slice(prefix).trimEnd() })
    }
    let m: RegExpMatchArray | null
    if (/^VZCZC/.test(text)) { list = null; at('fl1', 0) }
    else if (/^DE /.test(text)) { list = null; at('fl3', 0) }
    else if (/^ZN[A-Z] /.test(text)) { list = null; at('fl4', 0) }
    else if (/^[A-Z]( [A-Z])? \d{5,6}Z\b/.test(text)) { list = null; at('fl5', 0) }
    else if ((m = text.match(/^FM\s+/))) { list = null; at('fm', m[0].length) }
    else if ((m = text.match(/^TO\s+/))) { list = 'to'; at('to', m[0].length) }
    else if ((m = text.match(/^INFO\s+/))) { list = 'info'; at('info', m[0].length) }
    else if ((m = text.match(/^XMT(?:\s+|\/)/))) { list = 'xmt'; at('xmt', m[0].length) }
    else if (/^[A-Z]{2} [RQ][A-Z]/.test(text) && !out.some((h) => h.fl === 'fl3' || h.fl === 'fl5')) { list = 'fl2'; at('fl2', 0) }
    else if (list === 'fl2' && RI_ONLY.test(text.trim())) at('fl2', 0)
    // continue an addressee list only where the parser agrees the line belongs to one (e-mail printouts do not)
    else if ((list === 'to' || list === 'info' || list === 'xmt') && (line.kind === 'to' || line.kind === 'info' || line.kind === 'xmt')) at(list, text.length - text.trimStart().length)
    else at('other', 0)
  }
  return out
}

/** Addressee lines (FL7–FL9), in order, each with the list it belongs to. */
export const addresseeLines = (lines: readonly HeaderLine[]): HeaderLine[] =>
  lines.filter((l) => l.fl === 'to' || l.fl === 'info' || l.fl === 'xmt')
