/**
 * A query the language cannot read. `column` is 1-based into the query string; `message` says what was
 * found and what was expected. Engines never leak their own syntax errors: they throw this instead.
 *
 * @example
 *   new QuerySyntaxError('unclosed quote', 7, 'tag:"PREL')
 */
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
    return `${this.query}\n${' '.repeat(Math.max(0, this.column - 1))}^`
  }
}
