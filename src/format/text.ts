import { captionsIn, gluedCaptions, isCaptionLine, isCaptionLineWith, leadingCaptions, SERVICE_LINE } from './captions.js'
import { codeAt, firstNonSpaceCode, foldAsciiCode, hasLowerCase, includesText, isSpaceCode } from './char-codes.js'
import { CLASS_LINE, CLASS_WORD_ONLY, mayOpenClassWord, normalizeMark } from './classification.js'
import { CLASSIFIED_BY } from './classified-by.js'
import { EO_LABEL, EO_LINE_START, EO_WORD } from './eo.js'
import type { Line } from './lines.js'
import { looksLikeMark } from './marking.js'
import type { SegmentKind } from './model.js'
import { firstNonSpace, isPageHeaderLine, pageHeaderTotal, SMART_PAGE_HEADER } from './page-header.js'
import { REF_LABEL, referencesEnd, splitReferences } from './references.js'
import { tagListLength, TAGS_LABEL } from './tags.js'

/**
 * Locates the constructs of the text (FL12): class line, captions, E.O., TAGS, SUBJECT, REF,
 * Classified By, numbered paragraphs, page headers, signature. Works on line indexes and offsets;
 * field values are read by the caller from the source with these ranges.
 */
export interface Range {
  start: number
  end: number
}

export interface ParaStart {
  line: number
  number: number
  marking: string | null
  pilcrow: boolean
  /** Offset where the paragraph text starts (after number and mark). */
  textStart: number
  markRange: Range | null
}

export interface TextLayout {
  classLine: number | null
  classMatch: RegExpExecArray | null
  /** Lines (indexes) whose kind is fixed: page headers, captions, fields. */
  kinds: SegmentKind[]
  captionLines: number[]
  /** Caption lines whose captions end where a run-together keyword starts: line → length of the caption part. */
  captionCuts: Map<number, number>
  /** The captions each caption line holds (`captionsRead`), read once by the layout: line → captions. */
  captionReads: Map<number, CaptionWord[]>
  eo: Range | null
  tags: Range | null
  subject: Range | null
  ref: Range | null
  /** REF blocks other than `ref` (a repeated header block): left in the text, each reported. */
  unplacedRefs: Range[]
  classifiedBy: Range | null
  paras: ParaStart[]
  /** Unnumbered text blocks that open with a portion mark (`(S//NF) text`, a lone portion): number 0. */
  markedBlocks: ParaStart[]
  signature: number[]
  /** First line of the archive's trailer (end marker, attribute block, stamps), null when there is none. */
  trailer: number | null
  sectionsFromPages: number | null
}

const SUBJECT_LABEL = /^[ \t]*(?:SUBJECT|SUBJ|UBJECT)\b[ \t]*[:.]?[ \t]*/i
/** Whether a class line names a section after the first (`SECTION 02 OF 03`, spec §5.2): its text need not open at paragraph 1. */
function laterSection(cl: { match: RegExpExecArray } | null): boolean {
  return cl !== null && /\bSECTION\s+0*(?:[2-9]|[1-9]\d)\s+OF\b/i.test(cl.match.input)
}

/**
 * Whether the next numbered block after line `i` (at a block start: after a blank line or a page header) is
 * paragraph `next`: numbers that run on from a first block numbered above 1.
 */
function runsOn(lines: readonly Line[], kinds: readonly string[], i: number, next: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    if (kinds[j] !== 'lines' || !(lines[j - 1].blank || kinds[j - 1] === 'pageHeader')) continue
    const m = PARA_START.exec(lines[j].text)
    if (m) return Number(m[3]) === next
  }
  return false
}

const PARA_START = /^([ \t]*)(¶[ \t]?)?(\d{1,3})[ \t]?\.(?=[ \t(]|[A-Z]\))[ \t]*(?:\(([^)\n]{1,60})\)|([A-Z]{1,3}(?:\/[A-Z]{1,4})?)\))?[ \t]*/
/** First letters of class words (U, C, S, T, L in either case): a screen before the class-line regex. */
const CLASS_INITIALS = new Set([85, 67, 83, 84, 76, 117, 99, 115, 116, 108])
/** CLASS_INITIALS as a table by char code: a typed-array load per line instead of a Set lookup. */
const IS_CLASS_INITIAL = new Uint8Array(128)
for (const c of CLASS_INITIALS) IS_CLASS_INITIAL[c] = 1
// one scan for the keyword in any of its spellings instead of one per spelling
const MAY_HOLD_REF = /REF|Ref|ref/
const MAY_HOLD_CLASSIFIED = /LASSIFIED|lassified/
/** Reasons of a classification statement (`reasons 1.4 (b)`, `REASON: 1.5 D`, `E.O. 12958`), any case. */
const STATEMENT_REASON = /\bREASONS?\b|\b1\.[4-6]\b|\bE\.\s?O\./i
// E.O. with an order number, or TAGS / SUBJECT with a colon, not at the start of a line: the dotted E.O. and
// the colon keep ordinary words (`subjects`, `tags on luggage`) out
const INLINE_KEYWORD = /E\.\s?[O0]\.?\s*1\d{4}\b|(?<![A-Za-z])(?:TAGS|SUBJECT|SUBJ)\s*:/gi
const MAY_HOLD_INLINE = /[Oo]\.?\s*1\d{4}|\.0\.\s*1\d{4}|[Tt][Aa][Gg][Ss]\s*:|[Ss][Uu][Bb][Jj]/
/**
 * MAY_HOLD_INLINE, screened: its alternatives need a `1`, a colon or a J (either case), and most lines of the
 * front matter (captions, attention lines) hold none of them, which `indexOf` tells faster than the regex's scan.
 */
