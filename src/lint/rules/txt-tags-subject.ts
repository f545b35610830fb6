import { REFERENCE_ID } from '../../format/ids.js'
import { splitTags, TAGS_LABEL } from '../../format/tags.js'
import { defineRule, type Fix } from '../types.js'
import { withheldInHeader } from '../withheld.js'
import { isClassified, type LintContext } from '../context.js'
import { near } from '../addressee-line.js'
import type { TextLine } from '../text-lines.js'

const firstOf = (ctx: LintContext, kind: TextLine['kind']): TextLine | undefined => ctx.linesOfKind(kind)[0]
const whole = (l: TextLine): [number, number] => [l.start + (l.text.length - l.text.trimStart().length), l.start + l.text.trimEnd().length]
const anchor = (ctx: LintContext): [number, number] => {
  const l = ctx.classLine?.line ?? ctx.lines.find((x) => x.kind !== 'blank' && x.kind !== 'preamble')
  return l ? whole(l) : [0, 0]
}
/** `TAGS:` run into another line before paragraph 1 (`E.O. 12958: DECL: 03/30/2016 TAGS: PGOV ECON`). */
const RUN_ON_TAGS = /(?<![A-Za-z])TAGS?\s*:/
function runOnTags(ctx: LintContext): TextLine | undefined {
  const from = ctx.classLine?.line.end ?? 0
  const firstPara = ctx.linesOfKind('para').find((l) => l.start > from)
  return ctx.lines.find((l) => l.start >= from && (!firstPara || l.start < firstPara.start) && l.kind !== 'para' && RUN_ON_TAGS.test(l.text))
}

const isSubjectTag = (ctx: LintContext, code: string): boolean => {
  const kinds = ctx.tables.tags.get(code)
  return kinds !== undefined && (kinds.has('subject') || kinds.has('program'))
}
const SUBJECT_CODE_LISTS = new WeakMap<object, string[]>()
/** Subject and program codes of four letters or more, listed once per table rather than per unknown TAG. */
const SUBJECT_CODES = (ctx: LintContext): string[] => {
  let codes = SUBJECT_CODE_LISTS.get(ctx.tables.tags)
  if (!codes) {
    codes = [...ctx.tables.tags.keys()].filter((c) => c.length >= 4 && isSubjectTag(ctx, c))
    SUBJECT_CODE_LISTS.set(ctx.tables.tags, codes)
  }
  return codes
}

const GUESSES = new WeakMap<object, Map<string, string | undefined>>()
/** The subject code one edit away from an unknown TAG; unknown TAGS recur, the search over every code need not. */
function guessTag(ctx: LintContext, upper: string): string | undefined {
  let guesses = GUESSES.get(ctx.tables.tags)
  if (!guesses) GUESSES.set(ctx.tables.tags, (guesses = new Map()))
  if (guesses.has(upper)) return guesses.get(upper)
  const guess = SUBJECT_CODES(ctx).find((c) => near(upper, c, 1))
  if (guesses.size < 10_000) guesses.set(upper, guess)
  return guess
}

/** Splits `ECONEFIN` into known codes when it can be read entirely as a run of them. */
function splitConcatenation(ctx: LintContext, tag: string): string[] | null {
  if (tag.length < 8 || !/^[A-Z]+$/.test(tag)) return null
  const best: Array<string[] | null> = Array(tag.length + 1).fill(null)
  best[0] = []
  for (let i = 0; i < tag.length; i++) {
    if (!best[i]) continue
    for (let len = 2; len <= 5 && i + len <= tag.length; len++) {
      const piece = tag.slice(i, i + len)
      if ((len === 2 || isSubjectTag(ctx, piece)) && ctx.tables.tags.has(piece) && !best[i + len]) best[i + len] = [...best[i]!, piece]
    }
  }
  const parts = best[tag.length]
  // any word splits into two-letter country codes (`POLITICS` = PO LI TI CS): demand two real subject tags
  return parts && parts.filter((p) => p.length >= 4).length >= 2 ? parts : null
}

