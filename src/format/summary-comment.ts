import { codeAt, foldAsciiCode, isSpaceCode, isWordCode } from './char-codes.js'
import { collapseSpace } from './lines.js'

/**
 * SUMMARY and COMMENT blocks of the body text (after the front matter).
 *
 * Every opener and closer of both (`SUMMARY:`, `END SUMMARY`, `COMMENT:`, `END OF COMMENT.`) contains one of
 * the two words, so one case-insensitive scan for the words finds every candidate and the rest are checks
 * at those places. Case-insensitive scans are slow in V8 (no skip-ahead search); this one replaces four
 * that each ran over the whole body.
 */
export interface Found {
  text: string
  start: number
  end: number
}

/** Offsets of the words SUMMARY and COMMENT (any case) in the body, in text order. */
export interface KeywordHits {
  body: string
  summary: number[]
  comment: number[]
}

// Both words have a double M at the same place (suMMary, coMMent), and a double-letter class pattern is the
// fastest scan V8 offers for a case-insensitive search; the letters around it are checked in place. A
// keyword's MM follows a U or an O, so no earlier match can have taken its first M. The two words cannot
// overlap, so this finds exactly what /SUMMARY|COMMENT/gi finds.
const DOUBLE_M = /[Mm][Mm]/g
const WORD_LENGTH = 7

export function keywordHits(body: string): KeywordHits {
  const hits: KeywordHits = { body, summary: [], comment: [] }
  DOUBLE_M.lastIndex = 0
  // test, not exec: no match array per double M (every match is two characters long, ending at lastIndex)
  while (DOUBLE_M.test(body)) {
    const at = DOUBLE_M.lastIndex - 4
    if (at < 0 || at + WORD_LENGTH > body.length) continue
    const c0 = lowerAt(body, at)
    if (c0 === 0x73 /* s */) {
      if (lowerAt(body, at + 1) === 0x75 && lowerAt(body, at + 4) === 0x61 && lowerAt(body, at + 5) === 0x72 && lowerAt(body, at + 6) === 0x79) hits.summary.push(at)
    } else if (c0 === 0x63 /* c */) {
      if (lowerAt(body, at + 1) === 0x6f && lowerAt(body, at + 4) === 0x65 && lowerAt(body, at + 5) === 0x6e && lowerAt(body, at + 6) === 0x74) hits.comment.push(at)
    }
  }
  return hits
}

/** The character code at `i`, folded as a non-Unicode `i` pattern of ASCII letters folds it. */
const lowerAt = (body: string, i: number): number => foldAsciiCode(codeAt(body, i))

const SUMMARY_TAIL = /^(?:\s+AND\s+(?:COMMENT|ACTION\s+REQUEST))?\s*[:.\-]+|^[ \t]*\n|^\s+(?=[A-Z])/i
const BLANK_LINE = /\n[ \t]*\n/g

/** SUMMARY as an opener (`SUMMARY:`, `SUMMARY.`, `BEGIN SUMMARY`, a SUMMARY heading), not `END SUMMARY`. */
function summaryOpener({ body, summary }: KeywordHits): { index: number; end: number } | null {
  for (const at of summary) {
    if (at > 0 && /[A-Za-z]/.test(body[at - 1])) continue
    if (/END\s+(?:OF\s+)?$/i.test(body.slice(Math.max(0, at - 8), at))) continue
    const tail = SUMMARY_TAIL.exec(body.slice(at + WORD_LENGTH, at + 64))
    if (tail) return { index: at, end: at + WORD_LENGTH + tail[0].length }
  }
  return null
}

export function findSummary(hits: KeywordHits): Found | null {
  const open = summaryOpener(hits)
  if (!open) return null
  const { body } = hits
  const from = open.end
  // `END [OF] SUMMARY` and the rest of its sentence up to a full stop
  const close = firstCloser(body, hits.summary, from, (end) => {
    while (end < body.length && body[end] !== '.' && body[end] !== '\n') end++
    return body[end] === '.' ? end + 1 : end
  })
  const to = close ? close.start : blankLineOrEnd(body, from)
  const text = clean(body.slice(from, to))
  return text ? { text, start: open.index, end: close ? close.end : to } : null
}