const mayHoldInline = (t: string) => (includesText(t, ':') || includesText(t, '1') || includesText(t, 'J') || includesText(t, 'j')) && MAY_HOLD_INLINE.test(t)
const TRAILER = /^\s*(?:BT|NNNN|#\d{3,5}|END\s+OF\s+TEXT\.?)\s*$/i
// surnames as signed: CLINTON, Susman, LeBaron, van Voorst (name particles in lower case)
const SIGNATURE_LINE = /^\s*(?:(?:van|von|de|da|del|della|di|la|le|du)\s)?[A-Z][A-Za-z'.-]*(?:[ ](?:van|von|de|da|del|di|la|le|du|[A-Z][A-Za-z'.-]*)){0,2}\s*$/
/** A REF item line after an empty line (`B. STATE 12`, `(c) MADRID 4`, `¶B. …`): the REF block goes on. */
const REF_CONTINUES = /^\s*(?:¶\s?)?(?:\(?[A-Za-z][.):]|\([A-Za-z]\))\s/
const CAPS_WORD_LINE = /^\s*[A-Z][A-Z'-]{2,}\s*$/
/** A line that closes a sentence (`Thanks.`, `Agreed!`): a name glued under a paragraph never does. */
const SENTENCE_END = /[a-z]{2}[.!?]\s*$|[A-Za-z]{3}[!?]\s*$/

/**
 * Whether a line whose first character other than space and tab is `c0` can match TRAILER: its words open with
 * B, N, # or E (any case), after `\s*`, which may also skip white space other than space and tab.
 */
function mayBeTrailer(c0: number): boolean {
  const c = foldAsciiCode(c0)
  return c === 0x62 || c === 0x6e || c === 0x23 || c === 0x65 || isSpaceCode(c0)
}

/**
 * `line.text.length`, from the line's offsets: a `length` lookup on the line strings is megamorphic (see codeAt),
 * two loads of the line object are not.
 */
const lineLength = (line: Line): number => line.end - line.start

/** Finds the class line among the first non-blank lines of the text. */
export function findClassLine(lines: Line[], from: number): { line: number; match: RegExpExecArray } | null {
  let seen = 0
  for (let i = from; i < lines.length && seen < 12; i++) {
    if (lines[i].blank) continue
    seen++
    const m = CLASS_LINE.exec(lines[i].text)
    if (m) return { line: i, match: m }
  }
  return null
}

/**
 * Locates the constructs of the text that starts at line `from`. `classMatch`, when the caller has it, is
 * `CLASS_LINE.exec` of line `from` (the body starts at its class line): the class line, found without matching
 * that line again.
 */
export function layoutText(lines: Line[], from: number, text: string, classMatch: RegExpExecArray | null = null): TextLayout {
  const kinds: SegmentKind[] = lines.map((l) => (l.blank ? 'blank' : 'lines'))
  const layout: TextLayout = {
    classLine: null,
    classMatch: null,
    kinds,
    captionLines: [],
    captionCuts: new Map(),
    captionReads: new Map(),
    eo: null,
    tags: null,
    subject: null,
    ref: null,
    unplacedRefs: [],
    classifiedBy: null,
    paras: [],
    markedBlocks: [],
    signature: [],
    trailer: null,
    sectionsFromPages: null,
  }
  const cl = classMatch !== null ? { line: from, match: classMatch } : findClassLine(lines, from)
  let frontStart = from
  if (cl) {
    layout.classLine = cl.line
    layout.classMatch = cl.match
    kinds[cl.line] = 'classLine'
    frontStart = cl.line + 1
  }

  // Page headers first: they are removed from every field. The first character of each line is kept for
  // the paragraph pass, which looks at the same lines.
  const firsts = firstCharBuffer(lines.length)
  for (let i = frontStart; i < lines.length; i++) {
    const t = lines[i].text
    if (lines[i].blank) continue
    const c0 = firstNonSpace(t)
    firsts[i] = c0
    if (isPageHeaderLine(t, c0, lineLength(lines[i]))) {
      kinds[i] = 'pageHeader'
      const total = pageHeaderTotal(t)
      if (total !== null) layout.sectionsFromPages = Math.max(layout.sectionsFromPages ?? 0, total)
      // a legacy banner line (class word alone) sits just above, after the one closing the page before if any;
      // SMART headers repeat the subject just below
      for (let prev = prevNonBlank(lines, i); prev > frontStart && CLASS_WORD_ONLY.test(lines[prev].text); prev = prevNonBlank(lines, prev)) kinds[prev] = 'pageHeader'
    } else if (i > frontStart && lineLength(lines[i]) < 120 && IS_CLASS_INITIAL[c0] === 1 && mayOpenClassWord(t) && CLASS_LINE.test(t) && /SECTION\s+\d/i.test(t)) {
      // legacy multi-section text repeats the class line at each section
      kinds[i] = 'pageHeader'
    }
  }

  // Numbered paragraphs.
  let expected = 1
  for (let i = frontStart; i < lines.length; i++) {
    if (kinds[i] !== 'lines') continue // blank lines, and lines the loop above skipped, are not 'lines'
    const c0 = firsts[i]
    if (!((c0 >= 48 && c0 <= 57) || c0 === 182 /* ¶ */)) continue
    const m = PARA_START.exec(lines[i].text)
    if (!m) continue
    const n = Number(m[3])
    const blockStart = i === 0 || lines[i - 1].blank || kinds[i - 1] === 'pageHeader'
    const pilcrow = m[2] !== undefined
    // numbering slips in real cables (1, 2, 4): a number a little ahead still opens a paragraph at a block start
    const ok = n === expected || (layout.paras.length > 0 && blockStart && n > expected && n < expected + 3)
    // paragraph 1 glued under the SUBJECT, REF, TAGS or E.O. block or the class line (no blank line between, as texts
    // that lost their empty lines write it) opens the body all the same (spec §5.8: a subject ends at paragraph 1)
    const glued = !blockStart && !pilcrow && n === 1 && layout.paras.length === 0 && m[0].length < lines[i].text.length && gluedUnderFront(lines, i, frontStart, cl !== null)
    if (layout.paras.length === 0 && !blockStart && !pilcrow && !glued) continue
    // a fragment (no class line, no header) may start at any paragraph: its first numbered block opens one; so may a
    // later section of a multi-section telegram (`SECTION 02 OF 02` on its class line) or any text whose numbers
    // then run on (`6.` then `7.` at block starts: a section or a partial record without its first part)
    if (!ok && !(layout.paras.length === 0 && blockStart && n > 1 && n < 100 && ((cl === null && from === 0) || laterSection(cl) || runsOn(lines, kinds, i, n + 1)))) continue
    const rawMark = m[4] ?? m[5] ?? null
    let marking: string | null = null
    let markRange: Range | null = null
    let textStart = lines[i].start + m[0].length
    if (rawMark !== null && looksLikeMark(rawMark)) {
      marking = normalizeMark(rawMark)
      const markAt = lines[i].text.indexOf(rawMark, m[1].length + (m[2]?.length ?? 0))
      markRange = { start: lines[i].start + markAt, end: lines[i].start + markAt + rawMark.length }
    } else if (rawMark !== null) {
      // `1. (Something) text`: not a portion mark, the parenthesis is text
      textStart = lines[i].start + m[0].length - (m[4] !== undefined ? m[4].length + 2 : m[5].length + 1)
      while (textStart > lines[i].start && text[textStart - 1] === ' ') textStart--
      const after = lines[i].text.slice(0, textStart - lines[i].start)
      textStart = lines[i].start + after.length
    }
    layout.paras.push({ line: i, number: n, marking, pilcrow, textStart, markRange })
    kinds[i] = 'para'
    expected = n + 1
  }

  const frontEnd = layout.paras.length ? layout.paras[0].line : frontLimit(lines, frontStart)
  readFrontMatter(lines, frontStart, frontEnd, text, layout)

  // A SMART page header's repeated subject, now that we know whether the cable has a subject.
  if (layout.subject) {
    for (let i = frontEnd; i < lines.length; i++) {
      if (kinds[i] !== 'pageHeader' || !SMART_PAGE_HEADER.test(lines[i].text)) continue
      const next = nextNonBlank(lines, i)
      if (next !== -1 && kinds[next] === 'lines' && SUBJECT_LABEL.test(lines[next].text)) kinds[next] = 'pageHeader'
    }
  }

  const lastPara = layout.paras.length ? layout.paras[layout.paras.length - 1].line + 1 : frontEnd
  const trailer = findTrailer(lines, Math.max(frontEnd, frontStart, lastPara), kinds)
  if (trailer !== null) {
    layout.trailer = trailer
    for (let i = trailer; i < lines.length; i++) if (!lines[i].blank && (kinds[i] === 'lines' || kinds[i] === 'pageHeader')) kinds[i] = 'trailer'
  }
  // without numbered paragraphs (a fragment), the signature may close any text after the class line
  findSignature(lines, layout.paras.length ? Math.max(frontEnd, frontStart) : frontStart, layout, trailer ?? lines.length)
  for (let i = frontEnd; i < lines.length; i++) {
    if (kinds[i] === 'lines' && lineLength(lines[i]) < 24 && mayBeTrailer(firsts[i]) && TRAILER.test(lines[i].text)) kinds[i] = 'envelope'
  }
  findMarkedBlocks(lines, frontStart, firsts, layout)
  return layout
}

const MARKED_BLOCK = /^([ \t]*)(¶[ \t]?)?\(([^)\n]{1,60})\)(?=[ \t]|$)[ \t]*/

