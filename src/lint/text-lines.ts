import type { Cable, SegmentKind } from '../format/model.js'

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
  /** Start offset of each line; with a final newline, `LineIndex` wants one more (see `lineStarts`). */
  readonly starts: number[] = []
  private readonly ends: number[] = []
  private readonly kinds: SegmentKind[] = []
  private readonly indicesByKind = new Map<SegmentKind, number[]>()
  private readonly headerIndices: number[] = []
  private objects: Array<TextLine | undefined> = []
  private readonly linesByKind = new Map<SegmentKind, TextLine[]>()
  private everyLine: TextLine[] | null = null
  /** What the lines are cut from: the segments' text. */
  readonly text: string

  constructor(cable: Cable, text: string) {
    let length = 0
    for (const s of cable.segments) length += s.raw.length
    // callers pass the segments' own text; anything else is re-spelled so lines stay the segments' lines
    this.text = length === text.length ? text : cable.segments.map((s) => s.raw).join('')
    const t = this.text
    const segments = cable.segments
    let seg = -1
    let segEnd = 0
    let kind: SegmentKind = 'blank'
    let group: number[] = []
    let header = false
    for (let pos = 0; pos < t.length; ) {
      // the line's kind is that of the segment it starts in
      while (pos >= segEnd) {
        seg++
        segEnd += segments[seg].raw.length
        if (segments[seg].raw.length === 0) continue
        kind = segments[seg].kind
        let g = this.indicesByKind.get(kind)
        if (!g) this.indicesByKind.set(kind, (g = []))
        group = g
        header = HEADER_KINDS.has(kind)
      }
      const i = this.starts.length
      const nl = t.indexOf('\n', pos)
      const stop = nl === -1 ? t.length : nl > pos && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
      this.starts.push(pos)
      this.ends.push(stop)
      this.kinds.push(kind)
      group.push(i)
      if (header) this.headerIndices.push(i)
      if (nl === -1) break
      pos = nl + 1
    }
    // sized up front: lines are asked for out of order (the last first), which would leave a growing array sparse
    this.objects = new Array<TextLine | undefined>(this.starts.length)
  }

  get count(): number {
    return this.starts.length
  }

  /** Line `i` (from 0). */
  at(i: number): TextLine {
    let line = this.objects[i]
    if (!line) {
      line = { line: i + 1, text: this.text.slice(this.starts[i], this.ends[i]), start: this.starts[i], end: this.ends[i], kind: this.kinds[i] }
      this.objects[i] = line
    }
    return line
  }

  /** First code unit of line `i`'s text (NaN for an empty line), without making the line. */
  firstCode(i: number): number {
    return this.starts[i] < this.ends[i] ? this.text.charCodeAt(this.starts[i]) : NaN
  }

  /** Indices of the lines of one kind, in order, without making their objects. */
  indicesOf(kind: SegmentKind): readonly number[] {
    return this.indicesByKind.get(kind) ?? NO_INDICES
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
    return this.headerIndices.map((i) => this.at(i))
  }

  /** Every line, as `textLines` gives them. */
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
