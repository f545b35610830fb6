import { CLASS_LINE, caveatsOfCaption, LEVEL_RANK, RESTRICTIVE_CAVEATS } from '../../format/classification.js'
import { classLineStatedMarking, leadOfOrigin, splitClassWord } from '../../format/class-line.js'
import { controlsNobodyReads, headerCaptionBlocks, nearMissCaptions, readCaptionBlock, spelledCaptions, writtenOutHandling } from '../../format/caption-spellings.js'
import { isCaptionLine } from '../../format/captions.js'
import type { Paragraph } from '../../format/model.js'
import { isDigitCode } from '../../format/char-codes.js'
import { parseMarking, type MarkingParts } from '../../format/marking.js'
import { bodyPortions } from '../../format/body-portions.js'
import { defineRule, type Fix } from '../types.js'
import { withheldInHeader, withheldWithin } from '../withheld.js'
import { isClassified, type LintContext } from '../context.js'

/**
 * Offsets of the paragraph number as written (`¶12.` → the `12`), null for a paragraph without a place (one built,
 * not parsed). The parser opens a paragraph only on PARA_START (format/text.ts), `^[ \t]*(¶[ \t]?)?(\d{1,3})`, and
 * starts its span at the first character past the leading blanks: so the span starts at the `¶` or the first digit,
 * one blank at most stands between them, and the digits that follow are the paragraph's number.
 */