/**
 * Unnumbered text blocks that open with a portion mark: a lone portion (5 FAH-1 H-246.2 b), `(C) Summary:`
 * before paragraph 1, marked text after a heading. Their marks count for the cable's level like any other.
 */
function findMarkedBlocks(lines: Line[], from: number, firsts: Int32Array, layout: TextLayout) {
  const { kinds } = layout
  let found: { line: number; m: RegExpExecArray }[] | null = null
  for (let i = from; i < lines.length; i++) {
    if (kinds[i] !== 'lines') continue
    const c0 = firsts[i]
    if (c0 !== 40 /* ( */ && c0 !== 182 /* ¶ */) continue
    // a block start: the first line after a blank line or after another construct (subject, page header, …)
    if (i > from && !lines[i - 1].blank && kinds[i - 1] === 'lines') continue
    const m = MARKED_BLOCK.exec(lines[i].text)
    if (m) (found ??= []).push({ line: i, m })
  }
  if (found === null) return
  // `(A) … (B) … (C) …` is a lettered list, not a CONFIDENTIAL portion: a one-letter mark whose neighbouring
  // letter opens another block nearby is a list item
  // the lines of each letter, in text order (found runs down the text): a binary search finds the nearest, so a
  // text of tens of thousands of one-letter marks costs n log n, not n² (QA 13: a cable of 30,000 portions)
  const letters = new Map<string, number[]>()
  for (const f of found) {
    if (!/^[A-Za-z]$/.test(f.m[3])) continue
    const key = f.m[3].toUpperCase()
    const at = letters.get(key)
    if (at) at.push(f.line)
    else letters.set(key, [f.line])
  }
  const near = (letter: string, line: number) => {
    const at = letters.get(letter)
    if (!at) return false
    // the first line of the letter at or after line - 80; it is near when it is no further than line + 80
    let lo = 0
    let hi = at.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (at[mid] < line - 80) lo = mid + 1
      else hi = mid
    }
    return lo < at.length && at[lo] <= line + 80
  }
  for (const { line: i, m } of found) {
    if (!looksLikeMark(m[3])) continue
    if (/^[A-Za-z]$/.test(m[3])) {
      const code = m[3].toUpperCase().charCodeAt(0)
      if (near(String.fromCharCode(code - 1), i) || near(String.fromCharCode(code + 1), i)) continue
    }
    const markAt = lines[i].start + m[1].length + (m[2]?.length ?? 0) + 1
    layout.markedBlocks.push({
      line: i,
      number: 0,
      marking: normalizeMark(m[3]),
      pilcrow: m[2] !== undefined,
      textStart: lines[i].start + m[0].length,
      markRange: { start: markAt, end: markAt + m[3].length },
    })
  }
}

