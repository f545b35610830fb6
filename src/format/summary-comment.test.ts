import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findComments, findSummary, keywordHits } from './summary-comment.js'

/*
 * The module finds SUMMARY and COMMENT blocks from one scan for the two words. The reference below is the
 * direct formulation it replaced (one case-insensitive regex per opener and closer, run on the rest of the
 * body); both must agree on every text.
 */
function clean(s: string): string {
  return s.replace(/¶/g, '').replace(/\s+/g, ' ').trim()
}

function referenceSummary(body: string) {
  const word = /SUMMARY/gi
  let open: { index: number; end: number } | null = null
  for (let m = word.exec(body); m; m = word.exec(body)) {
    if (m.index > 0 && /[A-Za-z]/.test(body[m.index - 1])) continue
    if (/END\s+(?:OF\s+)?$/i.test(body.slice(Math.max(0, m.index - 8), m.index))) continue
    const tail = /^(?:\s+AND\s+(?:COMMENT|ACTION\s+REQUEST))?\s*[:.\-]+|^[ \t]*\n|^\s+(?=[A-Z])/i.exec(body.slice(m.index + 7, m.index + 64))
    if (tail) {
      open = { index: m.index, end: m.index + 7 + tail[0].length }
      break
    }
  }
  if (!open) return null
  const from = open.end
  const close = /END\s+(?:OF\s+)?SUMMARY\b[^.\n]*\.?/i.exec(body.slice(from))
  let to: number
  if (close) to = from + close.index
  else {
    const blank = /\n[ \t]*\n/.exec(body.slice(from))
    to = blank ? from + blank.index : body.length
  }
  const text = clean(body.slice(from, to))
  return text ? { text, start: open.index, end: close ? from + close.index + close[0].length : to } : null
}

function referenceComments(body: string) {
  const open = /COMMENT\s*[:.\-]+/gi
  const parts: string[] = []
  let first = -1
  let last = -1
  for (let m = open.exec(body); m; m = open.exec(body)) {
    if (m.index > 0 && /[A-Za-z]/.test(body[m.index - 1])) continue
    const before = body.slice(Math.max(0, m.index - 8), m.index)
    const paren = /\(\s*(?:BEGIN\s+)?$/i.test(before)
    const from = m.index + m[0].length
    const rest = body.slice(from)
    const close = /END\s+(?:OF\s+)?COMMENT\b\.?/i.exec(rest)
    let to: number
    let end: number
    const closeParen = paren ? rest.indexOf(')') : -1
    if (close && (closeParen === -1 || close.index < closeParen)) {
      to = from + close.index
      end = to + close[0].length
    } else if (closeParen !== -1) {
      to = from + closeParen
      end = to + 1
    } else {
      const blank = /\n[ \t]*\n/.exec(rest)
      to = blank ? from + blank.index : body.length
      end = to
    }
    const t = clean(body.slice(from, to))
    if (t) parts.push(t)
    if (first === -1) first = m.index - (paren ? before.length - before.search(/\(\s*(?:BEGIN\s+)?$/i) : 0)
    last = end
    open.lastIndex = end
  }
  return parts.length ? { text: parts.join('\n\n'), start: first, end: last } : null
}

// words and spacings, plus whole openers and closers so that generated texts hold them often
const words = fc.constantFrom('SUMMARY', 'Summary', 'summary', 'COMMENT', 'Comment', 'comment', 'END', 'End', 'OF', 'of', 'BEGIN', 'AND', 'ACTION REQUEST', 'X', 'WEEKEND', 'S', '1', '_', '¶', 'İ', '\u212A')
const spaces = fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', '\u00a0', '', ' \n ')
const marks = fc.constantFrom(':', '.', '-', '(', ')', ':-', '', '.\n')
const openers = fc.tuple(fc.constantFrom('', '(', '( BEGIN '), fc.constantFrom('SUMMARY', 'Comment', 'COMMENT', 'summary'), spaces, marks).map((t) => t.join(''))
const closers = fc.tuple(fc.constantFrom('END', 'end', 'WEEKEND', 'XEND'), spaces, fc.constantFrom('', 'OF', 'of', 'OFF'), spaces, fc.constantFrom('SUMMARY', 'COMMENT', 'Comment'), fc.constantFrom('', '.', 'S', ' text. ', ')', '\n')).map((t) => t.join(''))
const bodies = fc.array(fc.oneof(words, spaces, marks, openers, closers), { maxLength: 30 }).map((a) => a.join(''))

describe('summary and comment blocks', () => {
  it('reads a summary closed by END SUMMARY and a comment closed by END COMMENT', () => {
    const body = '1. (C) SUMMARY: The talks stalled. END SUMMARY.\n\n2. (C) Text. COMMENT: Expect delay. END COMMENT.\n'
    const hits = keywordHits(body)
    const summaryEnd = body.indexOf('END SUMMARY.') + 'END SUMMARY.'.length
    expect(findSummary(hits)).toEqual({ text: 'The talks stalled.', start: body.indexOf('SUMMARY'), end: summaryEnd })
    const commentEnd = body.indexOf('END COMMENT.') + 'END COMMENT.'.length
    expect(findComments(hits)).toEqual({ text: 'Expect delay.', start: body.indexOf('COMMENT:'), end: commentEnd })
  })

  it('runs a comment without closer to the end of its block, and a parenthesised one to its parenthesis', () => {
    const body = '(Comment: short aside) more text\n\nComment: the block\nruns on\n\nnext'
    expect(findComments(keywordHits(body))?.text).toBe('short aside\n\nthe block runs on')
  })

  it('agrees with the one-regex-per-keyword formulation on generated texts', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const hits = keywordHits(body)
        expect(findSummary(hits)).toEqual(referenceSummary(body))
        expect(findComments(hits)).toEqual(referenceComments(body))
      }),
      { numRuns: 3000 },
    )
  })
})
