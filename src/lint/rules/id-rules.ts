import { buildId, canonicalId, REFERENCE_ID } from '../../format/ids.js'
import { defineRule } from '../types.js'
import type { LintContext } from '../context.js'

/** Reference id from the DTG year and the class line MRN (spec §6.1); null when either is missing. */
export function derivedId(ctx: LintContext): string | null {
  const cl = ctx.classLine
  const year = ctx.year
  if (!cl || year === null) return null
  // the three ID rules each need it
  return ctx.memo('derivedId', () => buildId(year, cl.origin, cl.serial))
}

const classLineAt = (ctx: LintContext): [number, number] => (ctx.classLine ? [ctx.classLine.line.start, ctx.classLine.line.start + ctx.classLine.line.text.trimEnd().length] : [0, 0])

export const id001 = defineRule({
  id: 'ID-001',
  level: { compose: 'error', archive: 'error' },
  summary: 'The reference id has the §6.1 form and equals YY + origin + serial from the DTG and class line',
  rationale: 'Citations, deduplication and search key on the reference id; an archive id that disagrees with the text (`09SECTION01OF03SANJOSE525`) points readers at the wrong cable.',
  source: 'cablemap REFERENCE_ID_PATTERN',
  fixable: false,
  examples: {
    fail: { edits: [], claimedId: '09STATE12346', span: '13:1-13:54' },
    pass: { edits: [], claimedId: '09STATE012345' },
  },
  check(cable, report, ctx) {
    const derived = derivedId(ctx)
    if (!ctx.classLine) return
    // without a DTG (partial records, bare texts) there is nothing to compare; ENV-010 and TXT-001 speak to that
    if (derived === null) return
    if (!REFERENCE_ID.test(derived)) {
      report({ message: `Reference id \`${derived}\` does not have the form YY + origin + serial`, at: classLineAt(ctx) })
      return
    }
    const claimed = ctx.claimedId ?? (cable.container?.metadata['Reference ID'] || undefined)
    // a claim that is no id at all (a file named `draft.txt`, a misread metadata cell) says nothing
    const canonical = claimed ? canonicalId(claimed) : null
    if (claimed && canonical !== null && canonical !== (canonicalId(derived) ?? derived)) {
      report({ message: `Archive id \`${claimed}\` does not match \`${derived}\` built from the DTG and class line`, at: classLineAt(ctx) })
    }
  },
})

export const id002 = defineRule({
  id: 'ID-002',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'The MRN origin is a known station (after canonicalisation)',
  rationale: 'An unknown origin is usually a typo (`BRASILA`) that splits one post’s cables across two ids.',
  source: 'cablemap station list',
  fixable: false,
  examples: {
    fail: { edits: [['02 STATE 012345', '02 STAET 012345'], ['FM SECSTATE WASHDC', 'FM AMEMBASSY STAET']], span: '13:42-13:47' },
    pass: { edits: [['02 STATE 012345', '02 PARIS 012345'], ['FM SECSTATE WASHDC', 'FM AMEMBASSY PARIS']] },
  },
  check(_cable, report, ctx) {
    const derived = derivedId(ctx)
    if (!derived || !ctx.classLine) return
    const origin = /^\d{2}([A-Z]+)\d+$/.exec(derived)?.[1]
    if (!origin || ctx.tables.origins.has(origin)) return
    const text = ctx.classLine.origin
    const start = ctx.classLine.line.start + ctx.classLine.line.text.lastIndexOf(text, ctx.classLine.serialStart - ctx.classLine.line.start)
    report({ message: `Unknown origin \`${text.trim()}\``, at: [start, start + text.length] })
  },
})

export const id003 = defineRule({
  id: 'ID-003',
  level: { compose: 'error', archive: 'error' },
  summary: 'No two cables linted together share a canonical id, unless one is a corrected copy',
  rationale: 'Archives hold malformed twins of the same cable; two texts under one id make search and citation ambiguous. Checked across the files of one run.',
  source: 'observed duplicates',
  fixable: false,
  examples: {
    fail: { edits: [], corpus: ['09STATE12345'], span: '13:1-13:54' },
    pass: { edits: [], corpus: ['09STATE12344'] },
  },
  check(_cable, report, ctx) {
    const derived = derivedId(ctx)
    if (!ctx.corpus || !derived) return
    const id = canonicalId(derived) ?? derived
    const corrected = ctx.lines.some((l) => l.text.length < 120 && /C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y/i.test(l.text))
    const first = ctx.corpus.ids.get(id)
    if (first === undefined) ctx.corpus.ids.set(id, ctx.source ?? '(input)')
    else if (!corrected) report({ message: `Canonical id ${id} already used by ${first}`, at: classLineAt(ctx) })
  },
})