export const txt009 = defineRule({
  id: 'TXT-009',
  level: { compose: 'error', archive: 'error' },
  summary: 'A TAGS line is present with at least one subject TAG',
  rationale: 'TAGS file the cable for retrieval and distribution; every cable needs at least one subject (or program) tag, not only country codes.',
  source: '5 FAH-1 H-232.6; cabledrum FAQ',
  fixable: false,
  examples: {
    fail: { edits: [['TAGS: [PREL](#) [ECON](#) [FR](#) [UK](#)', 'TAGS: [FR](#) [UK](#)']], span: '18:1-18:22' },
    pass: { edits: [['TAGS: [PREL](#) [ECON](#) [FR](#) [UK](#)', 'TAGS: [KPAO](#) [FR](#)']] },
  },
  check(cable, report, ctx) {
    const line = firstOf(ctx, 'tags') ?? runOnTags(ctx)
    if (!line) {
      // a rendering that withholds header text (archive mode) may withhold the TAGS line with it
      if (ctx.classLine && !withheldInHeader(ctx)) report({ message: 'No TAGS line', at: anchor(ctx) })
      return
    }
    const tags = cable.tags.length > 0 ? cable.tags : splitTags(line.text.slice(line.text.search(RUN_ON_TAGS)).replace(TAGS_LABEL, '')).tags.map((t) => t.text)
    if (!tags.some((t) => isSubjectTag(ctx, t.toUpperCase()))) report({ message: 'TAGS line has no subject TAG', at: whole(line) })
  },
})