/** Without numbered paragraphs, the front matter ends at the first blank line after the SUBJECT block. */
function frontLimit(lines: Line[], from: number): number {
  let sawSubject = false
  for (let i = from; i < lines.length; i++) {
    if (SUBJECT_LABEL.test(lines[i].text)) sawSubject = true
    else if (sawSubject && lines[i].blank) {
      // REF and Classified By blocks may follow the subject after a blank line
      const next = nextNonBlank(lines, i)
      if (next !== -1 && (REF_LABEL.test(lines[next].text) || CLASSIFIED_BY.test(lines[next].text))) continue
      return i
    }
  }
  return Math.min(lines.length, from + 30)
}

type Field = 'eo' | 'tags' | 'subject' | 'ref' | 'classifiedBy'
const KIND_OF_FIELD: Readonly<Record<Field, SegmentKind>> = { eo: 'eo', tags: 'tags', subject: 'subject', ref: 'ref', classifiedBy: 'classifiedBy' }

/**
 * Sorts keyword starts by offset, keeping the order of equal ones (as the stable Array.prototype.sort does): an
 * insertion sort, the list being a handful of entries found nearly in order, where the built-in sort's set-up and
 * comparator calls cost more than the sorting.
 */
function sortByOffset<T extends { at: number }>(a: T[]): void {
  for (let i = 1; i < a.length; i++) {
    const x = a[i]
    let j = i - 1
    while (j >= 0 && a[j].at > x.at) {
      a[j + 1] = a[j]
      j--
    }
    a[j + 1] = x
  }
}

/**
 * The line a REF block goes on at after the blank line `i`, or -1 where it ends: the next line holds another item
 * (`B.`, `(C)`, `¶D.`). Across a page break (blank lines, page headers, the page's class line: spec §5.3) the block
 * also goes on where its last line left an item open (`… AND`, `…,`) or the next line continues the list
 * (a serial or a lower-case word), so the items on either side of the break are joined.
 */
function refContinuation(lines: readonly Line[], kinds: readonly SegmentKind[], i: number, to: number): number {
  let next = i
  let pageBreak = false
  while (next < to && (lines[next].blank || kinds[next] === 'pageHeader')) {
    if (kinds[next] === 'pageHeader') pageBreak = true
    next++
  }
  if (next >= to || kinds[next] !== 'lines') return -1
  if (REF_CONTINUES.test(lines[next].text)) return next
  if (!pageBreak) return -1
  // the line the block's field starts on (its REF label) is neither blank nor a page header, so the scan back stops
  // there at the latest: `last` never falls below it, and the guards below never decide
  // Stryker disable next-line ArithmeticOperator: a page break puts a page header or blank line at i + 1 too, which the scan passes the same
  let last = i - 1
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the scan stops at the field's first line, never below 0
  while (last >= 0 && (lines[last].blank || kinds[last] === 'pageHeader')) last--
  // Stryker disable next-line ConditionalExpression,EqualityOperator: last is the field's first line at the lowest, never below 0
  const open = last >= 0 && /(?:[,;:]|\bAND|\bOR)\s*$/i.test(lines[last].text)
  return open || /^\s*(?:\d|[a-z])/.test(lines[next].text) ? next : -1
}

