import { lineFeedsOnly } from './lines.js'
import type { Point, Span } from './model.js'

/**
 * Maps offsets to line/column points with a line-start table and a binary search (the shape of eemeli/yaml's
 * LineCounter), built once per text. Offsets outside the text are clamped to it.
 *
 * @example
 *   const index = new LineIndex('a\nbc')
 *   index.point(3) // { line: 2, column: 2, offset: 3 }
 */
export class LineIndex {
  readonly starts: number[]

  /** `starts`, when given, are the offsets of the lines of `text` (the parser has them from splitLines). */
  constructor(readonly text: string, starts?: number[]) {
    if (starts) {
      this.starts = starts
      return
    }
    this.starts = [0]
    // a lone CR ends a line as LF and CRLF do (splitLines); `lineFeedsOnly` keeps every offset
    const lf = lineFeedsOnly(text)
    for (let i = lf.indexOf('\n'); i !== -1; i = lf.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }

  /** Index of the line the last point fell on: the parser asks for spans mostly in text order. */
  private lastLine = 0

  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    const lo = this.lineIndexOf(clamped)
    this.lastLine = lo
    return { line: lo + 1, column: clamped - this.starts[lo] + 1, offset: clamped }
  }

  /**
   * Index of the last line start at or before `offset` (starts rise strictly). The line of the previous
   * answer, or the one after it, is tried before the binary search: most spans start or end near the last one.
   */
  private lineIndexOf(offset: number): number {
    const starts = this.starts
    const near = this.lastLine
    if (near < starts.length && starts[near] <= offset) {
      if (near + 1 === starts.length || starts[near + 1] > offset) return near
      if (near + 2 === starts.length || (starts[near + 1] <= offset && starts[near + 2] > offset)) return near + 1
    }
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  span(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(Math.max(start, end)) }
  }

  /** The line (1-based) without its line ending (LF, CRLF or a lone CR). */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length
    const next = this.starts[line] ?? this.text.length + 1
    return this.text.slice(start, next - 1).replace(/\r$/, '')
  }
}

/** The span of a point-sized place, for diagnostics about something missing. */
export function emptySpan(): Span {
  const p = { line: 1, column: 1, offset: 0 }
  return { start: p, end: { ...p } }
}
