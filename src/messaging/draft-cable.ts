import type { Cable } from '../format/model.js'
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

/**
 * The telegram must read back with the markings the draft gave it: parsed again, its level, caveats and portion
 * marks are those composed. A field whose text the parser reads as structure (a line that opens with a mark, a
 * fake class or paragraph line) would otherwise travel with markings nobody checked. Errors block release.
 */
function readBack(cable: Cable, text: string): LintProblem[] {
  const back = parseCable(text)
  const problems: LintProblem[] = []
  const want = markingOf(cable)
  const got = markingOf(back)
  if (got.level !== want.level || got.caveats.join() !== want.caveats.join()) {
    problems.push({ rule: 'READBACK', message: `the telegram reads back as ${describeMarking(got)}, not ${describeMarking(want)}: a text field holds a mark or a line read as structure` })
  }
  const marks = (c: Cable) => [c.subjectMarking, ...c.paragraphs.map((p) => p.marking)].filter((m): m is string => m !== null).join(' ')
  if (marks(back) !== marks(cable)) {
    problems.push({ rule: 'READBACK', message: `the telegram's portion marks read back as [${marks(back)}], not [${marks(cable)}]: a text field holds a mark or a paragraph line` })
  }
  return problems
}
