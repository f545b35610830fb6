import { accessOf, canRead, describeMarking, markingOf } from './access.js'
import { actor, audit, DEFAULT_SITE_POLICY, refuse, requireRole, type ServiceContext } from './context.js'
import { previewDraft, problemText, type ComposedDraft } from './draft-cable.js'
import type { DraftInput } from './draft-input.js'
import { lintText } from '../lint/index.js'
import { ServiceError } from './service-error.js'
import { userAccess } from './reader-access.js'
import type { Draft, Marking, User } from './types.js'

/**
 * The drafting workflow: draft → (compose-mode lint passes) → every named clearer clears → an approver of
 * the originating post approves → release (release.ts). Each step checks its own preconditions and
 * refuses out-of-order requests with the reason; refusals are audited.
 */

/**
 * Who may see a draft (the one rule for every draft path: show, list, lint, edit, clear, approve, release):
 *
 * - a **released** draft is the cable: it is visible exactly to the users the one access rule lets read the
 *   released cable (`workflow.readable` with `userAccess`: cleared, need to know, NODIS/EXDIS principals);
 * - an **unreleased** draft is visible to users cleared for its marking who are its drafter, one of its named
 *   clearers, or (the post's workflow) at its originating post; but a draft whose marking carries **NODIS or
 *   EXDIS** is seen only by its drafter, its named clearers, and the approvers of its originating post (those
 *   who may approve and release it): nobody else at the post.
 *
 * Returns null when the user may see it, else why not (for the audit log only: the user is told "no draft N").
 * `marking` composes the draft on demand, so a hidden released draft costs no composition.
 */
export async function draftHiddenBecause(ctx: ServiceContext, user: User, draft: Draft, marking: () => Promise<Marking>): Promise<string | null> {
  if (draft.state === 'released') {
    // fail closed: a released draft without its cable id shows nobody anything
    if (draft.cableId === null) return 'released draft without a cable id'
    const readable = await ctx.store.workflow.readable([draft.cableId], userAccess(user))
    return readable.has(draft.cableId) ? null : `released as ${draft.cableId}, which the access rule does not let ${user.name} read`
  }
  const named = user.name === draft.drafter || draft.clearers.includes(user.name) || user.name === draft.approvedBy
  // decided before composing, so a draft of another post never gets as far as an error of its own
  if (!named && draft.originPost !== user.post) return `draft of ${draft.originPost}`
  const m = await marking()
  if (!canRead(accessOf(user), m)) return `not cleared for ${describeMarking(m)}`
  const restricted = m.caveats.filter((c) => c === 'NODIS' || c === 'EXDIS')
  if (restricted.length) {
    const approverHere = user.roles.includes('approver') && user.post === draft.originPost
    return named || approverHere ? null : `a ${restricted.join('/')} draft is seen only by its drafter, named clearers and the approvers of ${draft.originPost}`
  }
  return null
}

/** A draft a user may see (`draftHiddenBecause`): hidden drafts answer NOT_FOUND, so their existence does not leak. */
export async function visibleDraft(ctx: ServiceContext, user: User, id: number, action: string): Promise<{ draft: Draft; preview: ComposedDraft }> {
  const draft = await ctx.store.workflow.draft(id)
  if (!draft) throw new ServiceError('NOT_FOUND', `no draft ${id}`)
  let preview: ComposedDraft | null = null
  const compose = async (): Promise<ComposedDraft> => (preview ??= await previewDraft(ctx, draft.fields, draft.originPost))
  const hidden = await draftHiddenBecause(ctx, user, draft, async () => markingOf((await compose()).cable))
  if (hidden !== null) {
    await audit(ctx, { actor: user.name, action, outcome: 'denied', draftId: id, post: user.post, detail: hidden })
    throw new ServiceError('NOT_FOUND', `no draft ${id}`)
  }
  return { draft, preview: await compose() }
}

/** One compose-mode finding of a draft, placed in its preview telegram (1-based line and column). */
export interface DraftFinding {
  ruleId: string
  severity: 'error' | 'warning' | 'info'
  message: string
  line: number
  column: number
}

/**
 * Every compose-mode finding of a draft the user may see (`visibleDraft`), errors and warnings, placed in the
 * preview telegram. Its errors are exactly those that block clearance, approval and release (the preview's):
 * a refusal that is no lint rule's (the readback of the composed telegram, `READBACK`) is listed where the
 * telegram reads back differently (the field or block read otherwise), at line 1, column 1 only when it has no
 * place. Throws NOT_FOUND for a draft the user may not see.
 *
 * @example
 *   const findings = await draftFindings(ctx, 'dana', 12) // [{ ruleId: 'TXT-018', severity: 'error', line: 9, … }]
 */
