import { codeAt, isSpaceCode, trimmed } from './char-codes.js'
import { splitClassWord } from './class-line.js'
import { levelOfClassWord } from './classification.js'
import type { Line } from './lines.js'
import type { Cable, SegmentKind, TextBlock } from './model.js'
import type { TextLayout } from './text.js'

/**
 * Builds the structured body (blocks the canonical renderer writes) from the located lines.
 * Literal blocks keep their text; paragraphs keep number, mark and unwrapped text.
 */
export function buildBody(lines: Line[], kinds: SegmentKind[], layout: TextLayout, cable: Cable): TextBlock[] {
  const blocks: TextBlock[] = []
  const start = layout.classLine ?? firstBodyLine(kinds)
  if (start === -1) return blocks
  // paragraphs are in line order: a cursor finds each one as the loop reaches its line
  const paras = layout.paras
  let nextPara = 0
  let tight = false
  let current: TextBlock | null = null
  const push = (b: TextBlock) => {
    if (tight) b.tight = true
    blocks.push(b)
    current = b
    tight = true
  }
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]
    if (line.blank) {
      tight = false
      current = null
      continue
    }
    const kind = kinds[i]
    const t = line.text
    const cur = current as TextBlock | null
    switch (kind) {
      case 'classLine': {
        const m = layout.classMatch
        if (i === layout.classLine && m) {
          push({
            type: 'classLine',
            level: levelOfClassWord(m[2]),
            spaced: /\s/.test(splitClassWord(m[2]).word.trim()) && !/^UNCLAS/i.test(m[2]),
            controls: splitClassWord(m[2]).controls,
            section: m[3] && m[4] ? { number: m[3], of: m[4] } : null,
            origin: m[5].trim().replace(/\s+/g, ' '),
            serial: m[6],
            extra: m[7].trim() || null,
          })
        } else push({ type: 'lines', lines: [t] })
        break
      }
      case 'captions':
        if (cur?.type === 'captions') cur.lines.push(trimmed(t))
        else push({ type: 'captions', lines: [trimmed(t)] })
        break
      case 'eo':
      case 'ref':
      case 'classifiedBy':
        if (cur?.type === kind) cur.text += ` ${trimmed(t)}`
        else push({ type: kind, text: trimmed(t) })
        break
      case 'tags':
        if (cur?.type !== 'tags') push({ type: 'tags', tags: cable.tags, links: t.includes('](#)') })
        break
      case 'subject': {
        if (cur?.type === 'subject') {
          cur.text += ` ${trimmed(t)}`
          break
        }
        const m = /^\s*((?:SUBJECT|SUBJ|UBJECT)\b\s*[:.]?\s*)(?:\((\w[^)]{0,19})\)\s+)?(.*)$/i.exec(t)
        const label = m ? m[1].replace(/\s+$/, ' ') : 'SUBJECT: '
        push({ type: 'subject', label: label.endsWith(' ') ? label : `${label} `, marking: m?.[2] ?? null, text: (m?.[3] ?? t).trim() })
        break
      }
      case 'para': {
        while (nextPara < paras.length && paras[nextPara].line < i) nextPara++
        const p = paras[nextPara]?.line === i ? paras[nextPara] : undefined
        if (!p) {
          push({ type: 'lines', lines: [t] })
          break
        }
        push({ type: 'para', number: p.number, marking: p.marking, text: trimmed(t.slice(p.textStart - line.start)), pilcrow: p.pilcrow })
        break
      }
      case 'envelope':
        // the wire trailer is transmission data, not text: the canonical telegram has none
        break
      case 'pageHeader':
        push({ type: 'pageHeader', text: t })
        break
      case 'trailer':
        // the archive's trailer is kept as written, never joined to a paragraph
        if (cur?.type === 'lines') cur.lines.push(t)
        else push({ type: 'lines', lines: [t] })
        break
      case 'signature':
        if (cur?.type === 'signature') cur.lines.push(trimmed(t))
        else push({ type: 'signature', lines: [trimmed(t)] })
        break
      default:
        // wrapped lines of a telegram paragraph continue it; anything else is literal text
        if (cur?.type === 'para' && cable.layout.profile !== 'web' && !isSpaceCode(codeAt(t, 0))) cur.text += ` ${trimmed(t)}`
        else if (cur?.type === 'lines') cur.lines.push(t)
        else push({ type: 'lines', lines: [t] })
    }
  }
  return blocks
}

function firstBodyLine(kinds: SegmentKind[]): number {
  const body = new Set<SegmentKind>(['classLine', 'captions', 'eo', 'tags', 'subject', 'ref', 'classifiedBy', 'para', 'lines', 'signature'])
  return kinds.findIndex((k) => body.has(k))
}
