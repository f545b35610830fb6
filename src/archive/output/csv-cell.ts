/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\n'
}
