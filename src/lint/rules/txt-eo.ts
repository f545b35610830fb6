import { parseClassifiedBy } from '../../format/classified-by.js'
import { holdsWithheld } from '../../format/withheld.js'
import { defineRule } from '../types.js'
import { withheldNext, withheldWithin } from '../withheld.js'
import { isClassified, type LintContext } from '../context.js'
import type { TextLine } from '../text-lines.js'

/** When each executive order could be cited: from its signature to the effective date of its successor. */
const ORDERS: Record<string, [string, string]> = {
  '11652': ['1972-03-08', '1978-12-01'],
  '12065': ['1978-06-28', '1982-08-01'],
  '12356': ['1982-04-02', '1995-10-14'],
  '12958': ['1995-04-17', '2010-06-27'],
  '13526': ['2009-12-29', '9999-12-31'],
}
/** EO 13292 (25 March 2003) renumbered the reasons from section 1.5 to 1.4 and added (h). */
const EO_13292 = '2003-03-25'

export const eoLine = (ctx: LintContext): TextLine | undefined => ctx.linesOfKind('eo').find((l) => /\bE\.?\s?O\b|\bDECL\b/i.test(l.text)) ?? ctx.linesOfKind('eo')[0]
const whole = (l: TextLine): [number, number] => [l.start + (l.text.length - l.text.trimStart().length), l.start + l.text.trimEnd().length]
const isoDay = (ctx: LintContext): string | null => ctx.isoDay()

export const txt006 = defineRule({
  id: 'TXT-006',
  level: { compose: 'error', archive: 'error' },
  summary: 'An E.O. line is present and names an executive order in force on the cable’s date',
  rationale: 'The E.O. line states under which order the text was classified or why it is not; an order not yet signed or already superseded is a wrong citation.',
  source: '5 FAH-1 H-230 series (n/v paragraph)',
  fixable: false,
  examples: {
    fail: { edits: [['E.O. 12958: DECL', 'E.O. 12356: DECL']], span: '17:6-17:11' },
    pass: { edits: [] },
  },
  check(cable, report, ctx) {
    const line = eoLine(ctx)
    if (!line || !cable.eo) {
      const at = ctx.classLine ? ctx.classLine.line : ctx.lines.find((l) => l.kind !== 'blank' && l.kind !== 'preamble')
      if (ctx.classLine || cable.paragraphs.length > 0) report({ message: 'No E.O. line', at: at ? [at.start, at.start + at.text.trimEnd().length] : [0, 0] })
      return
    }
    const order = cable.eo.order
    const day = isoDay(ctx)
    if (!order || !day) return
    const range = ORDERS[order]
    const start = line.start + line.text.indexOf(order)
    if (!range) report({ message: `Unknown executive order \`${order}\``, at: [start, start + order.length] })
    else if (day < range[0] || day >= range[1]) report({ message: `E.O. ${order} was not in force on ${day}`, at: [start, start + order.length] })
  },
})

export const txt007 = defineRule({
  id: 'TXT-007',
  level: { compose: 'error', archive: 'error' },
  summary: 'A classified cable gives a DECL date or exemption; an unclassified one gives `N/A`',
  rationale: 'Classified text must say when it may be declassified (EO 12958 s.1.6); a declassification date on an unclassified cable is meaningless.',
  source: 'EO 12958 s.1.6; observed',
  fixable: false,
  examples: {
    fail: { edits: [['E.O. 12958: DECL: 02/13/2019', 'E.O. 12958: N/A']], span: '17:1-17:16' },
    pass: { edits: [['E.O. 12958: DECL: 02/13/2019', 'E.O. 12958: DECL: X1']] },
  },
  check(cable, report, ctx) {
    const line = eoLine(ctx)
    if (!line || !cable.eo || !ctx.level) return
    const value = cable.eo.declassify
    // the line's value withheld by a releasable rendering (archive mode): what it said is not there to check
    if (ctx.mode === 'archive' && (holdsWithheld(value ?? '') || (value === null && withheldNext(ctx, line.start)))) return
    // a run-on or doubled line (`N/A TAGS: …`, `E.O.: 12958: N/A`) still says N/A
    const na = value === null || /(?:^|\s)N\/?A\b/i.test(value)
    if (isClassified(ctx) && na) report({ message: `${ctx.level} cable without a declassification date or exemption`, at: whole(line) })
    else if (!isClassified(ctx) && !na) report({ message: `Unexpected declassification \`${value}\` on an unclassified cable, expected \`N/A\``, at: whole(line) })
  },
})

export const txt008 = defineRule({
  id: 'TXT-008',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'A DECL date falls after the DTG and at most 25 years later (unless an X exemption is used)',
  rationale: 'Declassification dates are 10–25 years ahead; a date in the past or beyond 25 years without an exemption is a typo or an error.',
  source: 'EO 12958 s.1.6',
  fixable: false,
  examples: {
    fail: { edits: [['DECL: 02/13/2019', 'DECL: 02/13/2039']], span: '17:1-17:29' },
    pass: { edits: [['DECL: 02/13/2019', 'DECL: 02/13/2034']] },
  },
  check(cable, report, ctx) {
    const line = eoLine(ctx)
    const decl = cable.eo?.declassify
    if (!line || !decl || !/^\d{4}-\d{2}-\d{2}$/.test(decl) || !ctx.dtg) return
    const day = isoDay(ctx)!
    const limit = `${ctx.dtg.getUTCFullYear() + 25}${day.slice(4)}`
    if (decl <= day) report({ message: `DECL date ${decl} is not after the DTG (${day})`, at: whole(line) })
    else if (decl > limit) report({ message: `DECL date ${decl} is more than 25 years after the DTG (${day})`, at: whole(line) })
  },
})