export function numberAt(text: string, p: Paragraph): [number, number] | null {
  if (!p.span) return null
  let i = p.span.start.offset
  if (text.charCodeAt(i) === 0xb6) i++
  if (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++
  const start = i
  while (isDigitCode(text.charCodeAt(i))) i++
  return [start, i]
}

/**
 * Whether a line whose first character has code `c` may open a numbered paragraph: the screen before
 * LOOSE_PARAGRAPH. Printable ASCII other than a digit (`!` to `~`) can neither be skipped as white space nor start
 * a number; blanks, digits, `¶`, and control or non-ASCII characters (some of which are white space) may.
 */
export function mayOpenNumber(c: number): boolean {
  return c <= 32 || c >= 127 || (c >= 48 && c <= 57)
}

const numbered = (ps: readonly Paragraph[]): Paragraph[] => ps.filter((p) => p.number > 0)

/** A literal line that is a numbered, portion-marked paragraph: `4.(C) text`, `¶5. (SBU) text`. */
const LOOSE_PARAGRAPH = /^\s*¶?\s*(\d{1,3})\.\s*\((?:U|SBU|C|S|TS|LOU)(?:\s*\/[A-Za-z/ ,]{1,30})?\)/

export const txt015 = defineRule({
  id: 'TXT-015',
  level: { compose: 'error', archive: 'error' },
  summary: 'Paragraphs are numbered 1..n consecutively; a lone paragraph is not numbered',
  rationale: 'Replies and later cables cite paragraphs by number (“see para 5”); gaps and repeats make those citations ambiguous.',
  source: '5 FAH-1 H-246.2 b',
  fixable: true,
  examples: {
    fail: { edits: [['¶3. (C) Please', '¶4. (C) Please']], span: '31:2-31:3' },
    pass: { edits: [] },
  },
  check(cable, report, ctx) {
    const ps = numbered(cable.paragraphs)
    // the parser opens a paragraph only on a higher number (and not on every spelling, `4.(C)`), so numbered
    // blocks it left as literal lines join the sequence here; only a sequence it fully read gets the fix
    const loose: Array<{ number: number; at: [number, number]; parsed: boolean }> = []
    for (const i of ctx.lineIndicesOfKind('lines')) {
      // most literal lines are prose or lists: one that cannot open a number needs no line object and no regex
      // Stryker disable next-line ConditionalExpression: with the screen off (false) LOOSE_PARAGRAPH refuses each line it skipped; `true` (all skipped) is killed by the loose-line tests
      if (!mayOpenNumber(ctx.lineFirstCode(i))) continue
      const line = ctx.lineAt(i)
      const m = LOOSE_PARAGRAPH.exec(line.text)
      if (!m) continue
      const start = line.start + m[0].indexOf(m[1])
      loose.push({ number: Number(m[1]), at: [start, start + m[1].length], parsed: false })
    }
    const items = [...ps.map((p) => ({ number: p.number, at: numberAt(ctx.text, p), parsed: true })), ...loose]
      .filter((x): x is { number: number; at: [number, number]; parsed: boolean } => x.at !== null)
      .sort((a, b) => a.at[0] - b.at[0])
    if (items.length === 1 && items[0].parsed) {
      report({ message: 'A lone paragraph is not numbered', at: items[0].at })
      return
    }
    let fix: Fix | undefined
    const wrong: Array<{ at: [number, number]; i: number }> = []
    items.forEach((x, i) => {
      if (x.number !== i + 1) wrong.push({ at: x.at, i })
    })
    if (loose.length === 0 && wrong.length > 0) {
      // one edit renumbering every paragraph from the first break, copying the text between numbers unchanged
      let text = ''
      let last = wrong[0].at[0]
      for (const w of wrong) {
        text += ctx.text.slice(last, w.at[0]) + String(w.i + 1)
        last = w.at[1]
      }
      fix = { start: wrong[0].at[0], end: last, text }
    }
    items.forEach((x, i) => {
      const expected = i === 0 ? 1 : items[i - 1].number + 1
      if (x.number === expected) return
      const first = fix !== undefined && x.at[0] === fix.start
      const message = `Unexpected paragraph number ${x.number}, expected ${expected}${first ? ` (renumbering ${wrong.length} paragraph${wrong.length === 1 ? '' : 's'} from here)` : ''}`
      report({ message, at: x.at, fix: first ? fix : undefined })
    })
  },
})

export const txt016 = defineRule({
  id: 'TXT-016',
  level: { compose: 'error', archive: 'error' },
  summary: 'In a classified or SBU cable every numbered paragraph carries a portion mark',
  rationale: 'Portion marks let a reader quote or release a paragraph without re-reviewing the whole cable; an unmarked paragraph must be treated at the cable’s highest level.',
  source: '5 FAH-1 H-246.2 c',
  fixable: false,
  examples: {
    fail: { edits: [['¶2. (U) Background.', '¶2. Background.']], span: '27:2-27:3' },
    pass: { edits: [] },
  },
  check(cable, report, ctx) {
    if (!isClassified(ctx) && !ctx.sbu) return
    for (const p of numbered(cable.paragraphs)) {
      if (p.marking) continue
      const at = numberAt(ctx.text, p)
      // a withheld paragraph (archive mode) whose placeholder carries no mark: the mark was withheld with its text
      // (one the rendering cannot read, or one below a mark inside the paragraph, which a placeholder never shows)
      if (at && withheldWithin(ctx, at[0], lineEndAt(ctx.text, at[0]))) continue
      // Stryker disable next-line LogicalOperator: the rule returned above unless the cable is classified or SBU, and SBU is never classified, so && and || agree here
      if (at) report({ message: `Paragraph ${p.number} of a ${ctx.sbu && !isClassified(ctx) ? 'SBU' : ctx.level} cable has no portion mark`, at })
    }
  },
})

export const txt017 = defineRule({
  id: 'TXT-017',
  level: { compose: 'error', archive: 'error' },
  summary: 'The overall classification is at least as high as every portion mark, the subject’s included',
  rationale: 'A cable may be over-classified relative to its portions but never under: a SECRET paragraph in a CONFIDENTIAL cable travels and is stored with too little protection.',
  source: 'EO 12958 portion marking; spec §7 rule 1',
  fixable: false,
  examples: {
    fail: { edits: [['¶2. (U) Background.', '¶2. (S) Background.']], span: '27:5-27:8' },
    pass: { edits: [['¶2. (U) Background.', '¶2. (C) Background.']] },
  },
  check(cable, report, ctx) {
    // Stryker disable next-line ConditionalExpression: without a level the rank below is NaN and no mark compares above it; the guard says so plainly
    if (!ctx.level) return
    // SBU is an administrative control, not a level: an SBU portion in UNCLAS text is TXT-019's concern
    const overall = Math.max(LEVEL_RANK[ctx.level], LEVEL_RANK.SBU)
    // a withheld portion's mark on its placeholder (archive mode) is the portion's mark as written: whether it stands
    // above its cable is a finding on the cable's own text (where a list letter `(C)` may be no mark), not the rendering's
    const placeholderMark = (end: number) => withheldWithin(ctx, end, lineEndAt(ctx.text, end))
    for (const m of ctx.marks) {
      if (placeholderMark(m.end)) continue
      if (m.level && LEVEL_RANK[m.level] > overall) report({ message: `Portion mark (${m.mark}) is above the cable’s overall ${ctx.level}`, at: [m.start, m.end] })
    }
    // a sub-item's mark (`B. (TS) …`, `(2) (S) …`, `- (S) …`) is a portion mark too (docs/research.md, "Portions")
    const seen = new Set(ctx.marks.map((m) => m.start))
    // every paragraph, unnumbered marked blocks too (one before ¶1, or a cable of lone portions, is in no other's span)
    for (const p of cable.paragraphs) {
      if (!p.span) continue
      const body = ctx.text.slice(p.span.start.offset, p.span.end.offset)
      for (const m of body.matchAll(SUB_ITEM_MARK)) {
        const start = p.span.start.offset + m.index + m[1].length
        // the match ends at the mark's closing parenthesis
        const end = p.span.start.offset + m.index + m[0].length
        if (seen.has(start)) continue
        seen.add(start)
        if (placeholderMark(end)) continue
        const r = parseMarking(m[2])
        const level = r.ok ? r.parts.level : (r.failClosed?.level ?? null)
        if (level && LEVEL_RANK[level] > overall) report({ message: `Portion mark (${m[2]}) of a sub-item is above the cable’s overall ${ctx.level}`, at: [start, end] })
      }
    }
  },
})

/** A line inside a paragraph that begins with a sub-item enumerator (`A.`, `(1)`, `-`, `--`, `*`) and a portion mark. */
const SUB_ITEM_MARK = /^([ \t]*(?:(?:[A-Za-z]|\d{1,2})[.)][ \t]*|\([ \t]*(?:[A-Za-z]|\d{1,2})[ \t]*\)[ \t]*|-{1,2}[ \t]*|\*[ \t]*))\(((?:TS|S|C|U|SBU)(?:[ \t]*\/\/?[ \t]*[A-Z][A-Z0-9 ,-]*)*)\)/gm