function readFrontMatter(lines: Line[], from: number, to: number, text: string, layout: TextLayout) {
  const { kinds } = layout
  // keyword starts: [offset, field, line]
  const found: { at: number; field: Field; line: number; inline?: boolean; midLine?: boolean }[] = []
  for (let i = from; i < to; i++) {
    const line = lines[i]
    if (kinds[i] !== 'lines') continue
    const t = line.text
    // the three labels open with `^[ \t]*` and a letter (E; T or A; S or U, any case): the first other character
    // rules out all but one of them
    const c0 = foldAsciiCode(firstNonSpace(t))
    if (c0 === 0x65 && EO_LABEL.test(t) && EO_LINE_START.test(t)) found.push({ at: line.start, field: 'eo', line: i })
    else if ((c0 === 0x74 || c0 === 0x61) && TAGS_LABEL.test(t) && /^\s*[A-Z]{2,5}\b[ \t]*[:,.]?[ \t]*\S/i.test(t)) found.push({ at: line.start, field: 'tags', line: i })
    else if ((c0 === 0x73 || c0 === 0x75) && SUBJECT_LABEL.test(t)) found.push({ at: line.start, field: 'subject', line: i })
    // REF and Classified By can run on inside another line
    const ref = MAY_HOLD_REF.test(t) ? REF_LABEL.exec(t) : null
    if (ref && !found.some((s) => s.line === i && s.field === 'eo')) {
      found.push({ at: line.start + ref.index, field: 'ref', line: i })
    }
    const cb = MAY_HOLD_CLASSIFIED.test(t) ? CLASSIFIED_BY.exec(t) : null
    if (cb) {
      const atLineStart = t.slice(0, cb.index).trim() === ''
      // on the line of another field (a run-together header), the words open a statement only when written as a
      // label (`Classified By:`) or followed by its reasons: `SUBJECT: … FILES CLASSIFIED BY THE JUNTA` is subject text
      const onFieldLine = !atLineStart && found.length > 0 && found[found.length - 1].line === i
      // a line of the SUBJECT wrapped so that it opens with the words (`SUBJECT: (S) TALKS DECLARED` then `CLASSIFIED
      // BY THE MINISTRY AS …`, no blank line between) is subject text the same way unless it is a statement: written as
      // a label or with its reasons on this line or the next (spec §5.6, §5.8)
      const last = found[found.length - 1]
      const wrapsSubject = atLineStart && last !== undefined && last.field === 'subject' && !lines.slice(last.line + 1, i).some((l) => l.blank)
      const reasonsAhead = t.slice(cb.index + cb[0].length) + (i + 1 < to && !lines[i + 1].blank ? `\n${lines[i + 1].text}` : '')
      if ((!onFieldLine && !wrapsSubject) || cb[0].includes(':') || STATEMENT_REASON.test(onFieldLine ? t.slice(cb.index + cb[0].length) : reasonsAhead)) {
        found.push({ at: line.start + cb.index, field: 'classifiedBy', line: i, ...(atLineStart ? {} : { midLine: true }) })
      }
    }
    // a run-together block (spec §5.1): E.O., TAGS and SUBJECT after other text on the line
    if (mayHoldInline(t)) {
      const indent = t.length - t.trimStart().length
      INLINE_KEYWORD.lastIndex = indent + 1
      for (let m = INLINE_KEYWORD.exec(t); m; m = INLINE_KEYWORD.exec(t)) {
        const c = m[0].charCodeAt(0) | 0x20
        const field: Field = c === 0x65 /* e */ ? 'eo' : c === 0x74 /* t */ ? 'tags' : 'subject'
        found.push({ at: line.start + m.index, field, line: i, inline: true })
      }
    }
  }
  sortByOffset(found)
  // a statement on a line of its own is the cable's: words inside another field's line are then that field's text
  if (found.some((s) => s.field === 'classifiedBy' && !s.midLine)) {
    for (let k = found.length - 1; k >= 0; k--) if (found[k].field === 'classifiedBy' && found[k].midLine) found.splice(k, 1)
  }
  // A keyword inside the text of an earlier field of its own kind (`REF: STATE 12 (SUBJECT: …)`) is text,
  // not a field: only the first inline start of each field counts, and only before that field has started.
  const started = new Set<Field>()
  const starts = found.filter((s) => {
    if (s.inline && started.has(s.field)) return false
    started.add(s.field)
    return true
  })
  // Lines that hold an inline start stay literal lines (the canonical rendering keeps them as written), and
  // so do the lines of the fields that start on them; their fields are still read from their ranges.
  const runTogether = new Set<number>()
  for (const s of starts) if (s.inline) runTogether.add(s.line)
  const seen = new Set<Field>()
  const firstKeywordLine = starts.length ? starts[0].line : to

  // Several REF blocks (a header block repeated with a shorter REF): the one naming the most items is the
  // cable's; the others stay text, and their items are placed after the cable's or reported (`placeRefBlocks`)
  const refStarts = starts.filter((s) => s.field === 'ref')
  let chosenRef = refStarts[0]
  if (refStarts.length > 1) {
    let best = -1
    for (const r of refStarts) {
      const k = starts.indexOf(r)
      const range = fieldRange(k)
      const raw = text.slice(range.end > range.start ? range.start : r.at, range.end).replace(/¶/g, ' ')
      const label = REF_LABEL.exec(raw)
      const items = splitReferences(label ? raw.slice(label.index + label[0].length) : raw, { year: null, origin: null })
      // a block that letters on (`C.` first) continues the cable's, never is it (`placeRefBlocks` adds it after)
      const n = items.length > 0 && items[0].letter !== null && items[0].letter !== 'A' ? 0 : items.length
      if (n > best) {
        best = n
        chosenRef = r
      }
    }
    for (const r of refStarts) if (r !== chosenRef) layout.unplacedRefs.push(fieldRange(starts.indexOf(r)))
  }

  function fieldRange(k: number): Range & { lastLine: number } {
    const s = starts[k]
    const nextStart = k + 1 < starts.length ? starts[k + 1].at : lines[to - 1 >= 0 ? Math.max(to - 1, 0) : 0]?.next ?? text.length
    let end = Math.min(nextStart, to < lines.length ? lines[to].start : text.length)
    let lastLine = s.line
    for (let i = s.line + 1; i < to; i++) {
      if (lines[i].start >= end) break
      if (lines[i].blank) {
        const next = s.field === 'ref' ? refContinuation(lines, kinds, i, to) : -1
        const continues = next !== -1
        if (!continues) {
          end = Math.min(end, lines[i].start)
          break
        }
        // the gap (blank lines, page headers) is judged once, whole: a blank line after the page header is no end of
        // an item the line before the break left open
        i = next - 1
        continue
      }
      if (kinds[i] === 'pageHeader') continue
      // a TAGS line continues only on a line that is a tag list (spec §5.7): prose after it is no tag
      // nor does a SUBJECT go on into a marked paragraph glued under it (`1.(SBU) text`, no blank line between: spec
      // §5.8, a subject ends at paragraph 1), though that is no block start the paragraph pass opens a paragraph at
      if (kinds[i] !== 'lines' || (s.field === 'tags' && !isTagList(lines[i].text.slice(0, Math.max(0, end - lines[i].start)))) || (s.field === 'subject' && (opensMarkedParagraph(lines[i].text) || opensFirstParagraph(lines[i].text)))) {
        end = Math.min(end, lines[i].start)
        break
      }
      lastLine = i
    }
    if (s.field === 'ref') {
      // a block run on into the body (no blank line, or a copy that lost its line breaks) ends where the body opens
      const label = REF_LABEL.exec(text.slice(s.at, Math.min(end, lines[s.line].end)))
      const valueStart = s.at + (label !== null && label.index === 0 ? label[0].length : 0)
      const cut = valueStart + referencesEnd(text.slice(valueStart, end))
      if (cut < end) {
        end = cut
        while (lastLine > s.line && lines[lastLine].start >= end) lastLine--
        // a body opening at the start of a line leaves that line to the body
        while (lastLine > s.line && text.slice(lines[lastLine].start, end).trim() === '') lastLine--
      }
    }
    while (end > s.at && isSpaceCode(codeAt(text, end - 1))) end--
    return { start: s.at, end, lastLine }
  }

  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]
    if (seen.has(s.field)) continue
    if (s.field === 'ref' && s !== chosenRef) continue
    seen.add(s.field)
    // the field ends at the next keyword, a blank line, or the end of the front matter
    const { end, lastLine } = fieldRange(k)
    layout[s.field] = { start: s.at, end }
    if (runTogether.has(s.line)) continue
    for (let i = s.line; i <= lastLine; i++) if (kinds[i] === 'lines' && !runTogether.has(i)) kinds[i] = KIND_OF_FIELD[s.field]
  }


  // Captions and attention lines: between the class line and the first keyword, plus lone caption lines anywhere.
  // Each line's caption words are read once, here, for the layout and for the fields (captionReads).
  for (let i = from; i < to; i++) {
    if (kinds[i] !== 'lines') continue
    const t = lines[i].text
    const leading = leadingCaptions(t)
    const captionLine = isCaptionLineWith(t, leading)
    // a fragment with neither class line nor keyword holds no caption block: only caption lines are captions
    if ((i < firstKeywordLine && (layout.classLine !== null || starts.length > 0)) || captionLine || SERVICE_LINE.test(t)) {
      kinds[i] = 'captions'
      const read = captionsRead(t, leading, captionLine)
      if (read !== null) {
        layout.captionLines.push(i)
        layout.captionReads.set(i, read)
      }
    }
  }

  // Captions before the first keyword on its line (`SIPDIS E.O. 12958: DECL: …`, a run-together block)
  if (starts.length && starts[0].inline) {
    const line = lines[starts[0].line]
    const cut = starts[0].at - line.start
    const before = line.text.slice(0, cut)
    if (leadingCaptions(before).length || captionsIn(before).length || gluedCaptions(before).length) {
      layout.captionCuts.set(starts[0].line, cut)
      layout.captionLines.push(starts[0].line)
      layout.captionLines.sort((a, b) => a - b)
    }
  }
}

