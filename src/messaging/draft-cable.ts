import type { Cable, Span, TextBlock } from '../format/model.js'
import { declValue, parseEo } from '../format/eo.js'
import { parseCable } from '../format/parse.js'
import { lineReadAs } from '../format/text.js'
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
 * One body block as a reader sees it (`bodyOf`): a numbered or marked paragraph as `¶number (mark)` and its text,
 * literal lines, captions and the signature after a marker of their kind, the header lines by their values.
 * `before` is the block before it: a drafter's line break inside a paragraph is printed on a line of its own under
 * the web rendering's one-line paragraph, and the parser reads such lines (no empty line between) as literal lines
 * of the paragraph (docs/data-model.md): they count as the paragraph's text, unless a line reads as structure.
 */
function blockWords(b: TextBlock, before: TextBlock | undefined): string[] {
  if (b.type === 'para') return [`¶${b.number} (${b.marking ?? ''})`, b.text]
  if (b.type === 'lines' && b.tight && before?.type === 'para' && b.lines.every((l) => lineReadAs(l) === null)) return b.lines
  if (b.type === 'lines' || b.type === 'captions' || b.type === 'signature') return [`[${b.type}]`, ...b.lines]
  if (b.type === 'subject') return ['[subject]', b.marking ?? '', b.text]
  if (b.type === 'tags') return ['[tags]', ...b.tags]
  if (b.type === 'classLine') return ['[classLine]', b.level, b.origin, b.serial, b.section ? `${b.section.number}/${b.section.of}` : '']
  if (b.type === 'eo') {
    const eo = parseEo(b.text)
    return ['[eo]', eo.order ?? '', decl(eo.declassify)]
  }
  return [`[${b.type}]`, b.text]
}

/** The blocks of a body a reader sees, with what `blockWords` needs: page headers and the SUBJECT line repeated under each left out. */
function readBlocks(c: Cable): { block: TextBlock; before: TextBlock | undefined }[] {
  const out: { block: TextBlock; before: TextBlock | undefined }[] = []
  let afterPageHeader = false
  let before: TextBlock | undefined
  for (const b of c.body) {
    const previous = before
    before = b
    if (b.type === 'pageHeader') {
      afterPageHeader = true
      continue
    }
    // the SUBJECT line repeated under each page header is part of the header (the parser may or may not say so)
    const repeat = afterPageHeader && b.type === 'lines' && /^\s*SUBJECT:/.test(b.lines[0] ?? '')
    afterPageHeader = false
    if (!repeat) out.push({ block: b, before: previous })
  }
  return out
}

/**
 * The body as a reader sees it: each block's `blockWords` in order, page headers (and the SUBJECT line the composer
 * repeats under each) left out. The text is white-space normalised, so the renderer's wrapping and the parser's
 * joining of lines to paragraphs do not count; any line read as structure (a paragraph start, a mark, a header line)
 * does.
 */
function bodyOf(c: Cable): string {
  const out = readBlocks(c).flatMap(({ block, before }) => blockWords(block, before))
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

/** A compose-mode problem as one line of a refusal: `READBACK: … (line 14, column 1)`. */
export const problemText = (e: LintProblem): string => `${e.rule}: ${e.message}${e.line ? ` (line ${e.line}, column ${e.column ?? 1})` : ''}`

/** Line and column (from 1) of a UTF-16 offset of a text. */
function pointOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)))
  const lineStart = before.lastIndexOf('\n') + 1
  return { line: before.split('\n').length, column: offset - lineStart + 1 }
}

/** The place of a span of the parsed telegram, for a problem; nothing when the field has no span. */
const at = (text: string, span: Span | undefined): { line?: number; column?: number } => (span ? pointOf(text, span.start.offset) : {})

/** Where each header field of `headerOf` stands in the parsed telegram (its first line). */
const HEADER_SPANS: Record<string, (c: Cable) => Span | undefined> = {
  TO: (c) => c.to?.[0]?.span,
  INFO: (c) => c.info?.[0]?.span,
  classification: (c) => c.spans.classLine ?? c.spans.classification,
  sections: (c) => c.spans.classLine ?? c.spans.classification,
  captions: (c) => c.spans.captions,
  TAGS: (c) => c.spans.tags,
  SUBJECT: (c) => c.spans.subject,
  REF: (c) => c.spans.references,
  'E.O.': (c) => c.spans.eo,
  signature: (c) => c.spans.signature,
}

/** The span of a header field in the parsed telegram; nothing for a field without one. */
const headerSpan = (c: Cable, field: string): Span | undefined => (Object.hasOwn(HEADER_SPANS, field) ? HEADER_SPANS[field](c) : undefined)