const COMMENT_OPEN_TAIL = /\s*[:.\-]+/y

export function findComments(hits: KeywordHits): Found | null {
  const { body } = hits
  const parts: string[] = []
  let first = -1
  let last = -1
  let resumeAt = 0
  // the first closer at or after a position: one search serves every opener before it
  let closer: { start: number; end: number } | null = null
  let closerFrom = -1
  const closeAfter = (from: number) => {
    if (closerFrom === -1 || from < closerFrom || (closer !== null && closer.start < from)) {
      closer = firstCloser(body, hits.comment, from, (end) => (body[end] === '.' ? end + 1 : end))
      closerFrom = from
    }
    return closer
  }
  for (const at of hits.comment) {
    if (at < resumeAt) continue
    COMMENT_OPEN_TAIL.lastIndex = at + WORD_LENGTH
    const tail = COMMENT_OPEN_TAIL.exec(body)
    if (!tail) continue
    if (at > 0 && /[A-Za-z]/.test(body[at - 1])) continue
    const before = body.slice(Math.max(0, at - 8), at)
    const paren = /\(\s*(?:BEGIN\s+)?$/i.test(before)
    const from = COMMENT_OPEN_TAIL.lastIndex
    const close = closeAfter(from)
    let to: number
    let end: number
    const closeParen = paren ? body.indexOf(')', from) : -1
    if (close && (closeParen === -1 || close.start < closeParen)) {
      to = close.start
      end = close.end
    } else if (closeParen !== -1) {
      to = closeParen
      end = to + 1
    } else {
      to = blankLineOrEnd(body, from)
      end = to
    }
    const t = clean(body.slice(from, to))
    if (t) parts.push(t)
    if (first === -1) first = at - (paren ? before.length - before.search(/\(\s*(?:BEGIN\s+)?$/i) : 0)
    last = end
    resumeAt = end
  }
  return parts.length ? { text: parts.join('\n\n'), start: first, end: last } : null
}

/**
 * The first `END\s+(?:OF\s+)?WORD\b` that starts at or after `from`, where the word's occurrences are
 * `hits`; `extend` reads what the closer takes after the word. Closers start in the order of their words
 * (only spaces and OF stand between END and the word), so the first word with a valid END is the first match.
 */
function firstCloser(body: string, hits: number[], from: number, extend: (end: number) => number): { start: number; end: number } | null {
  for (const at of hits) {
    if (at < from + 4) continue // `END ` at least, starting at or after `from`
    const start = endBefore(body, at)
    if (start < from) continue
    const after = at + WORD_LENGTH
    if (after < body.length && isWordCode(codeAt(body, after))) continue
    return { start, end: extend(after) }
  }
  return null
}

/** Start of `END\s+(?:OF\s+)?` ending just before `at` (case-insensitive), or -1. */
function endBefore(body: string, at: number): number {
  let k = skipSpaceBack(body, at)
  if (k === at) return -1
  if (k >= 2 && lowerAt(body, k - 1) === 0x66 /* f */ && lowerAt(body, k - 2) === 0x6f /* o */) {
    const j = skipSpaceBack(body, k - 2)
    if (j < k - 2 && isEnd(body, j)) return j - 3
  }
  return isEnd(body, k) ? k - 3 : -1
}

/** True when the three characters before `k` spell END in any case. */
function isEnd(body: string, k: number): boolean {
  return k >= 3 && lowerAt(body, k - 3) === 0x65 && lowerAt(body, k - 2) === 0x6e && lowerAt(body, k - 1) === 0x64
}

/** Moves back over white space (as `\s` matches it) from just before `at`; returns the offset after the last non-space. */
function skipSpaceBack(body: string, at: number): number {
  let k = at
  while (k > 0 && isSpaceCode(codeAt(body, k - 1))) k--
  return k
}

function blankLineOrEnd(body: string, from: number): number {
  BLANK_LINE.lastIndex = from
  const blank = BLANK_LINE.exec(body)
  return blank ? blank.index : body.length
}

/** A summary's or comment's text: one line, without the web rendering's ¶ marks. */
function clean(s: string): string {
  return collapseSpace(s.includes('¶') ? s.replace(/¶/g, '') : s).trim()
}
