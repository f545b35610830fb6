import { stringify } from 'csv-stringify/sync'

/**
 * CSV output (RFC 4180) by csv-stringify, the CSV writer of the Node.js CSV project: a cell is quoted when it holds a
 * comma, quote or line break, its quotes doubled. Cells are text from cables and their containers (station names
 * from a CFPF `to_field`, subjects, snippets), which a spreadsheet would run as formulas when one opens with `=`,
 * `+`, `-`, `@`, a tab or a carriage return (CSV injection, QA 10 F4): such a cell is neutralised the OWASP way
 * (its fullwidth forms too), with a leading `'` and between quotes (`"'=HYPERLINK(…)"`). Numbers are written as they
 * are (`-1` stays a number).
 */
const OPTIONS = {
  escape_formulas: true,
  // tested on the cell before its `'`: a formula-leading cell is quoted too (OWASP: prefix, then quote)
  quoted_match: /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/,
  record_delimiter: 'unix',
  eof: true,
} as const

/** A cell as csv-stringify writes it: strings as they are, numbers as numbers, null/undefined empty, anything else `String(value)`. */
const cellValue = (value: unknown): string | number | null => (value === null || value === undefined ? null : typeof value === 'number' ? value : String(value))

/**
 * One CSV row: `values` as cells (see the module comment), ending with `\n`.
 *
 * @example
 *   csvRow(['AMEMBASSY QUORIN', '=HYPERLINK("x")', 1975, 1]) // 'AMEMBASSY QUORIN,"\'=HYPERLINK(""x"")",1975,1\n'
 */
export function csvRow(values: unknown[]): string {
  return stringify([values.map(cellValue)], OPTIONS)
}

/** One CSV cell (see `csvRow`), without a line end. */
export function csvCell(value: unknown): string {
  return csvRow([value]).slice(0, -1)
}