const clbyLines = (ctx: LintContext): readonly TextLine[] => ctx.linesOfKind('classifiedBy')
const clbyRange = (lines: readonly TextLine[]): [number, number] => [whole(lines[0])[0], whole(lines[lines.length - 1])[1]]

/** `Classified By` even when glued to the previous word (`CAIRO 1725Classified By:`), where `\b` fails. */
const GLUED_CLASSIFIED_BY = /(?<![A-Za-z])CLASSIFIED\s+BY\b/i

/**
 * The Classified-by text and its range: the parser's block, else a `Classified By` run into the SUBJECT or REF
 * line before paragraph 1 (`REF: CAIRO 1725Classified By: …`), which the parser leaves inside that field.
 */
function classifiedBySite(ctx: LintContext): { text: string; at: [number, number] } | null {
  const lines = clbyLines(ctx)
  if (lines.length > 0) return { text: lines.map((l) => l.text).join(' '), at: clbyRange(lines) }
  const from = ctx.classLine?.line.end ?? 0
  const firstPara = ctx.linesOfKind('para').find((l) => l.start > from)
  const region = ctx.text.slice(from, firstPara ? firstPara.start : from + 4000)
  const m = GLUED_CLASSIFIED_BY.exec(region)
  if (!m) return null
  const start = from + m.index
  const eol = ctx.text.indexOf('\n', start)
  const end = eol === -1 ? ctx.text.length : eol
  return { text: ctx.text.slice(start, end), at: [start, start + ctx.text.slice(start, end).trimEnd().length] }
}

export const txt013 = defineRule({
  id: 'TXT-013',
  level: { compose: 'error', archive: 'error' },
  summary: 'A classified cable has a Classified-by line naming the classifier and a reason 1.4(x) (1.5(x) before 2003)',
  rationale: 'Original classification must name who classified the text and under which reason of the order; EO 13292 moved the reasons from section 1.5 to 1.4 in March 2003.',
  source: '5 FAH-1 H-240 (older text); EO 12958',
  fixable: false,
  examples: {
    fail: { edits: [['reasons 1.4 (b) and (d)', 'reasons 1.5 (b) and (d)']], span: '23:1-23:55' },
    pass: { edits: [['Classified By: DCM Ann Lee for', 'Classified By: Ann Lee, DCM, for']] },
  },
  check(cable, report, ctx) {
    if (!isClassified(ctx)) return
    const site = classifiedBySite(ctx)
    if (!site) {
      // a rendering that withholds text (archive mode) may withhold the statement with it (a statement run into the
      // subject, a REF line or a paragraph, or one whose name is not of a name's shape)
      if (withheldWithin(ctx, 0)) return
      const cl = ctx.classLine?.line
      report({ message: `${ctx.level} cable without a Classified-by line`, at: cl ? whole(cl) : [0, 0] })
      return
    }
    const at = site.at
    const cb = cable.classifiedBy ?? parseClassifiedBy(site.text)
    // the statement continued in withheld text (archive mode): its name or reasons may be what was withheld
    if ((cb.reasons.length === 0 || (!cb.name && !cb.title)) && (withheldWithin(ctx, site.at[0], site.at[1]) || withheldNext(ctx, site.at[1]))) return
    if (!cb.name && !cb.title) report({ message: 'Classified-by line names no classifier', at })
    if (cb.reasons.length === 0) {
      report({ message: 'Classified-by line gives no reason 1.4(x)', at })
      return
    }
    const day = isoDay(ctx)
    const expected = day && day < EO_13292 ? '1.5' : '1.4'
    const wrong = cb.reasons.filter((r) => !r.startsWith(expected))
    if (day && wrong.length > 0) report({ message: `Unexpected reason ${wrong.join(', ')}, expected section ${expected} on a cable of ${day}`, at })
  },
})

export const txt014 = defineRule({
  id: 'TXT-014',
  level: { compose: 'error', archive: 'error' },
  summary: 'Classification reason letters are a–h under section 1.4, a–g under section 1.5',
  rationale: 'Each letter is a category of the executive order; a letter outside the list names no reason.',
  source: 'EO 12958 / EO 13292',
  fixable: false,
  examples: {
    fail: { edits: [['1.4 (b) and (d)', '1.4 (b) and (k)']], span: '23:52-23:55' },
    pass: { edits: [['1.4 (b) and (d)', '1.4 (b) and (h)']] },
  },
  check(_cable, report, ctx) {
    for (const line of clbyLines(ctx)) {
      // letters are joined by `,`, `and`, `&`, `/` or nothing (`(b)(d)`): a bare space ends the list, so the portion
      // mark of run-on text (`1.4 (b) and (d) (S) Embassy …`) is not read as a reason
      const re = /\b1\s?\.\s?([45])\s*((?:(?:\(\s*[A-Za-z]\s*\)|\b[A-Za-z]\b)(?:\s*(?:,|and|&|\/)\s*)?)+)/g
      for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
        const max = m[1] === '4' ? 'h' : 'g'
        const groupStart = m.index + m[0].indexOf(m[2], m[0].indexOf(m[1]) + 1)
        for (const l of m[2].matchAll(/\(\s*([A-Za-z])\s*\)|\b([A-Za-z])\b/g)) {
          const letter = (l[1] ?? l[2]).toLowerCase()
          if (l[0].toLowerCase() === 'and' || letter <= max) continue
          const start = line.start + groupStart + (l.index ?? 0)
          report({ message: `Unexpected reason letter \`${letter}\` under section 1.${m[1]}, expected a–${max}`, at: [start, start + l[0].length] })
        }
      }
    }
  },
})