const RESTRICTIVE: readonly string[] = RESTRICTIVE_CAVEATS

export const txt018 = defineRule({
  id: 'TXT-018',
  level: { compose: 'error', archive: 'error' },
  summary: 'A caveat in a portion mark (`/NF`, `//NODIS`, `//EXDIS`, `//ORCON`…) requires the matching caption',
  rationale: 'Dissemination caveats propagate upward: one NOFORN (or NODIS, EXDIS, ORCON…) paragraph makes the whole cable so, and distribution reads the captions, not the paragraphs.',
  source: 'spec §7 rule 4',
  fixable: false,
  examples: {
    fail: { edits: [['¶3. (C) Please', '¶3. (C/NF) Please']], span: '31:5-31:11' },
    pass: { edits: [['¶3. (C) Please', '¶3. (C/NF) Please'], ['\nSIPDIS\n', '\nNOFORN\nSIPDIS\n']] },
  },
  check(_cable, report, ctx) {
    const held = new Set(ctx.captions.flatMap(caveatsOfCaption))
    // Stryker disable next-line MethodExpression: before the serial a class line holds only the class word, SECTION nn OF mm and the origin, none of which is NOFORN
    if (ctx.classLine && /\bNOFORN\b/i.test(ctx.classLine.line.text.slice(ctx.classLine.serialStart - ctx.classLine.line.start))) held.add('NOFORN')
    const reported = new Set<string>()
    for (const m of ctx.marks) {
      for (const c of m.caveats) {
        if (!RESTRICTIVE.includes(c) || held.has(c) || reported.has(c)) continue
        // a rendering that withholds header text (archive mode) may withhold the caption line with it
        if (withheldInHeader(ctx)) continue
        reported.add(c)
        report({ message: `${c} portion (${m.mark}) but no ${c} caption`, at: [m.start, m.end] })
      }
    }
  },
})