export async function draftFindings(ctx: ServiceContext, userName: string | undefined, id: number): Promise<DraftFinding[]> {
  const user = await actor(ctx, userName)
  const { preview } = await visibleDraft(ctx, user, id, 'lint-draft')
  const found: DraftFinding[] = lintText(preview.text, { mode: 'compose' }).map((m) => ({ ruleId: m.ruleId, severity: m.severity, message: m.message, line: m.span.start.line, column: m.span.start.column }))
  const listed = new Set(found.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}\n${f.message}`))
  for (const e of preview.errors) {
    if (listed.has(`${e.rule}\n${e.message}`)) continue
    listed.add(`${e.rule}\n${e.message}`)
    found.push({ ruleId: e.rule, severity: 'error', message: e.message, line: e.line ?? 1, column: e.column ?? 1 })
  }
  return found
}

async function checkClearers(ctx: ServiceContext, drafter: User, input: DraftInput, preview: ComposedDraft): Promise<string[]> {
  const marking = markingOf(preview.cable)
  const problems: string[] = []
  const min = (ctx.policy ?? DEFAULT_SITE_POLICY).minClearers
  // a draft nobody clears would go to approval unchecked: the site policy says how many must clear it
  if (new Set(input.clearers).size < min) problems.push(`clearers: the draft needs at least ${min} named clearer${min === 1 ? '' : 's'} (site policy; clearers: [...] or --clearer)`)
  // each problem names its place (`clearers[1]: …`), like the draft's field problems, so a form shows it at the name
  for (const [i, name] of input.clearers.entries()) {
    const at = `clearers[${i}]: `
    const u = await ctx.store.directory.user(name)
    if (!u || !u.active) problems.push(`${at}clearer ${name} is not an active user`)
    else if (!u.roles.includes('clearer')) problems.push(`${at}${name} does not hold the clearer role`)
    else if (u.name === drafter.name) problems.push(`${at}${name} drafted the cable and cannot also clear it`)
    else if (!canRead(accessOf(u), marking)) problems.push(`${at}clearer ${name} is not cleared for ${describeMarking(marking)}`)
  }
  return problems
}

/**
 * Creates a draft at the drafter's post. A correction (`corrects`) references the released original.
 *
 * @example
 *   const { draft, preview } = createDraft(ctx, 'dana', draftFromText(yaml))
 *   preview.errors // compose-mode lint errors that would block clearance
 */
export async function createDraft(ctx: ServiceContext, userName: string | undefined, input: DraftInput, corrects: string | null = null): Promise<{ draft: Draft; preview: ComposedDraft }> {
  const user = await actor(ctx, userName)
  await requireRole(ctx, user, 'drafter', 'draft')
  if (corrects) {
    // correcting a cable means reading it: one the drafter may not read (the one access rule: clearance, need to
    // know, NODIS/EXDIS principals) answers exactly as one that was never released
    const original = await ctx.store.workflow.cable(corrects)
    if (!original || !(await ctx.store.workflow.readable([original.id], userAccess(user))).has(original.id)) {
      if (original) await audit(ctx, { actor: user.name, action: 'draft', outcome: 'denied', cableId: corrects, post: user.post, detail: 'correction of a cable the drafter may not read' })
      throw new ServiceError('NOT_FOUND', `no released cable ${corrects} to correct`)
    }
    if (!input.fields.references.includes(corrects)) input.fields.references = [corrects, ...input.fields.references]
  }
  const preview = await previewDraft(ctx, input.fields, user.post)
  const marking = markingOf(preview.cable)
  if (!canRead(accessOf(user), marking)) await refuse(ctx, user, 'draft', 'NOT_CLEARED', `${user.name} is not cleared for ${describeMarking(marking)} and cannot draft at that level`)
  const problems = await checkClearers(ctx, user, input, preview)
  if (problems.length) await refuse(ctx, user, 'draft', 'INVALID', `draft: ${problems.join('; ')}`, undefined, problems)
  const at = ctx.now().getTime()
  const id = await ctx.store.workflow.insertDraft({ originPost: user.post, drafter: user.name, fields: input.fields, clearers: input.clearers, corrects, at })
  await audit(ctx, { actor: user.name, action: 'draft', draftId: id, post: user.post, detail: corrects ? `correction of ${corrects}` : '' })
  return { draft: (await ctx.store.workflow.draft(id)) as Draft, preview }
}

/** Replaces a draft's fields; only its drafter, only before approval. Clearances given so far are void. */
export async function updateDraft(ctx: ServiceContext, userName: string | undefined, id: number, input: DraftInput): Promise<{ draft: Draft; preview: ComposedDraft }> {
  const user = await actor(ctx, userName)
  const { draft } = await visibleDraft(ctx, user, id, 'edit')
  if (draft.drafter !== user.name) await refuse(ctx, user, 'edit', 'FORBIDDEN', `only the drafter (${draft.drafter}) may edit draft ${id}`, id)
  if (draft.state !== 'draft') await refuse(ctx, user, 'edit', 'OUT_OF_ORDER', `draft ${id} is ${draft.state}; ${draft.state === 'released' ? 'a released cable is immutable: draft a correction' : 'an approved draft cannot change'}`, id)
  const preview = await previewDraft(ctx, input.fields, draft.originPost)
  // a drafter marks nothing above his own clearance, in an edit as in a new draft
  const marking = markingOf(preview.cable)
  if (!canRead(accessOf(user), marking)) await refuse(ctx, user, 'edit', 'NOT_CLEARED', `${user.name} is not cleared for ${describeMarking(marking)} and cannot draft at that level`, id)
  const problems = await checkClearers(ctx, user, input, preview)
  if (problems.length) await refuse(ctx, user, 'edit', 'INVALID', `draft: ${problems.join('; ')}`, id, problems)
  await ctx.store.workflow.updateDraft(id, input.fields, input.clearers, ctx.now().getTime())
  await audit(ctx, { actor: user.name, action: 'edit', draftId: id, post: user.post })
  return { draft: (await ctx.store.workflow.draft(id)) as Draft, preview }
}

async function requireLintClean(ctx: ServiceContext, user: User, action: string, id: number, preview: ComposedDraft): Promise<void> {
  if (preview.errors.length === 0) return
  const details = preview.errors.map(problemText)
  await refuse(ctx, user, action, 'LINT_FAILED', `draft ${id} fails compose-mode lint (${details.length} error${details.length > 1 ? 's' : ''}): ${details.join('; ')}`, id, details)
}

/**
 * A named clearer clears the draft; the draft must be lint-clean and not yet approved.
 *
 * @example
 *   clearDraft(ctx, 'carl', 7).cleared // ['carl']
 */
export async function clearDraft(ctx: ServiceContext, userName: string | undefined, id: number): Promise<Draft> {
  const user = await actor(ctx, userName)
  const { draft, preview } = await visibleDraft(ctx, user, id, 'clear')
  await requireRole(ctx, user, 'clearer', 'clear', id)
  if (draft.state !== 'draft') await refuse(ctx, user, 'clear', 'OUT_OF_ORDER', `draft ${id} is already ${draft.state}`, id)
  if (!draft.clearers.includes(user.name)) await refuse(ctx, user, 'clear', 'FORBIDDEN', `${user.name} is not a named clearer of draft ${id} (clearers: ${draft.clearers.join(', ') || 'none'})`, id)
  if (draft.cleared.includes(user.name)) await refuse(ctx, user, 'clear', 'OUT_OF_ORDER', `${user.name} has already cleared draft ${id}`, id)
  await requireLintClean(ctx, user, 'clear', id, preview)
  await ctx.store.workflow.recordClearance(id, user.name, ctx.now().getTime())
  await audit(ctx, { actor: user.name, action: 'clear', draftId: id, post: user.post })
  return (await ctx.store.workflow.draft(id)) as Draft
}

/**
 * An approver of the originating post approves once every named clearer has cleared.
 *
 * @example
 *   approveDraft(ctx, 'abe', 7).state // 'approved'
 */
export async function approveDraft(ctx: ServiceContext, userName: string | undefined, id: number): Promise<Draft> {
  const user = await actor(ctx, userName)
  const { draft, preview } = await visibleDraft(ctx, user, id, 'approve')
  await requireRole(ctx, user, 'approver', 'approve', id)
  if (draft.state !== 'draft') await refuse(ctx, user, 'approve', 'OUT_OF_ORDER', `draft ${id} is already ${draft.state}`, id)
  if (user.post !== draft.originPost) await refuse(ctx, user, 'approve', 'FORBIDDEN', `${user.name} is an approver at ${user.post}, not at the originating post ${draft.originPost}`, id)
  if (user.name === draft.drafter) await refuse(ctx, user, 'approve', 'FORBIDDEN', `${user.name} drafted draft ${id} and cannot also approve it`, id)
  const missing = draft.clearers.filter((c) => !draft.cleared.includes(c))
  if (missing.length) await refuse(ctx, user, 'approve', 'OUT_OF_ORDER', `draft ${id} still needs clearance from: ${missing.join(', ')}`, id)
  const min = (ctx.policy ?? DEFAULT_SITE_POLICY).minClearers
  if (new Set(draft.cleared).size < min) await refuse(ctx, user, 'approve', 'OUT_OF_ORDER', `draft ${id} has ${draft.cleared.length} clearance${draft.cleared.length === 1 ? '' : 's'}; the site policy requires ${min}`, id)
  await requireLintClean(ctx, user, 'approve', id, preview)
  await ctx.store.workflow.recordApproval(id, user.name, ctx.now().getTime())
  await audit(ctx, { actor: user.name, action: 'approve', draftId: id, post: user.post })
  return (await ctx.store.workflow.draft(id)) as Draft
}

/** Drafts a user may see (`draftHiddenBecause`): hidden ones are neither listed nor counted. */
export async function listDrafts(ctx: ServiceContext, userName: string | undefined): Promise<{ draft: Draft; subject: string }[]> {
  const user = await actor(ctx, userName)
  const out: { draft: Draft; subject: string }[] = []
  for (const id of await ctx.store.workflow.draftIds({})) {
    const draft = (await ctx.store.workflow.draft(id)) as Draft
    const hidden = await draftHiddenBecause(ctx, user, draft, async () => markingOf((await previewDraft(ctx, draft.fields, draft.originPost)).cable))
    if (hidden !== null) continue
    out.push({ draft, subject: draft.fields.subject.text })
  }
  return out
}
