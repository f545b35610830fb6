import { daysInMonth } from './dates.js'
import { collapseSpace } from './lines.js'
import type { ExecutiveOrder } from './model.js'

/**
 * The label of an E.O. line (spec §5.5): `E.O.`, `E. O.`, `EO`, and `E.0.` with a zero, a typist's slip for the
 * letter O seen in released cables (`E.0. 12958: DECL: 03/05/11`), read as the label only when the order number
 * follows, so that no other line opening with `E.0.` becomes one.
 */
export const EO_WORD = String.raw`(?:E\s?\.\s?(?:O|0(?=\s?\.\s*\d{4,5}))\s?\.?|EO\b)`

/**
 * The E.O. line (spec §5.5).
 *   E.O. 12958: DECL: 09/10/2027      EO 12958 DECL: 09/21/10      E.O. 12958: N/A
 *   ^label ^order ^value
 */
export const EO_LABEL = new RegExp(String.raw`^[ \t]*${EO_WORD}\s*(\d{3,5})?(?:\s+AS\s+AMENDED)?\s*:?\s*`, 'i')

/** Whether a line opens as an E.O. line: the label, then the order number, a colon or `DECL` (spec §5.5). */
export const EO_LINE_START = new RegExp(String.raw`^\s*${EO_WORD}\s*(?:\d|:|DECL)`, 'i')

export function parseEo(value: string): Omit<ExecutiveOrder, 'span'> {
  const m = EO_LABEL.exec(value)
  const order = m?.[1] ?? null
  return { order, declassify: declValue(m ? value.slice(m[0].length) : value) }
}

/**
 * The meaning of an E.O. line's value after the order (spec §5.5), as the model holds it: `N/A` (for `N/A` and
 * `NA`), an ISO date (`2036-12-01`) for a DECL date in any form the spec allows (`12/01/2036`, `12/1/36`,
 * `2036/12/01`, `13/1/2036`) and for an ISO date, else the value itself (`OADR`, `X1, X5`, event text) without
 * the `DECL:` label, white space collapsed and trailing dots dropped; null when nothing is left.
 *
 * @example
 *   declValue('DECL: 12/01/2036') // '2036-12-01'
 *   declValue('X1, X5')           // 'X1, X5'
 */
export function declValue(written: string): string | null {
  const rest = collapseSpace(written).trim()
  const decl = /^DECL\s*[:.]?\s*(.*)$/i.exec(rest)
  const raw = (decl ? decl[1] : rest).replace(/[.\s]+$/, '')
  if (/^N\/?A$/i.test(raw)) return 'N/A'
  return raw ? (parseDeclDate(raw) ?? raw) : null
}

/** DECL dates: M/D/YY, MM/DD/YYYY, YYYY/MM/DD, D/M/YYYY (when the first part cannot be a month). */
export function parseDeclDate(text: string): string | null {
  const t = text.trim()
  let y: number
  let mo: number
  let d: number
  let m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(t)
  if (m) {
    y = +m[1]
    mo = +m[2]
    d = +m[3]
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t))) {
    mo = +m[1]
    d = +m[2]
    if (mo > 12 && d <= 12) [mo, d] = [d, mo]
    y = m[3].length === 2 ? 2000 + +m[3] : +m[3]
  } else {
    return null
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null
  // four-digit years written out; Date.UTC (which reads years below 100 as 19xx) keeps the rest
  if (y >= 100 && y <= 9999) {
    if (d > daysInMonth(y, mo - 1)) return null
    return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  }
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** Formats an ISO date the way DECL lines write it (`09/24/2019`). */
export function formatDeclDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return m ? `${m[2]}/${m[3]}/${m[1]}` : iso
}

/** One item of an E.O. line's value (spec §5.5): a DECL date, `N/A`, `OADR`, `MR`, an X code, a reason or legacy schedule. */
const EO_ITEM = String.raw`(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|N\/?A|OADR|MR|(?:25|50)?X\d{1,2}|1\.[4-6]\s*(?:\(\s*[A-Ha-h]\s*\)|[A-Ha-h](?![A-Za-z])|X\d{1,2})?|(?:X?GDS|XDS|RDS)(?:\s*-\s*\d)?)`
/** A value label: `DECL:`, `DNG: CO` (downgrade to), `REASON:`. */
const EO_VALUE_LABEL = String.raw`(?:(?:DECL|DECLASSIFY|REASONS?)\s*[:.]?|DNG\s*:\s*(?:CO|C|S|U)\b)`

/**
 * The E.O. line as far as its syntax goes (spec §5.5): label, order, `AS AMENDED`, the colon, then value items
 * (`DECL:` and a date, `N/A`, `OADR`, `MR`, X codes `X1, X5`, `25X1`, `1.6X1`, reasons `1.4 (B)`, legacy schedules
 * `XGDS-2`, `GDS 12/31/85`), with their separators, trailing dots and a dump's line-continuation backslash.
 */
const EO_TOKEN = String.raw`(?:${EO_VALUE_LABEL}|${EO_ITEM}(?![A-Za-z0-9]))`
const EO_SYNTAX = new RegExp(
  String.raw`^[ \t]*${EO_WORD}[ \t]*(?:\d{3,5})?(?:[ \t]+AS[ \t]+AMENDED)?[ \t]*:?(?:[ \t]*[,;/&]?[ \t]*(?:(?:AND|OR)[ \t]+)?${EO_TOKEN})*[ \t.]*(?:\\[ \t]*)?`,
  'i',
)

/**
 * The length of the E.O. statement a line opens with (spec §5.5): label, order number, DECL date or codes and
 * reasons, as `EO_SYNTAX` reads them, with the white space after them; 0 when the line does not open with an
 * E.O. label. What follows on the line (event text, prose, a portion mark) is not E.O. syntax: the releasable
 * rendering judges it as portion text.
 *
 * @example
 *   eoStatementLength('E.O. 12958: DECL: 05/21/2019 THE MINISTER SAID') // 30, up to `THE`
 */
export function eoStatementLength(line: string): number {
  if (!EO_LABEL.test(line)) return 0
  const m = EO_SYNTAX.exec(line)
  return m ? m[0].length : 0
}