type CaptionWord = { caption: string; start: number; end: number }

/**
 * The captions the fields read from a caption-zone line, null when the line holds none (it is then no caption
 * line of the layout): the leading caption words of a caption line or of a line in mixed case (attention text
 * uses the words in their ordinary sense), else every caption word (`DEPT OF TREASURY FOR FPARODI SENSITIVE
 * SIPDIS`). `leading` is `leadingCaptions(t)`, `captionLine` is `isCaptionLine(t)`.
 */
export function captionsRead(t: string, leading: CaptionWord[], captionLine: boolean): CaptionWord[] | null {
  if (leading.length > 0) return captionLine || hasLowerCase(t) ? leading : captionsIn(t)
  const within = captionsIn(t)
  if (within.length === 0) return null
  return hasLowerCase(t) ? leading : within
}

/** A line that opens with a paragraph number and a portion mark (`1.(SBU) text`, `¶2. (C) text`). */
function opensMarkedParagraph(t: string): boolean {
  const c0 = firstNonSpace(t)
  if (!((c0 >= 48 && c0 <= 57) || c0 === 182 /* ¶ */)) return false
  const m = PARA_START.exec(t)
  const mark = m && (m[4] ?? m[5])
  return !!mark && looksLikeMark(mark)
}

/**
 * A line that opens paragraph 1 without a mark (`1. THE MINISTER SAID …`, as texts of the 1970s and unclassified
 * cables write it): a subject ends there (spec §5.8) though no blank line parts them. Only number 1 with text after
 * it: a subject wrapped onto a line opening with another number (`2000 BUDGET`, `12 DELEGATES`) goes on.
 */
