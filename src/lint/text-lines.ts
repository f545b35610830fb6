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

/**
 * Splits the cable's segments into lines, each knowing its offset and segment kind. Rules that must see what
 * the parser could not place (a malformed FL1 is still an envelope line) read these instead of fields.
 * With `byKind`, also files each line under its kind, in order, in the same pass; with `header`, collects the
 * lines of header kinds (`isHeaderLine`) in order.
 */
export function textLines(cable: Cable, byKind?: Map<SegmentKind, TextLine[]>, header?: TextLine[]): TextLine[] {
  const lines: TextLine[] = []
  let offset = 0
  let pending: TextLine | null = null
  const push = (line: TextLine): void => {
    lines.push(line)
    if (header && HEADER_KINDS.has(line.kind)) header.push(line)
    if (!byKind) return
    const group = byKind.get(line.kind)
    if (group) group.push(line)
    else byKind.set(line.kind, [line])
  }
  for (const segment of cable.segments) {
    const raw = segment.raw
    const kind = segment.kind
    // a segment holds whole lines of one kind: look its group up once
    let group: TextLine[] | undefined
    const headerKind = header !== undefined && HEADER_KINDS.has(kind)
    let pos = 0
    while (pos < raw.length) {
      const nl = raw.indexOf('\n', pos)
      if (nl !== -1 && pending === null) {
        // the common case, a whole line inside one segment: one slice, the CR left out of it, no regex
        const stop = nl > pos && raw.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
        const line: TextLine = { line: lines.length + 1, text: raw.slice(pos, stop), start: offset + pos, end: offset + stop, kind }
        lines.push(line)
        if (headerKind) header!.push(line)
        if (byKind) {
          if (!group) {
            group = byKind.get(kind)
            if (!group) byKind.set(kind, (group = []))
          }
          group.push(line)
        }
        pos = nl + 1
        continue
      }
      const stop = nl === -1 ? raw.length : nl
      const piece = raw.slice(pos, stop)
      if (pending) {
        pending.text += piece
        pending.end = offset + stop
      } else {
        pending = { line: lines.length + 1, text: piece, start: offset + pos, end: offset + stop, kind }
      }
      if (nl === -1) break
      if (pending.text.charCodeAt(pending.text.length - 1) === 13) pending.text = pending.text.slice(0, -1)
      pending.end = pending.start + pending.text.length
      push(pending)
      pending = null
      pos = nl + 1
    }
    offset += raw.length
  }
  if (pending) push(pending)
  return lines
}

/**
 * Line starts of `text` as `LineIndex` wants them, taken from its lines instead of a second scan; `text` must be
 * what the lines were split from (a final newline opens one more, empty, line).
 */
export function lineStarts(lines: readonly TextLine[], text: string): number[] {
  const starts = new Array<number>(lines.length)
  for (let i = 0; i < lines.length; i++) starts[i] = lines[i].start
  if (lines.length === 0) starts.push(0)
  else if (text.charCodeAt(text.length - 1) === 10) starts.push(text.length)
  return starts
}

export const isHeaderLine = (line: TextLine): boolean => HEADER_KINDS.has(line.kind)
