import { defineRule } from '../types.js'
import type { LintContext } from '../context.js'
import type { Cable } from '../../format/model.js'

const DISTRIBUTION = ['NODIS', 'EXDIS', 'LIMDIS']
/** Captions that restrict or route handling (5 FAH-2 H-442); SIPDIS, NOFORN and SENSITIVE are not among them. */
const SPECIAL_HANDLING = new Set(['NODIS', 'NODIF', 'EXDIS', 'LIMDIS', 'STADIS', 'CHEROKEE', 'SPECAT', 'SPECAT EXCLUSIVE', 'AGRMENT', 'ROGER CHANNEL', 'DISSENT CHANNEL', 'CONDIS', 'EYES ONLY'])

function captionAt(cable: Cable, ctx: LintContext, i: number): [number, number] {
  const span = cable.captionSpans[i]
  if (span) return [span.start.offset, span.end.offset]
  const line = ctx.linesOfKind('captions')[0]
  return line ? [line.start, line.start + line.text.trimEnd().length] : [0, 0]
}

export const txt026 = defineRule({
  id: 'TXT-026',
  level: { compose: 'error', archive: 'error' },
  summary: 'At most one of NODIS/EXDIS/LIMDIS; AGRMENT never with NODIS/EXDIS and never on UNCLAS text without a control',
  rationale: 'Distribution captions are alternatives, not cumulative; the AGRMENT channel has its own distribution and must be protected.',
  source: '5 FAH-2 H-442.1',
  fixable: false,
  examples: {
    fail: { edits: [['\nSIPDIS\n', '\nEXDIS\nLIMDIS\n']], span: '16:1-16:7' },
    pass: { edits: [['\nSIPDIS\n', '\nEXDIS\n']] },
  },
  check(cable, report, ctx) {
    const dist = ctx.captions.map((c, i) => [c, i] as const).filter(([c]) => DISTRIBUTION.includes(c))
    for (const [c, i] of dist.slice(1)) report({ message: `${c} together with ${dist[0][0]}: at most one of NODIS, EXDIS, LIMDIS`, at: captionAt(cable, ctx, i) })
    const agr = ctx.captions.indexOf('AGRMENT')
    if (agr === -1) return
    if (ctx.captions.some((c) => c === 'NODIS' || c === 'EXDIS')) report({ message: 'AGRMENT together with NODIS or EXDIS', at: captionAt(cable, ctx, agr) })
    if (ctx.level === 'UNCLASSIFIED' && !ctx.sbu) report({ message: 'AGRMENT on UNCLAS text without an administrative control', at: captionAt(cable, ctx, agr) })
  },
})

export const txt027 = defineRule({
  id: 'TXT-027',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'A special-handling caption (NODIS, EXDIS, LIMDIS, STADIS, AGRMENT…) is the first caption after the class line',
  rationale: 'Communications staff decide distribution from the first caption; a special-handling caption further down may be missed.',
  source: '5 FAH-2 H-442',
  fixable: false,
  examples: {
    fail: { edits: [['\nSIPDIS\n', '\nSIPDIS\nEXDIS\n']], span: '16:1-16:6' },
    pass: { edits: [['\nSIPDIS\n', '\nEXDIS\nSIPDIS\n']] },
  },
  check(cable, report, ctx) {
    const i = ctx.captions.findIndex((c) => SPECIAL_HANDLING.has(c))
    // Stryker disable next-line EqualityOperator: at i = 0 the first caption is the special-handling one, so the second test fails anyway
    if (i > 0 && !SPECIAL_HANDLING.has(ctx.captions[0])) report({ message: `Special-handling caption ${ctx.captions[i]} comes after ${ctx.captions[0]}`, at: captionAt(cable, ctx, i) })
  },
})

export const txt028 = defineRule({
  id: 'TXT-028',
  level: { compose: 'off', archive: 'info' },
  summary: 'SIPDIS is not combined with NODIS or EXDIS',
  rationale: 'SIPDIS widens availability to SIPRNet users while NODIS/EXDIS narrow it; the combination is contradictory (inferred from the purpose of both; not a written rule).',
  source: 'inferred (n/v)',
  fixable: false,
  examples: {
    fail: { edits: [['\nSIPDIS\n', '\nNODIS\nSIPDIS\n']], span: '16:1-16:7' },
    pass: { edits: [['\nSIPDIS\n', '\nNODIS\n']] },
  },
  check(cable, report, ctx) {
    const sipdis = ctx.captions.indexOf('SIPDIS')
    const narrow = ctx.captions.find((c) => c === 'NODIS' || c === 'EXDIS')
    if (sipdis !== -1 && narrow) report({ message: `SIPDIS together with ${narrow}`, at: captionAt(cable, ctx, sipdis) })
  },
})