export const txt019 = defineRule({
  id: 'TXT-019',
  level: { compose: 'error', archive: 'error' },
  summary: 'An SBU portion in an UNCLAS cable requires the SENSITIVE caption',
  rationale: 'SBU text may travel on unclassified systems only when the cable as a whole is marked SENSITIVE; otherwise it can be posted publicly.',
  source: 'spec §7 rule 3',
  fixable: false,
  examples: {
    fail: { edits: [['C O N F I D E N T I A L SECTION', 'UNCLAS SECTION'], ['ZNY CCCCC', 'ZNR UUUUU'], ['(C) DEMARCHE', '(SBU) DEMARCHE']], span: '19:10-19:15' },
    pass: { edits: [['C O N F I D E N T I A L SECTION', 'UNCLAS SECTION'], ['ZNY CCCCC', 'ZNR UUUUU'], ['(C) DEMARCHE', '(SBU) DEMARCHE'], ['\nSIPDIS\n', '\nSENSITIVE\nSIPDIS\n']] },
  },
  check(_cable, report, ctx) {
    if (ctx.level !== 'UNCLASSIFIED' || ctx.captions.some((c) => c.startsWith('SENSITIVE'))) return
    // a rendering that withholds header text (archive mode) may withhold the SENSITIVE caption with it
    if (withheldInHeader(ctx)) return
    const first = ctx.marks.find((m) => m.level === 'SBU')
    if (first) report({ message: `SBU portion (${first.mark}) in an UNCLAS cable without the SENSITIVE caption`, at: [first.start, first.end] })
  },
})

export const txt029 = defineRule({
  id: 'TXT-029',
  level: { compose: 'error', archive: 'error' },
  summary: 'Every portion mark is one the marking parser reads, names a level, and does not contradict itself',
  rationale: 'A mark nobody can read (`S//NOFRON`, `TS/XYZ`, controls a class line joins to its class word that the parser does not read: `S E C R E T//SI`, a caption line of such controls: `SI`, `TK`, `HANDLE VIA COMINT CHANNELS ONLY`), or one naming only a caveat (`NF`), cannot be enforced: access control holds such a cable at the highest level, and a drafter must say what he means. A mark the releasable rendering reads at a line start in a form no marking takes is reported too, by the same reader (`bodyPortions`): one nobody can read (`(SNF)`, `(Conf)`), whose text is withheld from every reader, or a readable one written out of form (`S)`, `<S>`, an unclosed `(S`), which the rendering reads as `(S)`. A caption line a letter or two off a caption (`NOFRN`) or spelling a short form with separators (`N/F`) is named too: the archive reads it as the caption, or, when the nearest captions differ in what they demand (`NXDIS`), holds the cable at the highest level.',
  source: 'spec §5.10, §7 rule 4 (REL TO and NOFORN are incompatible)',
  fixable: false,
  examples: {
    fail: { edits: [['¶3. (C) Please', '¶3. (C//NOFRON) Please']], span: '31:5-31:16' },
    pass: { edits: [['¶3. (C) Please', '¶3. (C//REL TO USA, GBR) Please']] },
  },
  check(cable, report, ctx) {
    // the controls a class line joins to its class word (`S E C R E T//SI`): the marking the parser files it under
    const classLine = ctx.classLine ? classLineMarkingAt(ctx.classLine.line.text) : null
    if (classLine && classLine.parts === null) {
      const at = ctx.classLine!.line.start + classLine.start
      report({ message: `Class-line marking ${classLine.marking} is none the marking parser reads: the cable is held at the highest level`, at: [at, at + classLine.length] })
    }
    // a caption line of controls nobody here reads (`SI`, `TK`, `SI/TK`), or handling written out over consecutive
    // caption lines (`HANDLE VIA` / `COMINT CHANNELS ONLY`, QA 11 F1): the caption lines of the whole header zone,
    // after the subject, E.O. and TAGS lines too, run by run as the archive reads them (`headerCaptionBlocks`,
    // `readCaptionBlock`), which holds the cable at the highest level
    const blocks = headerCaptionBlocks(ctx.lines)
    const heldLines = new Set(blocks.flatMap((block) => readCaptionBlock(block.map((l) => l.text)).unreadable.map((i) => block[i])))
    for (const line of blocks.flat()) {
      const from = line.start + (line.text.length - line.text.trimStart().length)
      const at: [number, number] = [from, from + line.text.trim().length]
      if (controlsNobodyReads(line.text) || writtenOutHandling(line.text).unreadable || (heldLines.has(line) && !nearMissCaptions(line.text)?.unreadable.length)) {
        report({ message: `Caption line ${line.text.trim()} names controls the marking parser does not read: the cable is held at the highest level`, at })
        continue
      }
      // a caption typed a letter or two off (`NOFRN`) or a short form spelt with separators (`N/F`): the archive
      // reads it as the caption, or holds the cable at the highest level when it cannot tell which (QA 14 round 10, F6)
      const near = nearMissCaptions(line.text)
      if (near?.unreadable.length) report({ message: `Caption line ${line.text.trim()}: ${near.unreadable.join(', ')} is no caption and equally near several: the cable is held at the highest level`, at })
      else if (near) report({ message: `Caption line ${line.text.trim()} is no caption as written: read as ${near.read.map((r) => r.caption).join(', ')}`, at })
      else if (!isCaptionLine(line.text) && SHORT_FORM_SPELT.test(line.text)) report({ message: `Caption line ${line.text.trim()} spells a short form with separators: read as ${spelledCaptions(line.text).join(', ')}`, at })
    }
    for (const m of ctx.marks) {
      if (m.error) report({ message: `Portion mark (${m.mark}): ${m.error.message}`, at: [m.start, m.end] })
      else if (m.level === null) report({ message: `Portion mark (${m.mark}) names no level (U, SBU, C, S, TS)`, at: [m.start, m.end] })
    }
    // the marks the releasable rendering reads at a line start that the parser does not take (`(SNF)`, `(Conf)`,
    // `S)`, `<S>`, an unclosed `(S …`): the one reader of them (`bodyPortions`, src/format/body-portions.ts), so
    // the linter and the redaction agree on what is a mark and what no one can read
    for (const p of bodyPortions(cable, ctx.text, { inner: false })) {
      if (p.mark === null) continue
      const end = lineEndAt(ctx.text, p.start)
      if (ctx.marks.some((m) => m.start >= p.start && m.start < end)) continue
      const line = ctx.text.slice(p.start, end)
      const from = line.indexOf(p.mark, p.lead.length)
      if (from < 0) continue
      const opener = /[(<\uFF08]/.test(line[from - 1] ?? '')
      const parsed = parseMarking(p.mark)
      const readable = parsed.ok && parsed.parts.level !== null
      if (readable && line[from - 1] === '(' && line[from + p.mark.length] === ')') continue
      const start = p.start + (opener ? from - 1 : from)
      const stop = p.start + from + p.mark.length + (/[)>\uFF09]/.test(line[from + p.mark.length] ?? '') ? 1 : 0)
      const written = ctx.text.slice(start, stop)
      report({
        message: readable
          ? `Portion mark written "${written}" is no well-formed mark (write (${p.mark})): the releasable rendering reads it as (${p.mark})`
          : `Portion mark "${written}" is none the marking parser reads: the releasable rendering withholds its text from every reader`,
        at: [start, stop],
      })
    }
  },
})

