import type { Cable } from '../format/model.js'
import { declValue, parseEo } from '../format/eo.js'
import { parseCable } from '../format/parse.js'
import { describeMarking, markingOf } from './access.js'
import { composeCable } from './compose-cable.js'
import type { LintProblem, ServiceContext } from './context.js'
import { expandRecipients, type Recipient, type ResolvedAddressee } from './recipients.js'
import { ServiceError } from './service-error.js'
import type { DraftFields } from './types.js'

/** A draft composed as the cable it would become, with its telegram text and lint errors. */
export interface ComposedDraft {
  cable: Cable
  text: string
  recipients: Recipient[]
  addressees: ResolvedAddressee[]
  errors: LintProblem[]
}

/**
 * Composes a draft's fields into a cable with a given serial, time and MCNs, renders it and lints it
 * in compose mode. Workflow steps call it with a provisional stamp (next serial, now) to decide whether
 * the draft may go on; release calls it with the real one inside its transaction.
 */
export async function composeDraft(
  ctx: ServiceContext,
  fields: DraftFields,
  originPlad: string,
  serial: number,
  at: Date,
  mcnOf: (post: string) => Promise<number | null>,
): Promise<ComposedDraft> {
  const originPost = await ctx.store.directory.post(originPlad)
  if (!originPost) throw new ServiceError('INVALID', `originating post ${originPlad} is not in the directory`)
  const { recipients, addressees } = await expandRecipients(fields, ctx.store.directory)
  const mcn = new Map<string, number>()
  for (const a of addressees) {
    if (a.collective) continue
    const n = await mcnOf(a.name)
    if (n !== null) mcn.set(a.name, n)
  }
  const routes = new Map<string, string | null>()
  for (const r of recipients) routes.set(r.post, (await ctx.store.directory.post(r.post))?.route ?? null)
  const cable = composeCable(fields, { originPost, serial, at, addressees, recipients, mcn, routes, sectionBudget: ctx.sectionBudget })
  const text = ctx.render(cable)
  return { cable, text, recipients, addressees, errors: [...ctx.lint(cable, text), ...readBack(cable, text)] }
}

/** Provisional composition for lint gates and previews: the next serial the post would get, no MCN consumed. */
export async function previewDraft(ctx: ServiceContext, fields: DraftFields, originPlad: string): Promise<ComposedDraft> {
  const at = ctx.now()
  const origin = (await ctx.store.directory.post(originPlad))?.origin ?? 'STATE'
  const next = await ctx.store.workflow.peekSerial(origin, at.getUTCFullYear())
  return composeDraft(ctx, fields, originPlad, next, at, async () => 1)
}

/** Runs of white space as one space, trimmed: the renderer wraps and the parser unwraps text. */
const ws = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim()
/** A DECL value by its meaning (spec §5.5): a date in any allowed form as ISO, `N/A`, else the value's words. */
const decl = (s: string | null | undefined): string => (declValue(s ?? '') ?? '').toUpperCase()

/** The header fields of a cable as a reader sees them, normalised so that wrapping and spans do not count. */
function headerOf(c: Cable): Record<string, unknown> {
  const addressees = (list: Cable['to']) => list?.map((a) => [a.name, a.precedence, a.serial, a.excluded ?? null]) ?? []
  return {
    TO: addressees(c.to),
    INFO: addressees(c.info),
    classification: c.classification,
    captions: c.captions,
    TAGS: c.tags,
    SUBJECT: [c.subjectMarking, ws(c.subject)],
    REF: c.references.map((r) => [r.letter, r.id ?? ws(r.text)]),
    'E.O.': c.eo ? [c.eo.order, decl(c.eo.declassify)] : null,
    signature: c.signers.map(ws),
    sections: c.sections,
  }
}

/**
 * The body as a reader sees it: each numbered or marked paragraph as `¶number (mark)` followed by its text, the
 * literal lines as text, page headers (and the SUBJECT line the composer repeats under each) left out. The text is
 * white-space normalised, so the renderer's wrapping and the parser's joining of lines to paragraphs do not
 * count; any line read as structure (a paragraph start, a mark, a header line) does.
 */
