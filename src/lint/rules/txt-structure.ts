import { defineRule } from '../types.js'
import { withheldWithin } from '../withheld.js'
import { isHeaderLine, type TextLine } from '../text-lines.js'
import { addressees } from './env-precedence.js'
import { isSpaceCode, isWordCode } from '../../format/char-codes.js'

const WORDS = ['summary', 'comment', 'note'] as const
const isWordChar = (c: string | undefined): boolean => c !== undefined && /\w/.test(c)
/** The three words in any ASCII case; they cannot overlap one another, so one scan finds what three would. */
const WORD_SCAN = /[Ss][Uu][Mm][Mm][Aa][Rr][Yy]|[Cc][Oo][Mm][Mm][Ee][Nn][Tt]|[Nn][Oo][Tt][Ee]/g

/**
 * Whole-word SUMMARY, COMMENT and NOTE in any case, in text order. One regex scan with the case spelled out in
 * character classes runs about twice as fast as `toLowerCase` and three `indexOf` scans over a long body.
 */
function findWords(body: string): Array<{ 0: string; index: number }> {
  // `İ` lower-cases to two code units, shifting offsets in a lower-cased copy; those texts keep the old reading
  if (body.includes('\u0130')) return findWordsLowerCased(body)
  const found: Array<{ 0: string; index: number }> = []
  WORD_SCAN.lastIndex = 0
  for (let m = WORD_SCAN.exec(body); m !== null; m = WORD_SCAN.exec(body)) {
    const i = m.index
    const end = i + m[0].length
    if (!(i > 0 && isWordCode(body.charCodeAt(i - 1))) && !(end < body.length && isWordCode(body.charCodeAt(end)))) found.push({ 0: m[0], index: i })
  }
  return found
}

function findWordsLowerCased(body: string): Array<{ 0: string; index: number }> {
  const lower = body.toLowerCase()
  const found: Array<{ 0: string; index: number }> = []
  for (const word of WORDS) {
    for (let i = lower.indexOf(word); i !== -1; i = lower.indexOf(word, i + word.length)) {
      if (!isWordChar(body[i - 1]) && !isWordChar(body[i + word.length])) found.push({ 0: body.slice(i, i + word.length), index: i })
    }
  }
  return found.sort((a, b) => a.index - b.index)
}
const SUMMARY: readonly string[] = Object.freeze(['SUMMARY'])
const COMMENT: readonly string[] = Object.freeze(['COMMENT'])
const NOTE: readonly string[] = Object.freeze(['NOTE'])
const SUMMARY_AND_COMMENT: readonly string[] = Object.freeze(['SUMMARY', 'COMMENT'])
const CABLE_ENDS = /^\s*=+.*CABLE ENDS.*=+\s*$/i
const AND_COMMENT = /^\s+AND\s+COMMENT\b/i
/** After an opener word: a colon, period or dash, or the end of its line (an underlined heading). */
const OPENER_TAIL = /^(?:\s*[:.\-]|[ \t]*(?:\r?\n|$))/
/** What may precede an opener on its line: a paragraph number and portion mark, or nothing. */
const LEAD = /^[\s\-=_*]*(?:¶?\s*\d+\s*\.\s*)?(?:\(?[A-Za-z/ ]{1,12}\)\s*)?(?:BEGIN\s+)?$/i

/** Offset just after the `)` closing the `(` at `open`, on the same line; -1 when unclosed. */
function closingParen(line: string, open: number): number {
  let depth = 0
  for (let i = open; i < line.length; i++) {
    if (line[i] === '(') depth++
    else if (line[i] === ')' && --depth === 0) return i + 1
  }
  return -1
}

export const txt020 = defineRule({
  id: 'TXT-020',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'A cable longer than three pages (more than two sections) has a summary',
  rationale: 'Long cables are read by their summary first; without one the key points are buried.',
  source: '5 FAH-1 H-246.3 a',
  fixable: false,
  examples: {
    fail: { edits: [['SECTION 01 OF 02', 'SECTION 01 OF 03'], ['002 OF 002', '002 OF 003\n\n¶4. (U) More.\n\nSTATE 00012345 003 OF 003']], span: '13:25-13:41' },
    pass: { edits: [['SECTION 01 OF 02', 'SECTION 01 OF 03'], ['002 OF 002', '002 OF 003\n\n¶4. (U) More.\n\nSTATE 00012345 003 OF 003'], ['¶1. (C) This is', '¶1. (C) SUMMARY: Deliver. END SUMMARY. This is']] },
  },
  check(cable, report, ctx) {
    const section = ctx.classLine?.section
    const total = section?.of ?? cable.sections ?? 0
    if (total > 2 && cable.summary === null) report({ message: `${total} sections and no summary`, at: section ? [section.start, section.end] : [0, 0] })
  },
})