/**
 * The offset in the telegram text of the first body block that the parse reads differently from the composition
 * (a paragraph line read as the signature, a line read as a paragraph start): blocks are found in the text in
 * order, by their spans or their first line; the last block found when a difference lies past the end.
 */
function firstDifferingBlock(cable: Cable, back: Cable, text: string): number | null {
  const key = ({ block, before }: { block: TextBlock; before: TextBlock | undefined }) => ws(blockWords(block, before).join(' '))
  const wanted = readBlocks(cable).map(key)
  let cursor = 0
  let paragraph = 0
  let found: number | null = null
  for (const [i, read] of readBlocks(back).entries()) {
    const b = read.block
    let offset = -1
    if (b.type === 'signature') offset = back.spans.signature?.start.offset ?? -1
    else if (b.type === 'para') offset = back.paragraphs.filter((p) => p.number > 0)[paragraph++]?.span?.start.offset ?? -1
    else if (b.type === 'classLine') offset = back.spans.classLine?.start.offset ?? -1
    const first = 'lines' in b ? b.lines[0] : 'text' in b ? b.text.split('\n')[0] : ''
    if (offset < 0 && first?.trim()) offset = text.indexOf(first.trim(), cursor)
    if (offset >= cursor) cursor = offset
    found = cursor
    if (key(read) !== wanted[i]) return cursor
  }
  return found
}

/**
 * The telegram must read back as the draft composed it: parsed again, it has exactly the composed header fields
 * (addressees, classification, captions, TAGS, SUBJECT, REF, E.O., signature; Classified By with the body), the same
 * paragraphs (count, numbers, portion marks), the same body text (white-space normalised) and the same level and
 * caveats. A field whose text the parser reads as structure (a fake class line, SUBJECT or REF line, a paragraph
 * start, a mark, an end-of-text marker) would otherwise reach readers as something nobody drafted or checked.
 * Every difference is a READBACK error and blocks clearance, approval and release; each says where in the
 * telegram text the differing field was read (`line`, `column`), when the parse places it.
 */
export function readBack(cable: Cable, text: string): LintProblem[] {
  const back = parseCable(text)
  const problems: LintProblem[] = []
  const want = markingOf(cable)
  const got = markingOf(back)
  if (got.level !== want.level || got.caveats.join() !== want.caveats.join()) {
    problems.push({ rule: 'READBACK', message: `the telegram reads back as ${describeMarking(got)}, not ${describeMarking(want)}: a text field holds a mark or a line read as structure`, ...at(text, back.spans.classification) })
  }
  const wantHeader = headerOf(cable)
  const gotHeader = headerOf(back)
  for (const field of Object.keys(wantHeader)) {
    const w = JSON.stringify(wantHeader[field])
    const g = JSON.stringify(gotHeader[field])
    if (w === g) continue
    // the last line of the text read as a signature nobody drafted: the draft has none, so nothing tells it apart
    const hint = field === 'signature' && cable.signers.length === 0 ? ': the last line reads as a signature; give the draft its signature (the signer\'s surname)' : ': a text field holds a line read as structure'
    problems.push({ rule: 'READBACK', message: `the telegram's ${field} reads back as ${g}, not ${w}${hint}`, ...at(text, headerSpan(back, field)) })
  }
  // an unnumbered paragraph without a mark is plain text to the parser (the body comparison covers it)
  const numbered = (c: Cable) => c.paragraphs.filter((p) => p.number > 0 || p.marking !== null)
  const paragraphs = (c: Cable) => numbered(c).map((p) => `${p.number}(${p.marking ?? ''})`).join(' ')
  if (paragraphs(back) !== paragraphs(cable)) {
    const wanted = numbered(cable)
    const differing = numbered(back).find((p, i) => p.number !== wanted[i]?.number || p.marking !== wanted[i]?.marking) ?? numbered(back).at(-1)
    problems.push({ rule: 'READBACK', message: `the telegram's paragraphs read back as [${paragraphs(back)}], not [${paragraphs(cable)}]: a text field holds a mark or a paragraph line`, ...at(text, differing?.span) })
  }
  const wantBody = bodyOf(cable)
  const gotBody = bodyOf(back)
  if (wantBody !== gotBody) {
    const offset = firstDifferingBlock(cable, back, text)
    problems.push({ rule: 'READBACK', message: `the telegram's text does not read back as composed (${firstDifference(wantBody, gotBody)}): a text field holds a line read as structure`, ...(offset === null ? {} : pointOf(text, offset)) })
  }
  return problems
}
