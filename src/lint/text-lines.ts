import type { Cable, SegmentKind } from '../format/model.js'
import { parsedLineStarts, telegramText } from '../format/telegram-text.js'

/** One physical line of the linted text, tagged with the kind of the segment it starts in. */
export interface TextLine {
  /** Line number from 1. */
  line: number
  text: string
  start: number
  end: number
  kind: SegmentKind
}

const HEADER_KINDS: ReadonlySet<SegmentKind> = new Set(['envelope', 'from', 'to', 'info', 'xmt', 'headerOther'])

export const isHeaderLine = (line: TextLine): boolean => HEADER_KINDS.has(line.kind)

/**
 * The physical lines of a cable's segments, each tagged with the kind of the segment it starts in, kept as offsets
 * and kinds. Rules that must see what the parser could not place (a malformed FL1 is still an envelope line) read
 * these instead of fields. A `TextLine` object is made only for a line a rule asks for (and is then the same object
 * on every request): most rules read a few kinds (class line, captions, header), so the bulk of a long body is
 * never turned into objects.
 */
export class LineTable {
  /** Start offset of each line; with a final newline, `LineIndex` wants one more (see `lineIndexStarts`). */
  readonly starts: number[]
  /** Per segment that lines start in: the first such line, and the segment's kind (its lines run to the next's first). */
  private readonly segmentFirst: number[] = []
  private readonly segmentKind: SegmentKind[] = []
  private readonly indicesByKind = new Map<SegmentKind, number[]>()
  private readonly linesByKind = new Map<SegmentKind, TextLine[]>()
  private objects: Array<TextLine | undefined>
  private everyLine: TextLine[] | null = null
  /** What the lines are cut from: the segments' text. */
  readonly text: string

  constructor(cable: Cable, text: string) {
    let length = 0
    for (const s of cable.segments) length += s.raw.length
    // callers pass the segments' own text; anything else is re-spelled so lines stay the segments' lines
    this.text = length === text.length ? text : cable.segments.map((s) => s.raw).join('')
    const t = this.text
    const starts = (this.starts = lineStarts(cable, t))
    // a line belongs to the segment it starts in; segments hold whole lines, so each gives one range of lines
    let li = 0
    let segEnd = 0
    for (const segment of cable.segments) {
      segEnd += segment.raw.length
      const first = li
      while (li < starts.length && starts[li] < segEnd) li++
      if (li === first) continue
      this.segmentFirst.push(first)
      this.segmentKind.push(segment.kind)
    }
    // sized up front: lines are asked for out of order (the last first), which would leave a growing array sparse
    this.objects = new Array<TextLine | undefined>(starts.length)
  }

  get count(): number {
    return this.starts.length
  }

  /** End of line `i`: before its newline and a CR just before it; a last line without newline keeps a CR. */
  private endOf(i: number): number {
    const t = this.text
    const nl = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : t.charCodeAt(t.length - 1) === 10 ? t.length - 1 : -1
    if (nl === -1) return t.length
    return nl > this.starts[i] && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
  }

  private kindOf(i: number): SegmentKind {
    // the last segment whose first line is at or before i
    let lo = 0
    let hi = this.segmentFirst.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.segmentFirst[mid] <= i) lo = mid
      else hi = mid - 1
    }
    return this.segmentKind[lo]
  }

  /** Line `i` (from 0). */
  at(i: number): TextLine {
    let line = this.objects[i]
    if (!line) {
      const start = this.starts[i]
      const end = this.endOf(i)
      line = { line: i + 1, text: this.text.slice(start, end), start, end, kind: this.kindOf(i) }
      this.objects[i] = line
    }
    return line
  }

  /** First code unit of line `i`'s text (NaN for an empty line), without making the line. */
  firstCode(i: number): number {
    return this.starts[i] < this.endOf(i) ? this.text.charCodeAt(this.starts[i]) : NaN
  }

  /** Indices of the lines of one kind, in order, without making their objects. */
  indicesOf(kind: SegmentKind): readonly number[] {
    let indices = this.indicesByKind.get(kind)
    if (!indices) {
      // a walk over the segments (a few dozen) when a kind is first asked for, rather than a table of every kind
      indices = []
      const n = this.segmentFirst.length
      for (let s = 0; s < n; s++) {
        if (this.segmentKind[s] !== kind) continue
        const to = s + 1 < n ? this.segmentFirst[s + 1] : this.starts.length
        for (let i = this.segmentFirst[s]; i < to; i++) indices.push(i)
      }
      this.indicesByKind.set(kind, indices)
    }
    return indices
  }

  /** The lines of one kind, in order. Read, never change. */
  ofKind(kind: SegmentKind): readonly TextLine[] {
    let lines = this.linesByKind.get(kind)
    if (!lines) {
      lines = this.indicesOf(kind).map((i) => this.at(i))
      this.linesByKind.set(kind, lines)
    }
    return lines
  }

  /** Lines of the header kinds (`isHeaderLine`), in order. */
  headerKindLines(): TextLine[] {
    const out: TextLine[] = []
    for (let s = 0; s < this.segmentFirst.length; s++) {
      if (!HEADER_KINDS.has(this.segmentKind[s])) continue
      const to = s + 1 < this.segmentFirst.length ? this.segmentFirst[s + 1] : this.starts.length
      for (let i = this.segmentFirst[s]; i < to; i++) out.push(this.at(i))
    }
    return out
  }

  /** Every line. */
  all(): TextLine[] {
    if (!this.everyLine) {
      this.everyLine = new Array<TextLine>(this.count)
      for (let i = 0; i < this.count; i++) this.everyLine[i] = this.at(i)
    }
    return this.everyLine
  }

  /** Line starts for `LineIndex` over `text`. */
  lineIndexStarts(): number[] {
    const starts = this.starts.slice()
    if (starts.length === 0) starts.push(0)
    else if (this.text.charCodeAt(this.text.length - 1) === 10) starts.push(this.text.length)
    return starts
  }
}

const NO_INDICES: readonly number[] = Object.freeze([])

/**
 * Start offset of each line of `t` (a line from the last newline to the end only when text follows it): the
 * parser's table when `t` is the text it parsed (that table also counts the empty line after a final newline),
 * else one scan for the newlines.
 */
function lineStarts(cable: Cable, t: string): number[] {
  const parsed = parsedLineStarts(cable)
  if (parsed && telegramText(cable) === t) {
    return parsed.slice(0, t.length === 0 ? 0 : parsed[parsed.length - 1] === t.length ? parsed.length - 1 : parsed.length)
  }
  const starts: number[] = []
  if (t.length > 0) starts.push(0)
  for (let nl = t.indexOf('\n'); nl !== -1 && nl + 1 < t.length; nl = t.indexOf('\n', nl + 1)) starts.push(nl + 1)
  return starts
}