export const txt021 = defineRule({
  id: 'TXT-021',
  level: { compose: 'error', archive: 'error' },
  summary: 'Every `END SUMMARY`, `END COMMENT` and `END NOTE` closes an opener before it, and every opener is closed',
  rationale: 'Readers and extractors rely on these brackets to separate reporting from the drafter’s comment; an unclosed comment swallows the rest of the cable. A parenthesised `(Comment: …)` closes with its parenthesis.',
  source: 'observed convention',
  fixable: false,
  examples: {
    fail: { edits: [['¶2. (U) Background.', '¶2. (U) COMMENT: Background.']], span: '27:9-27:17' },
    pass: { edits: [['¶2. (U) Background.', '¶2. (U) COMMENT: Background. END COMMENT.']] },
  },
  check(_cable, report, ctx) {
    const open: Record<string, Array<{ at: [number, number]; heading: boolean }>> = { SUMMARY: [], COMMENT: [], NOTE: [] }
    // scanned as one text: closers wrap across lines (`End\nsummary.`) in reflowed copies
    const from = ctx.classLine ? ctx.classLine.line.end : ctx.header.length ? ctx.header[ctx.header.length - 1].end : 0
    const body = ctx.text.slice(from)
    const events: Array<{ at: number; end: number; kinds: readonly string[]; close: boolean; heading?: boolean }> = []
    const selfClosed: Array<[number, number]> = []
    const inside = (at: number): boolean => selfClosed.some(([a, b]) => at > a && at < b)
    // one cheap scan for the three words; the context around each decides opener, closer or neither
    let skipUntil = -1
    for (const m of findWords(body)) {
      const at = m.index
      if (at < skipUntil) continue
      // the word is one of three, told apart by its first letter
      const first = m[0].charCodeAt(0) | 0x20
      const after = first === 115 ? body.slice(at + m[0].length, at + m[0].length + 24) : ''
      const both = first === 115 && /^\s+AND\s+COMMENT\b/i.test(after) ? AND_COMMENT.exec(after)![0].length : 0
      const kinds = both ? SUMMARY_AND_COMMENT : first === 115 ? SUMMARY : first === 99 ? COMMENT : NOTE
      const end = at + m[0].length + both
      skipUntil = end
      const before = body.slice(Math.max(0, at - 12), at)
      // a closer has `END` and white space before the word; most words have a letter or nothing there
      if (at > 0 && isSpaceCode(body.charCodeAt(at - 1)) && /\bEND\s+(?:OF\s+)?$/i.test(before)) {
        if (!inside(at)) events.push({ at: at - (before.length - before.search(/END\s+(?:OF\s+)?$/i)), end, kinds, close: true })
        continue
      }
      // an opener is followed by white space, `:`, `.`, `-` or the end; most words by a letter or punctuation
      const next = body.charCodeAt(end)
      const tail = end < body.length && !isSpaceCode(next) && next !== 58 && next !== 46 && next !== 45 ? null : OPENER_TAIL.exec(body.slice(end, end + 8))
      if (inside(at) || !tail) continue
      const stop = end + tail[0].replace(/[ \t]*\r?\n$/, '').length
      const paren = /\(\s*(?:BEGIN\s+)?$/i.exec(before)
      if (paren) {
        const open = at - (before.length - paren.index)
        const close = closingParen(body, open)
        if (close !== -1) selfClosed.push([open, close])
        else events.push({ at, end: stop, kinds, close: false })
        continue
      }
      const lineStart = body.lastIndexOf('\n', at - 1) + 1
      if (!LEAD.test(body.slice(lineStart, at))) continue
      // an underlined heading (`Comment` over `-------`) opens a section that runs to the next heading or the end
      const lineEnd = body.indexOf('\n', at)
      const heading = /^[\s\-=_*]*$/.test(body.slice(lineStart, at)) && /^[^\n]{0,80}\n?[ \t]*\n?[ \t]*-{3,}/.test(body.slice(end, lineEnd === -1 ? end : lineEnd + 120)) || /-{3,}[ \t]*$/.test(body.slice(end, lineEnd === -1 ? body.length : lineEnd))
      events.push({ at: at - (/BEGIN\s+$/i.exec(before)?.[0].length ?? 0), end: stop, kinds, close: false, heading })
    }
    events.sort((a, b) => a.at - b.at)
    for (const e of events) {
      const at: [number, number] = [from + e.at, from + e.end]
      if (!e.close) {
        for (const kind of e.kinds) open[kind].push({ at, heading: e.heading === true })
        continue
      }
      // `END SUMMARY AND COMMENT` closes whichever of the two is open
      const closing = e.kinds.filter((k) => open[k].length > 0)
      for (const kind of closing) open[kind].pop()
      // a rendering that withholds text before the closer (archive mode) may withhold its opener
      if (closing.length === 0 && !withheldWithin(ctx, from, at[0])) report({ message: `END ${e.kinds.join(' AND ')} without a ${e.kinds.join(' or ')} opener before it`, at })
    }
    for (const [kind, sites] of Object.entries(open)) {
      // … and one that withholds text after the opener may withhold its closer
      for (const site of sites) if (!site.heading && !withheldWithin(ctx, site.at[1])) report({ message: `${kind} opened here is never closed (END ${kind})`, at: site.at })
    }
  },
})

export const txt022 = defineRule({
  id: 'TXT-022',
  level: { compose: 'warning', archive: 'off' },
  summary: 'Drafted text lines are at most 55 characters (compose mode only)',
  rationale: 'Telegram text is drafted on a 55-character line; longer lines are rewrapped in transmission. Released copies were reflowed by the archive, so archive mode skips this rule.',
  source: '5 FAH-1 H-246.1 b',
  fixable: false,
  examples: {
    fail: { edits: [['¶2. (U) Background.', '¶2. (U) Background of the matter, as discussed at length.']], span: '27:56-27:58', mode: 'compose' },
    pass: { edits: [], mode: 'compose' },
  },
  check(_cable, report, ctx) {
    for (const line of ctx.lines) {
      if (isHeaderLine(line) || line.kind === 'preamble') continue
      const text = line.text.trimEnd()
      if (text.length > 55) report({ message: `Line is ${text.length} characters, expected at most 55`, at: [line.start + 55, line.start + text.length] })
    }
  },
})

export const txt024 = defineRule({
  id: 'TXT-024',
  level: { compose: 'error', archive: 'error' },
  summary: 'A NIACT cable justifies NIACT in paragraph 1',
  rationale: 'NIACT wakes officers at night; the drafter must say in the first paragraph why it cannot wait for business hours.',
  source: '5 FAH-2 H-421.2 b',
  fixable: false,
  examples: {
    fail: { edits: [['AMEMBASSY PARIS IMMEDIATE', 'AMEMBASSY PARIS NIACT IMMEDIATE']], span: '9:27-9:42' },
    pass: { edits: [['AMEMBASSY PARIS IMMEDIATE', 'AMEMBASSY PARIS NIACT IMMEDIATE'], ['¶1. (C) This is an action request', '¶1. (C) NIACT: reply due; an action request']] },
  },
  check(cable, report, ctx) {
    const niact = addressees(ctx).find((a) => a.parts.precedence === 'NIACT IMMEDIATE')
    if (!niact) return
    const first = cable.paragraphs.find((p) => p.number === 1) ?? cable.paragraphs[0]
    if (first && /\bNIACT\b/i.test(first.text)) return
    const start = niact.base + niact.parts.precedenceStart
    report({ message: 'NIACT IMMEDIATE addressee but paragraph 1 does not justify NIACT', at: [start, start + 15] })
  },
})

export const txt025 = defineRule({
  id: 'TXT-025',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'The last line is a signature (the signer’s surname in capitals)',
  rationale: 'The signature names who released the cable; a text that ends elsewhere may be truncated.',
  source: 'observed',
  fixable: false,
  examples: {
    fail: { edits: [['\n\nCLINTON', '']], span: '31:1-31:41' },
    pass: { edits: [] },
  },
  check(cable, report, ctx) {
    if (cable.signers.length > 0) return
    // archive trailers (`=====CABLE ENDS=====`) are not the cable's text
    let last: TextLine | undefined
    for (let i = ctx.lineCount - 1; i >= 0 && !last; i--) {
      const l = ctx.lineAt(i)
      if (l.text.trim() !== '' && !isHeaderLine(l) && !CABLE_ENDS.test(l.text)) last = l
    }
    // the parser wants the signature as a block of its own; a surname glued under the last paragraph still signs
    if (last && /^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2}$/.test(last.text.trim())) return
    // reflowed copies glue the surname to the end of the last sentence (`… the South. KENNY`)
    if (last && /[.!?)"'”]\s+[A-Z][A-Z'\-]{2,}(?: [A-Z][A-Z'\-]{2,})?\s*$/.test(last.text)) return
    if (last && ctx.classLine) report({ message: 'No signature: the last line is not an upper-case surname', at: [last.start + (last.text.length - last.text.trimStart().length), last.start + last.text.trimEnd().length] })
  },
})