function bodyOf(c: Cable): string {
  const out: string[] = []
  let afterPageHeader = false
  for (const b of c.body) {
    if (b.type === 'pageHeader') {
      afterPageHeader = true
      continue
    }
    // the SUBJECT line repeated under each page header is part of the header (the parser may or may not say so)
    const repeat = afterPageHeader && b.type === 'lines' && /^\s*SUBJECT:/.test(b.lines[0] ?? '')
    afterPageHeader = false
    if (repeat) continue
    if (b.type === 'para') out.push(`¶${b.number} (${b.marking ?? ''})`, b.text)
    else if (b.type === 'lines' || b.type === 'captions' || b.type === 'signature') out.push(`[${b.type}]`, ...b.lines)
    else if (b.type === 'subject') out.push('[subject]', b.marking ?? '', b.text)
    else if (b.type === 'tags') out.push('[tags]', ...b.tags)
    else if (b.type === 'classLine') out.push('[classLine]', b.level, b.origin, b.serial, b.section ? `${b.section.number}/${b.section.of}` : '')
    else if (b.type === 'eo') {
      const eo = parseEo(b.text)
      out.push('[eo]', eo.order ?? '', decl(eo.declassify))
    }
    else out.push(`[${b.type}]`, b.text)
  }
  // literal lines split or joined differently are the same text: only the markers of structure count
  return ws(out.join(' ').replace(/(?:\[lines\] )+/g, '[lines] '))
}

/**
 * Where two values first differ, for the message: `TO`, `paragraph 2`, or the body text around the difference.
 */
function firstDifference(want: string, got: string): string {
  let i = 0
  while (i < want.length && i < got.length && want[i] === got[i]) i++
  const from = Math.max(0, i - 20)
  return `composed …${JSON.stringify(want.slice(from, i + 40))}…, read back …${JSON.stringify(got.slice(from, i + 40))}…`
}

/**
 * The telegram must read back as the draft composed it: parsed again, it has exactly the composed header fields
 * (addressees, classification, captions, TAGS, SUBJECT, REF, E.O., signature; Classified By with the body), the same
 * paragraphs (count, numbers, portion marks), the same body text (white-space normalised) and the same level and
 * caveats. A field whose text the parser reads as structure (a fake class line, SUBJECT or REF line, a paragraph
 * start, a mark, an end-of-text marker) would otherwise reach readers as something nobody drafted or checked.
 * Every difference is a READBACK error and blocks clearance, approval and release.
 */
export function readBack(cable: Cable, text: string): LintProblem[] {
  const back = parseCable(text)
  const problems: LintProblem[] = []
  const want = markingOf(cable)
  const got = markingOf(back)
  if (got.level !== want.level || got.caveats.join() !== want.caveats.join()) {
    problems.push({ rule: 'READBACK', message: `the telegram reads back as ${describeMarking(got)}, not ${describeMarking(want)}: a text field holds a mark or a line read as structure` })
  }
  const wantHeader = headerOf(cable)
  const gotHeader = headerOf(back)
  for (const field of Object.keys(wantHeader)) {
    const w = JSON.stringify(wantHeader[field])
    const g = JSON.stringify(gotHeader[field])
    if (w !== g) problems.push({ rule: 'READBACK', message: `the telegram's ${field} reads back as ${g}, not ${w}: a text field holds a line read as structure` })
  }
  // an unnumbered paragraph without a mark is plain text to the parser (the body comparison covers it)
  const paragraphs = (c: Cable) => c.paragraphs.filter((p) => p.number > 0 || p.marking !== null).map((p) => `${p.number}(${p.marking ?? ''})`).join(' ')
  if (paragraphs(back) !== paragraphs(cable)) {
    problems.push({ rule: 'READBACK', message: `the telegram's paragraphs read back as [${paragraphs(back)}], not [${paragraphs(cable)}]: a text field holds a mark or a paragraph line` })
  }
  const wantBody = bodyOf(cable)
  const gotBody = bodyOf(back)
  if (wantBody !== gotBody) problems.push({ rule: 'READBACK', message: `the telegram's text does not read back as composed (${firstDifference(wantBody, gotBody)}): a text field holds a line read as structure` })
  return problems
}