function opensFirstParagraph(t: string): boolean {
  const m = PARA_START.exec(t)
  return m !== null && m[3] === '1' && m[0].length < t.length
}

/**
 * True when the run of non-blank lines above line `i` opens with a SUBJECT, TAGS, E.O. or Classified By line, a REF
 * line with its value on it, or the class line (the line before `frontStart` when `classLine`): line `i` then sits
 * in the front matter with no blank line before the body. A bare `REFS:` label over a numbered list is no such block
 * (its `1.` `2.` are references).
 */
function gluedUnderFront(lines: Line[], i: number, frontStart: number, classLine: boolean): boolean {
  for (let j = i - 1; j >= frontStart - 1 && j > i - 12; j--) {
    if (j < frontStart) return classLine && j >= 0
    const t = lines[j].text
    if (lines[j].blank) return false
    for (const [re, what] of HEADER_KEYWORD_LINES) {
      const k = re.exec(t)
      if (k) return what !== 'a REF line' || t.slice(k[0].length).trim() !== ''
    }
  }
  return false
}

/** A line (up to a keyword run together after it) that is a tag list to its end (spec §5.7). */
const isTagList = (t: string) => tagListLength(t) === t.length

// One buffer for all cables: allocating a typed array per cable cost more than the pass that fills it.
// Only entries this call writes are read back, so what earlier cables left in it does not matter.
let firstChars = new Int32Array(4096)
function firstCharBuffer(length: number): Int32Array {
  if (firstChars.length < length) firstChars = new Int32Array(Math.max(length, firstChars.length * 2))
  return firstChars
}

/**
 * End-of-message markers of archived copies (`NNN`, `NNNNMAFVVZCZ`, `<< END OF DOCUMENT >>`), an archive's
 * attribute block (`Message Attributes`, then `Key: value` lines) and declassification stamps: where the
 * message ends and the archive's trailer begins. A bare `NNNN` (FL16) stays the wire trailer it is.
 */
export const END_MARKER = /^\s*(?:N{3}|N{4}[A-Z]{1,12}|<<\s*END\s+OF\s+DOCUMENT\s*>>)\s*$/i
/**
 * The start of an archive's trailer: an attribute block's heading or a declassification stamp (both at the start of
 * the line), or the review stamp anywhere on it. Tried on every line after the last paragraph: the two anchored
 * alternatives fail at the line's start, and only the unanchored one scans, as a pattern of two-case letter classes
 * (the same match as the `i` pattern `\bEO\s+Systematic\s+Review\b`: without the `u` flag `i` folds ASCII letters
 * only onto each other), which V8 scans several times faster than one alternation holding all three did.
 */
const TRAILER_START_LINE = /^\s*(?:(?:MESSAGE|DOCUMENT)\s+ATTRIBUTES|TELEGRAM\s+ATTRIBUTES)\s*:?\s*$|^\s*(?:[A-Z][a-z]+(?:\s[A-Z]\.)?\s[A-Z][a-z]+\s+)?Declassified\/Released\b/i
const EO_REVIEW_STAMP = /\b[Ee][Oo]\s+[Ss][Yy][Ss][Tt][Ee][Mm][Aa][Tt][Ii][Cc]\s+[Rr][Ee][Vv][Ii][Ee][Ww]\b/
const isTrailerStart = (t: string): boolean => TRAILER_START_LINE.test(t) || EO_REVIEW_STAMP.test(t)

/**
 * `END_MARKER.test(t) || isTrailerStart(t)` for a line of `length` characters, each pattern screened first (this runs
 * on every line after the last paragraph, some twenty a cable). Each screen is exact: after `^\s*` (`firstNonSpaceCode`
 * skips what `\s` matches) an end marker opens with N or `<`, an attribute heading with M, D or T (any case: the
 * patterns are non-Unicode `i` ones, which fold ASCII letters only onto each other); a declassification stamp holds
 * `Declassified/Released`, so a slash; the review stamp (`EO SYSTEMATIC REVIEW`) is 20 characters at least.
 */
function endsMessage(t: string, length: number): boolean {
  const c0 = foldAsciiCode(firstNonSpaceCode(t))
  if ((c0 === 0x6e /* n */ || c0 === 0x3c /* < */) && END_MARKER.test(t)) return true
  if ((c0 === 0x6d /* m */ || c0 === 0x64 /* d */ || c0 === 0x74 /* t */ || t.includes('/')) && TRAILER_START_LINE.test(t)) return true
  return length >= 20 && EO_REVIEW_STAMP.test(t)
}

function findTrailer(lines: Line[], from: number, kinds: SegmentKind[]): number | null {
  for (let i = from; i < lines.length; i++) {
    if (lines[i].blank || kinds[i] !== 'lines') continue
    const t = lines[i].text
    const length = lineLength(lines[i])
    if (length > 160) continue
    if (endsMessage(t, length)) {
      // a wire trailer (BT, #ssn, NNNN) just before the marker belongs with it
      return i
    }
  }
  return null
}

/**
 * `TRAILER.test(t)`, screened: after `^\s*` its words open with B, N, # or E (any case), and `firstNonSpaceCode`
 * skips exactly what `\s` matches.
 */
