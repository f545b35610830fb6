/**
 * A query the language cannot read. `column` is 1-based into the query string; `message` says what was
 * found and what was expected. Engines never leak their own syntax errors: they throw this instead.
 *
 * @example
 *   new QuerySyntaxError('unclosed quote', 7, 'tag:"PREL')
 */
/** Characters of the query shown around the error column. */
const EXCERPT_WIDTH = 100

export class QuerySyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly column: number,
    readonly query: string,
  ) {
    super(`query error at column ${column}: ${reason}`)
    this.name = 'QuerySyntaxError'
  }

  /** The query with a caret under the offending column, for terminals. */
  excerpt(): string {
    // a long query (a generated list of ids) is cut to a window around the column, marked with …
    const at = Math.max(0, this.column - 1)
    const start = this.query.length > EXCERPT_WIDTH ? Math.max(0, Math.min(at - EXCERPT_WIDTH / 2, this.query.length - EXCERPT_WIDTH)) : 0
    const end = Math.min(this.query.length, start + EXCERPT_WIDTH)
    const before = start > 0 ? '…' : ''
    const line = before + this.query.slice(start, end).replace(/[\r\n\t]/g, ' ') + (end < this.query.length ? '…' : '')
    return `${line}\n${' '.repeat(before.length + at - start)}^`
  }
}
