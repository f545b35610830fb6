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
 */
export function textLines(cable: Cable): TextLine[] {
  const lines: TextLine[] = []
  let offset = 0
  let pending: TextLine | null = null
  for (const segment of cable.segments) {
    let pos = 0
    while (pos < segment.raw.length) {
      const nl = segment.raw.indexOf('\n', pos)
      const stop = nl === -1 ? segment.raw.length : nl
      const piece = segment.raw.slice(pos, stop)
      if (pending) {
        pending.text += piece
        pending.end = offset + stop
      } else {
        pending = { line: lines.length + 1, text: piece, start: offset + pos, end: offset + stop, kind: segment.kind }
      }
      if (nl === -1) break
      pending.text = pending.text.replace(/\r$/, '')
      pending.end = pending.start + pending.text.length
      lines.push(pending)
      pending = null
      pos = nl + 1
    }
    offset += segment.raw.length
  }
  if (pending) lines.push(pending)
  return lines
}

export const isHeaderLine = (line: TextLine): boolean => HEADER_KINDS.has(line.kind)