/** Offset of the end of the line holding `at` (the text's end on its last line). */
function lineEndAt(text: string, at: number): number {
  const eol = text.indexOf('\n', at)
  return eol === -1 ? text.length : eol
}

/**
 * The marking a class line states with controls joined to its class word (`classLineMarking`), with the offset and
 * length of those controls in the line; null for a line that is no class line or joins no controls.
 */
function classLineMarkingAt(line: string): { marking: string; parts: MarkingParts | null; start: number; length: number } | null {
  const m = CLASS_LINE.exec(line)
  const read = m ? classLineStatedMarking(m) : null
  if (!m || !read) return null
  // the controls as written: joined to the class word, or after it before the origin (`SECRET SI QUORIN`)
  const blank = leadOfOrigin(m[5]).controls
  const originAt = line.indexOf(m[5], m[1].length + m[2].length)
  const start = splitClassWord(m[2]).controls !== null ? m[1].length + splitClassWord(m[2]).controlsStart : originAt + blank[0].start
  const end = blank.length ? originAt + blank[blank.length - 1].end : m[1].length + m[2].length
  return { ...read, start, length: end - start }
}

/** A caption line spelling a short form of a caption with separators between its letters (`N/F`, `O.C.`). */
const SHORT_FORM_SPELT = /^[ \t]*(?:N[ \t]*[./_-][ \t]*F|O[ \t]*[./_-][ \t]*C)[ \t.]*$/i
