import type { Point, Span } from './model.js'

/**
 * Maps offsets to line/column points with a lazy line-start index and a binary search
 * (the shape of eemeli/yaml's LineCounter), so spans cost nothing until asked for.
 */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }

  point(offset: number): Point {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1, offset }
  }

  span(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(end) }
  }
}

/** The span of a point-sized place, for diagnostics about something missing. */
export function emptySpan(): Span {
  const p = { line: 1, column: 1, offset: 0 }
  return { start: p, end: { ...p } }
}