export const txt010 = defineRule({
  id: 'TXT-010',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'Every TAG is a known code, a two-letter geographic code or a person tag, written once in capitals',
  rationale: 'Unknown, misspelt (`POGOV`) or run-together (`ECONEFIN`) tags silently drop the cable from the subject files; lower case and repeats are mechanical slips the fixer repairs.',
  source: '5 FAH-3; cablemap tag fixes',
  fixable: true,
  examples: {
    fail: { edits: [['[PREL](#) [ECON]', '[PREL](#) [POGOV]']], span: '18:18-18:23' },
    pass: { edits: [['[PREL](#) [ECON]', '[PREL](#) [PGOV]']] },
  },
  check(cable, report, ctx) {
    const seen = new Set<string>()
    let prevEnd: number | null = null
    cable.tags.forEach((tag, i) => {
      const span = cable.tagSpans[i]
      if (!span) return
      const [s, e] = [span.start.offset, span.end.offset]
      const itemEnd = ctx.text.startsWith('](#)', e) ? e + 4 : e
      const upper = tag.toUpperCase()
      const at: [number, number] = [s, e]
      const previousEnd = prevEnd
      prevEnd = itemEnd
      if (seen.has(upper)) {
        const fix: Fix | undefined = previousEnd !== null && /^[\s,;]*\[?$/.test(ctx.text.slice(previousEnd, s)) ? { start: previousEnd, end: itemEnd, text: '' } : undefined
        report({ message: `Duplicate TAG \`${tag}\``, at, fix })
        return
      }
      seen.add(upper)
      if (/[\s,()]/.test(tag)) return // person tag: SURNAME, GIVEN or (SURNAME, GIVEN)
      const known = ctx.tables.tags.has(upper) || /^[A-Z]{2}$/.test(upper)
      if (known && tag !== upper) {
        report({ message: `Unexpected TAG \`${tag}\`, expected \`${upper}\``, at, fix: { start: s, end: e, text: upper } })
        return
      }
      if (known) return
      const parts = splitConcatenation(ctx, upper)
      if (parts) {
        report({ message: `TAG \`${tag}\` looks like run-together tags ${parts.join(' ')}`, at })
        return
      }
      const guess = upper.length >= 4 && upper.length <= 6 ? guessTag(ctx, upper) : undefined
      report({ message: guess ? `Unknown TAG \`${tag}\`, did you mean \`${guess}\`?` : `Unknown TAG \`${tag}\``, at })
    })
  },
})

export const txt011 = defineRule({
  id: 'TXT-011',
  level: { compose: 'error', archive: 'warning' },
  summary: 'A SUBJECT line is present',
  rationale: 'The subject is how readers and indexes name the cable. Some released cables have none (04QUITO2502), so archive mode warns.',
  source: '5 FAH-1',
  fixable: false,
  examples: {
    fail: { edits: [['SUBJECT: (C) DEMARCHE ON FISHERIES QUOTAS\n', '']], span: '13:1-13:54' },
    pass: { edits: [] },
  },
  check(cable, report, ctx) {
    if (cable.subject === null && !firstOf(ctx, 'subject') && ctx.classLine) report({ message: 'No SUBJECT line', at: anchor(ctx) })
  },
})

export const txt012 = defineRule({
  id: 'TXT-012',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'The subject carries a portion mark when the cable is classified or SBU',
  rationale: 'The subject is quoted in indexes and replies; without its own mark a reader cannot tell whether it may be quoted unclassified.',
  source: '5 FAH-1 H-246.2 (portion marking)',
  fixable: false,
  examples: {
    fail: { edits: [['SUBJECT: (C) DEMARCHE', 'SUBJECT: DEMARCHE']], span: '19:1-19:38' },
    pass: { edits: [] },
  },
  check(cable, report, ctx) {
    const line = firstOf(ctx, 'subject')
    if (!line || cable.subjectMarking || !(isClassified(ctx) || ctx.sbu)) return
    report({ message: `Subject of a ${ctx.sbu ? 'SBU' : ctx.level} cable has no portion mark`, at: whole(line) })
  },
})

export const txt023 = defineRule({
  id: 'TXT-023',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'REF items are lettered A., B., C. … in order, and each cited cable resolves to a reference id',
  rationale: 'Paragraphs cite references by letter (“REF B”); out-of-order letters or unresolvable citations break those pointers.',
  source: 'observed convention',
  fixable: false,
  examples: {
    fail: { edits: [['B. PARIS 222', 'C. PARIS 222']], span: '21:20-21:22' },
    pass: { edits: [['REF: A. STATE 1111 B. PARIS 222', 'REF: STATE 1111']] },
  },
  check(cable, report, ctx) {
    // letters are read from the text: the parser splits items on the expected letter and would hide a skipped one
    const markers: Array<{ letter: string; start: number; end: number }> = []
    for (const line of ctx.linesOfKind('ref')) {
      const label = /^\s*\S*?REF\S*\s*/i.exec(line.text)
      const from = label ? label[0].length : 0
      // a Classified-by run into the REF line ends the list (`… B. CAIRO 2122 Classified By: … William R. Stewart`)
      const stop = line.text.slice(from).search(/CLASSIFIED\s+BY/i)
      const items = stop === -1 ? line.text.slice(from) : line.text.slice(from, from + stop)
      // a letter counts as an item marker only before a citation: a number or an upper-case origin (`A. STATE 12`)
      for (const m of items.matchAll(/(?<=^|[\s¶,;])\(?([A-Z])(?:\.|\)|:)(?=\s+(?:\(?\d|[A-Z]{2,}\b))/g)) {
        const start = line.start + from + (m.index ?? 0)
        const prev = markers[markers.length - 1]
        // `A. (A) STATE 123` letters one item twice
        if (prev && prev.letter === m[1] && /^[\s¶]*$/.test(ctx.text.slice(prev.end, start))) continue
        markers.push({ letter: m[1], start, end: start + m[0].length })
      }
    }
    markers.forEach((m, i) => {
      const expected = String.fromCharCode(65 + i)
      if (m.letter !== expected) report({ message: `Unexpected REF letter \`${m.letter}\`, expected \`${expected}\``, at: [m.start, m.end] })
    })
    for (const ref of cable.references) {
      if (ref.id === null || REFERENCE_ID.test(ref.id)) continue
      const at: [number, number] = ref.span ? [ref.span.start.offset, ref.span.end.offset] : markers[0] ? [markers[0].start, markers[0].end] : [0, 0]
      report({ message: `REF cites \`${ref.id}\`, which is no reference id`, at })
    }
  },
})
