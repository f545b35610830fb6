import { useMemo } from 'preact/hooks'
import type { LintFinding, ParsedParagraph } from '../archive-api.js'
import { portionTone } from '../classification.js'

interface Props {
  text: string
  /** Query hits as [start, end) offsets. */
  hits: [number, number][]
  current: number
  paragraphs: ParsedParagraph[]
  findings: LintFinding[]
}

interface Piece {
  start: number
  end: number
  hit: number | null
  mark: string | null
}

/**
 * The telegram text, line by line with numbers: paragraphs tinted by their portion mark's level, the mark
 * itself labelled, query hits marked (the current one emphasised) and lint findings shown under their line.
 */
export function CableText({ text, hits, current, paragraphs, findings }: Props) {
  const lines = useMemo(() => {
    const starts = [0]
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
    return starts.map((s, i) => ({ start: s, end: i + 1 < starts.length ? starts[i + 1] - 1 : text.length }))
  }, [text])
  const marks = useMemo(() => portionMarkRanges(text, paragraphs), [text, paragraphs])
  const byLine = useMemo(() => {
    const m = new Map<number, LintFinding[]>()
    for (const f of findings) m.set(f.line, [...(m.get(f.line) ?? []), f])
    return m
  }, [findings])

  let h = 0
  let p = 0
  return (
    <div class="cable-text" role="document" aria-label="Telegram text">
      {lines.map((line, i) => {
        while (h < hits.length && hits[h][1] <= line.start) h++
        while (p < marks.length && marks[p].paraEnd <= line.start) p++
        const para = marks[p] && marks[p].paraStart <= line.start ? marks[p] : null
        const pieces = piecesOf(line.start, line.end, hits, h, para)
        const notes = byLine.get(i + 1)
        return (
          <div key={i} class={`line${para ? ` portion tone-${para.tone}` : ''}`} id={`L${i + 1}`}>
            <span class="ln" aria-hidden="true">
              {i + 1}
            </span>
            <span class="code">
              {pieces.map((piece) => {
                const s = text.slice(piece.start, piece.end)
                if (piece.hit !== null)
                  return (
                    <mark class={piece.hit === current ? 'term-hit current' : 'term-hit'} data-hit={piece.hit} key={piece.start}>
                      {s}
                    </mark>
                  )
                if (piece.mark)
                  return (
                    <span class={`portion-mark tone-${piece.mark}`} key={piece.start} title="Portion mark">
                      {s}
                    </span>
                  )
                return s
              })}
              {line.start === line.end && ' '}
            </span>
            {notes && (
              <ul class="findings-inline" aria-label={`Lint findings on line ${i + 1}`}>
                {notes.map((n) => (
                  <li class={`sev-${n.severity}`} key={`${n.ruleId}-${n.column}`}>
                    <strong>{n.ruleId}</strong> {n.severity} at {n.line}:{n.column} — {n.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )
      })}
    </div>
  )
}

interface MarkRange {
  paraStart: number
  paraEnd: number
  markStart: number
  markEnd: number
  tone: string
}

/** Paragraph extents and the `(S//NF)` mark at each paragraph's head, from the parser's paragraph spans. */
function portionMarkRanges(text: string, paragraphs: ParsedParagraph[]): MarkRange[] {
  const out: MarkRange[] = []
  for (const para of paragraphs) {
    if (!para.span) continue
    const start = para.span.start.offset
    const end = para.span.end.offset
    const head = /^\s*\d+\s*\.?\s*(\([^)\n]{1,30}\))?/.exec(text.slice(start, Math.min(end, start + 60)))
    const m = head?.[1] ? start + head[0].length - head[1].length : start
    out.push({ paraStart: start, paraEnd: end, markStart: m, markEnd: head?.[1] ? m + head[1].length : m, tone: portionTone(para.marking) })
  }
  return out.sort((a, b) => a.paraStart - b.paraStart)
}

function piecesOf(start: number, end: number, hits: [number, number][], from: number, para: MarkRange | null): Piece[] {
  const cuts = new Set([start, end])
  for (let i = from; i < hits.length && hits[i][0] < end; i++) {
    cuts.add(Math.max(start, hits[i][0]))
    cuts.add(Math.min(end, hits[i][1]))
  }
  if (para && para.markEnd > start && para.markStart < end) {
    cuts.add(Math.max(start, para.markStart))
    cuts.add(Math.min(end, para.markEnd))
  }
  const sorted = [...cuts].sort((a, b) => a - b)
  const pieces: Piece[] = []
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]
    const b = sorted[i + 1]
    if (a === b) continue
    let hit: number | null = null
    for (let j = from; j < hits.length && hits[j][0] < b; j++) if (hits[j][0] <= a && hits[j][1] >= b) hit = j
    const mark = para && para.markStart <= a && para.markEnd >= b && para.markEnd > para.markStart ? para.tone : null
    pieces.push({ start: a, end: b, hit, mark })
  }
  return pieces
}
