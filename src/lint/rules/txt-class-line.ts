import { CLASS_WORD_ONLY, classWordFor, type Level } from '../../format/classification.js'
import { defineRule } from '../types.js'
import { isHeaderLine, type TextLine } from '../text-lines.js'
import type { LintContext } from '../context.js'
import { pageHeaderSections } from '../scan.js'
import { withheldWithin } from '../withheld.js'

/** SMART-era page header: `STATE 00099704 002 OF 002`, `MADRID 00000869 001.2 OF 004`. */
const PAGE_HEADER = /^(\S.*?)\s+(\d{8})\s+(\d{3})(?:\.(\d+))?\s+OF\s+(\d{3})\s*$/

/** Page-header lines with their parts; TXT-003 and TXT-005 share one reading per cable. */
export function pageHeaders(ctx: LintContext): ReadonlyArray<{ line: TextLine; m: RegExpExecArray }> {
  return ctx.memo('pageHeaders', () => {
    const out: Array<{ line: TextLine; m: RegExpExecArray }> = []
    for (const line of ctx.linesOfKind('pageHeader')) {
      const m = PAGE_HEADER.exec(line.text)
      if (m) out.push({ line, m })
    }
    return out
  })
}

export const txt001 = defineRule({
  id: 'TXT-001',
  level: { compose: 'error', archive: 'error' },
  summary: 'The first line of the text is the classification line',
  rationale: 'Every reader and relay learns how to protect the text from its first line; a cable that opens with anything else is unmarked.',
  source: 'ACP 127 (classification first in text)',
  fixable: false,
  examples: {
    fail: { edits: [['C O N F I D E N T I A L SECTION 01 OF 02 STATE 012345\n\nSIPDIS', 'SIPDIS\nC O N F I D E N T I A L SECTION 01 OF 02 STATE 012345']], span: '13:1-13:7' },
    pass: { edits: [] },
  },
  check(cable, report, ctx) {
    let first: TextLine | undefined
    for (let i = 0; i < ctx.lineCount && !first; i++) {
      const kind = ctx.lineAt(i).kind
      if (kind === 'preamble' || kind === 'blank' || isHeaderLine(ctx.lineAt(i))) continue
      if (ctx.lineAt(i).text.trim() !== '') first = ctx.lineAt(i)
    }
    if (!first || first.kind === 'classLine') return
    // a releasable rendering's placeholder first (archive mode): what it withholds stood before the class line, a
    // publisher's notice or dateline as often as not, which the rule cannot see
    if (withheldWithin(ctx, first.start, first.end)) return
    // legacy printouts open with a class-word banner or a PAGE 01 header; partial records have no text to mark
    if (CLASS_WORD_ONLY.test(first.text) || /^\s*PAGE\s+\d+\b/.test(first.text)) return
    if (cable.diagnostics.some((d) => d.code === 'PARTIAL_RECORD') || /partial extract of the original/i.test(first.text)) return
    report({ message: `Unexpected first text line \`${first.text.trim().slice(0, 40)}\`, expected a classification line`, at: [first.start, first.start + first.text.trimEnd().length] })
  },
})

export const txt002 = defineRule({
  id: 'TXT-002',
  level: { compose: 'error', archive: 'warning' },
  summary: 'The class line writes classified levels in spaced capitals (`C O N F I D E N T I A L`), parts separated by single spaces',
  rationale: 'Terminals generate the spaced-letter form so that a class word cannot be mistaken for ordinary text. Archive mode warns only: pre-2006 copies carry the plain word in a page-1 header.',
  source: 'observed State practice',
  fixable: true,
  examples: {
    fail: { edits: [['C O N F I D E N T I A L SECTION', 'CONFIDENTIAL SECTION']], span: '13:1-13:13', mode: 'compose' },
    pass: { edits: [], mode: 'compose' },
  },
  check(_cable, report, ctx) {
    const cl = ctx.classLine
    if (!cl || !ctx.level) return
    const level: Level = ctx.level
    const expected = classWordFor(level, true)
    const classified = level === 'CONFIDENTIAL' || level === 'SECRET' || level === 'TOP SECRET'
    if (classified && cl.word !== expected) {
      report({ message: `Unexpected class word \`${cl.word}\`, expected \`${expected}\``, at: [cl.wordStart, cl.wordStart + cl.word.length], fix: { start: cl.wordStart, end: cl.wordStart + cl.word.length, text: expected } })
    }
    const text = cl.line.text
    for (const gap of text.slice(cl.wordStart - cl.line.start).trimEnd().matchAll(/ {2,}/g)) {
      const start = cl.wordStart + (gap.index ?? 0)
      report({ message: 'Unexpected run of spaces in the class line, expected one', at: [start, start + gap[0].length], fix: { start, end: start + gap[0].length, text: ' ' } })
    }
  },
})