function isTrailerLine(t: string): boolean {
  const c0 = foldAsciiCode(firstNonSpaceCode(t))
  return (c0 === 0x62 || c0 === 0x6e || c0 === 0x23 || c0 === 0x65) && TRAILER.test(t)
}

/** `CLASS_WORD_ONLY.test(t)`, screened: a class word opens with U, C, S, T or L (any case) after `^\s*`. */
const isClassWordLine = (t: string): boolean => IS_CLASS_INITIAL[firstNonSpaceCode(t)] === 1 && CLASS_WORD_ONLY.test(t)

function findSignature(lines: Line[], from: number, layout: TextLayout, end: number) {
  const { kinds } = layout
  let i = end - 1
  // trailer lines after the signature: BT, NNNN, #ssn, a repeated class word
  while (i >= from && (lines[i].blank || isTrailerLine(lines[i].text) || isClassWordLine(lines[i].text) || kinds[i] === 'pageHeader')) {
    // wire trailer (BT, #ssn, NNNN: FL13–FL16) belongs to the envelope; a repeated class word to the signature
    if (!lines[i].blank) kinds[i] = kinds[i] === 'pageHeader' ? 'pageHeader' : isTrailerLine(lines[i].text) ? 'envelope' : 'signature'
    i--
  }
  // the last block of non-blank lines, collected upwards and put in text order once (unshift per line moved the
  // whole array each time: quadratic on a long unbroken last block)
  const block: number[] = []
  while (i >= from && !lines[i].blank) {
    block.push(i)
    i--
  }
  block.reverse()
  // a signature glued to the last paragraph (no empty line): its last line alone, after a finished sentence;
  // a line that ends a sentence itself (`Thanks.`) is the paragraph's last words, not a name
  if (block.length > 2 || (block.length > 0 && kinds[block[0]] === 'para')) {
    const last = block[block.length - 1]
    const prev = lines[last - 1]?.text.trimEnd() ?? ''
    const name = SIGNATURE_LINE.test(lines[last].text) && !SENTENCE_END.test(lines[last].text)
    const glued = name && (/[.!?)"]$|XXXX$/.test(prev) || CAPS_WORD_LINE.test(lines[last].text))
    if (kinds[last] === 'lines' && glued && !isClassWordLine(lines[last].text)) {
      layout.signature = [last]
      kinds[last] = 'signature'
    }
    return
  }
  if (block.length === 0) return
  if (block.some((b) => kinds[b] !== 'lines' || !SIGNATURE_LINE.test(lines[b].text) || isClassWordLine(lines[b].text))) return
  if (block.some((b) => lines[b].text.trim().length > 40)) return
  layout.signature = block
  for (const b of block) kinds[b] = 'signature'
}

export function prevNonBlank(lines: Line[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (!lines[j].blank) return j
  return -1
}

export function nextNonBlank(lines: Line[], i: number): number {
  for (let j = i + 1; j < lines.length; j++) if (!lines[j].blank) return j
  return -1
}

// the keywords of the header block with their separator, at the start of a line: `Subject to approval` and
// `tags on luggage` stay prose, `SUBJECT:`, `REF:`, `TAGS:`, `E.O. 13526` and `Classified By:` do not
const HEADER_KEYWORD_LINES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^[ \t]*(?:SUBJECT|SUBJ|UBJECT)[ \t]*:/i, 'a SUBJECT line'],
  [/^[ \t]*(?:REFS?|REFTELS?|REF\(S\)|REFERENCES?)[ \t]*:/i, 'a REF line'],
  [/^[ \t]*(?:TAGS|TAG)[ \t]*:/i, 'a TAGS line'],
  [new RegExp(String.raw`^[ \t]*${EO_WORD}[ \t]*(?:1\d{4}\b|:)`, 'i'), 'an E.O. line'],
  [/^[ \t]*(?:\(U\)[ \t]*)?CLASSIFIED[ \t]+BY\b[ \t]*[:.]/i, 'a Classified By line'],
]

/**
 * What the text parser would read a line of drafted text as, when that is anything but running text: a class
 * line or class banner, a caption line, a SUBJECT, REF, TAGS, E.O. or Classified By line, a page header, the
 * start of a numbered paragraph, a portion mark opening a block, an end-of-text marker. Null for ordinary text.
 * Composing refuses such a line inside a paragraph: the reader of the telegram would see it as structure
 * (`UNCLAS STATE 000009` in a SECRET paragraph reads as a second, lower class line).
 *
 * @example
 *   lineReadAs('UNCLAS STATE 000009') // 'a classification line'
 *   lineReadAs('2. (U) More text')    // 'the start of numbered paragraph 2'
 *   lineReadAs('The talks resume.')   // null
 */
export function lineReadAs(line: string): string | null {
  const t = line.replace(/\r$/, '')
  if (CLASS_LINE.test(t)) return 'a classification line'
  if (CLASS_WORD_ONLY.test(t)) return 'a classification banner'
  if (isCaptionLine(t) || SERVICE_LINE.test(t)) return 'a caption line'
  for (const [re, what] of HEADER_KEYWORD_LINES) if (re.test(t)) return what
  if (isPageHeaderLine(t, firstNonSpace(t))) return 'a page header'
  const para = PARA_START.exec(t)
  if (para) return `the start of numbered paragraph ${Number(para[3])}`
  const mark = MARKED_BLOCK.exec(t)
  if (mark && looksLikeMark(mark[3])) return `a portion mark (${mark[3]})`
  if (TRAILER.test(t) || END_MARKER.test(t) || isTrailerStart(t)) return 'an end-of-text marker'
  return null
}