export const txt003 = defineRule({
  id: 'TXT-003',
  level: { compose: 'error', archive: 'error' },
  summary: '`SECTION nn OF mm` has nn ≤ mm, all sections agree on mm, and with SMART page headers each section 2..mm opens with one',
  rationale: 'Sections are reassembled by these numbers; a missing or inconsistent one means text was lost or mixed up.',
  source: 'observed',
  fixable: false,
  examples: {
    fail: { edits: [['SECTION 01 OF 02', 'SECTION 03 OF 02']], span: '13:25-13:41' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const section = ctx.classLine?.section
    if (!section) return
    if (section.number > section.of || section.number < 1) report({ message: `SECTION ${section.number} OF ${section.of}: section number out of range`, at: [section.start, section.end] })
    const headers = pageHeaders(ctx)
    for (const { line, m } of headers) {
      if (Number(m[5]) !== section.of) report({ message: `Page header says ${Number(m[5])} sections, class line says ${section.of}`, at: [line.start, line.start + line.text.trimEnd().length] })
    }
    // only the first section of several is checked for the others' headers: the whole-text scan is for that case alone
    if (section.number !== 1 || section.of < 2) return
    // reflowed copies run page headers into paragraph text, so sections are looked up in the whole text
    const seen = pageHeaderSections(ctx.text)
    if (seen.size === 0) return
    // a rendering that withholds text (archive mode) may withhold a page header a flattened layout ran into it
    if (withheldWithin(ctx, 0)) return
    for (let s = 2; s <= section.of; s++) {
      if (!seen.has(s)) report({ message: `Section ${s} of ${section.of} has no page header`, at: [section.start, section.end] })
    }
  },
})

export const txt004 = defineRule({
  id: 'TXT-004',
  level: { compose: 'error', archive: 'error' },
  summary: 'The class line ends with the MRN: origin and a 6-digit zero-padded serial',
  rationale: 'The message reference number printed on the class line is the cable’s identity; a short serial is ambiguous once ids are built from it.',
  source: 'observed',
  fixable: true,
  examples: {
    fail: { edits: [['STATE 012345', 'STATE 12345']], span: '13:48-13:53' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const cl = ctx.classLine
    if (!cl) return
    const at: [number, number] = [cl.serialStart, cl.serialStart + cl.serial.length]
    if (cl.serial.length < 6) report({ message: `Unexpected MRN serial \`${cl.serial}\`, expected 6 digits \`${cl.serial.padStart(6, '0')}\``, at, fix: { start: at[0], end: at[1], text: cl.serial.padStart(6, '0') } })
    else if (cl.serial.length > 6) report({ message: `Unexpected MRN serial \`${cl.serial}\`, expected 6 digits`, at })
  },
})

export const txt005 = defineRule({
  id: 'TXT-005',
  level: { compose: 'error', archive: 'error' },
  summary: 'Page headers repeat the MRN serial (8 digits) and the total number of sections',
  rationale: 'Page headers let a reader reassemble printed pages; a header with another serial belongs to another cable. A total that disagrees with the class line is reported once, by TXT-003.',
  source: 'observed',
  fixable: false,
  examples: {
    fail: { edits: [['STATE 00012345 002 OF 002', 'STATE 00012346 002 OF 002']], span: '29:7-29:15' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const cl = ctx.classLine
    if (!cl) return
    for (const { line, m } of pageHeaders(ctx)) {
      if (Number(m[2]) !== Number(cl.serial)) {
        const start = line.start + line.text.indexOf(m[2], m[1].length)
        report({ message: `Page header serial \`${m[2]}\` is not the MRN serial ${cl.serial}`, at: [start, start + 8] })
      }
    }
  },
})
