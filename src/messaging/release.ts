import { createHash } from 'node:crypto'
import { toCableRecord } from '../archive/cable-record.js'
import { accessOf, canRead, describeMarking, markingOf } from './access.js'
import { buildId } from '../format/ids.js'
import type { Marking } from './types.js'
import { actor, audit, inTransaction, refuse, type ServiceContext } from './context.js'
import { composeDraft, previewDraft, problemText } from './draft-cable.js'
import { draftHiddenBecause } from './workflow.js'
import { formatDtg } from '../format/dates.js'
import { PRECEDENCE_RANK } from './precedence.js'
import { refuseForbiddenChars } from './operator-text.js'
import { ServiceError } from './service-error.js'
import { mrnSerial } from '../format/compose.js'

export interface ReleaseResult {
  cableId: string
  mrn: string
  dtg: string
  sections: number
  deliveries: { post: string; role: 'action' | 'info'; precedence: string }[]
  text: string
}

/**
 * Releases an approved draft in ONE store transaction: locks the draft, takes the next MRN serial of the
 * originating post for the year (the counter stays locked until commit, which makes it gap-free across
 * processes: a failed release rolls its serial back), stamps the DTG (UTC), composes and renders the canonical telegram, lints it, stores it in the
 * archive and the immutable released-cable table, and queues one delivery per recipient post.
 *
 * A NODIS or EXDIS cable is readable only by the principals named here (`options.principals`, directory
 * users cleared for it; the releaser is always one): releasing one without principals is refused, and
 * naming principals for any other cable is an error (they would mean nothing). MRNs already held by
 * imported texts are skipped.
 *
 * @example
 *   await releaseDraft(ctx, 'carol', 7) // → { cableId: '26STATE1', mrn: 'STATE 000001', … }
 *   await releaseDraft(ctx, 'carol', 8, { principals: ['sam'] }) // a NODIS cable sam may read
 */
export async function releaseDraft(ctx: ServiceContext, userName: string | undefined, id: number, options: { principals?: string[] } = {}): Promise<ReleaseResult> {
  const user = await actor(ctx, userName)
  try {
    return await inTransaction(ctx, async (tx) => {
      // read under the lock: a draft another process released a moment ago is seen as released
      const draft = await tx.store.workflow.lockDraft(id)
      // a draft the releaser may not see (a released one he may not read included) answers as a missing one
      if (!draft || (await draftHiddenBecause(tx, user, draft, async () => markingOf((await previewDraft(tx, draft.fields, draft.originPost)).cable))) !== null) throw new ServiceError('NOT_FOUND', `no draft ${id}`)
      if (draft.state === 'released') throw new ServiceError('OUT_OF_ORDER', `draft ${id} was already released as ${draft.cableId}`)
      if (draft.state !== 'approved') throw new ServiceError('OUT_OF_ORDER', `draft ${id} is not approved yet`)
      const mayRelease = user.name === draft.drafter || (user.roles.includes('approver') && user.post === draft.originPost)
      if (!mayRelease) throw new ServiceError('FORBIDDEN', `${user.name} is neither the drafter nor an approver at ${draft.originPost}`)
      const origin = await tx.store.directory.post(draft.originPost)
      if (!origin) throw new ServiceError('INVALID', `originating post ${draft.originPost} is no longer in the directory`)
      const at = tx.now()
      const year = at.getUTCFullYear()
      // an imported historical text may already hold the MRN this post would issue next (the archive takes any
      // cable's text): that number is taken, so the post issues the next free one instead of being blocked
      let serial = await tx.store.workflow.nextSerial(origin.origin, year)
      // Stryker disable next-line StringLiteral: a serial buildId refuses names no archive key, and neither '' nor any other non-id text is one
      for (let skipped = 0; await tx.store.workflow.archiveHas(buildId(year, origin.origin, String(serial)) ?? ''); skipped++) {
        if (skipped >= MAX_TAKEN_SERIALS) throw new ServiceError('CONFLICT', `the archive holds imported cables with the next ${MAX_TAKEN_SERIALS} MRNs of ${origin.origin}; release refused, nothing stored`)
        serial = await tx.store.workflow.nextSerial(origin.origin, year)
      }
      const composed = await composeDraft(tx, draft.fields, draft.originPost, serial, at, async (post) =>
        (await tx.store.directory.post(post)) ? tx.store.workflow.nextMcn(draft.originPost, post) : null,
      )
      if (composed.errors.length) {
        const details = composed.errors.map(problemText)
        throw new ServiceError('LINT_FAILED', `draft ${id} fails compose-mode lint at release: ${details.join('; ')}`, details)
      }
      const cable = composed.cable
      const cableId = cable.id as string
      const marking = markingOf(cable)
      // whoever releases must be cleared for everything the cable holds (its portions and caveats included)
      if (!canRead(accessOf(user), marking)) throw new ServiceError('NOT_CLEARED', `${user.name} is not cleared for ${describeMarking(marking)} and cannot release draft ${id}`)
      const releasedAt = at.getTime()
      const named = await checkPrincipals(tx, marking, options.principals ?? [], user.name)
      await tx.store.workflow.insertCable({
        id: cableId,
        draftId: id,
        origin: origin.origin,
        year,
        serial,
        originPost: draft.originPost,
        precedence: draft.fields.precedence,
        level: marking.level,
        caveats: marking.caveats,
        subject: draft.fields.subject.text,
        tags: draft.fields.tags,
        captions: draft.fields.captions,
        dtg: formatDtg(at),
        text: composed.text,
        json: JSON.stringify(cable),
        corrects: draft.corrects,
        releasedBy: user.name,
        releasedAt,
      })
      const sha256 = createHash('sha256').update(composed.text, 'utf8').digest('hex')
      const source = { locator: `release:${cableId}`, rendering: 'text' as const, sha256, importedAt: at.toISOString(), metadata: { releasedBy: user.name } }
      const outcome = await tx.store.workflow.archiveCable(toCableRecord(cable, composed.text, source))
      // an imported cable already holds this id: refuse rather than leave the archive showing another text
      if (outcome.inserted !== 1) throw new ServiceError('CONFLICT', `the archive already holds a cable ${cableId}; release refused, nothing stored`)
      if (named.length) await tx.store.workflow.setPrincipals(cableId, named)
      await tx.store.delivery.enqueue(
        composed.recipients.map((r) => ({ cableId, post: r.post, role: r.role, precedence: r.precedence, rank: PRECEDENCE_RANK[r.precedence], queuedAt: releasedAt })),
      )
      const principals = named.length ? `; principals ${named.join(', ')}` : ''
      await audit(tx, { actor: user.name, action: 'release', cableId, draftId: id, post: draft.originPost, detail: `${composed.recipients.length} deliveries${principals}` })
      return {
        cableId,
        mrn: `${origin.origin} ${mrnSerial(serial)}`,
        dtg: formatDtg(at),
        sections: cable.sections ?? 1,
        deliveries: composed.recipients.map((r) => ({ post: r.post, role: r.role, precedence: r.precedence })),
        text: composed.text,
      }
    })
  } catch (error) {
    // the transaction rolled back (serial included); record the refusal outside it
    if (error instanceof ServiceError) await refuse(ctx, user, 'release', error.code, error.message, id, error.details)
    throw error
  }
}

/** How many MRNs in a row imported texts may hold before a release gives up. */
const MAX_TAKEN_SERIALS = 1000

/**
 * The principals of a cable about to be released: required (and only allowed) for NODIS and EXDIS; each an
 * active directory user cleared for the cable's level and caveats; the releaser always among them.
 */
async function checkPrincipals(ctx: ServiceContext, marking: Marking, names: string[], releaser: string): Promise<string[]> {
  refuseForbiddenChars('principals', names.map((n, i) => [`principals[${i}]`, n] as const))
  const restricted = marking.caveats.filter((c) => c === 'NODIS' || c === 'EXDIS')
  if (!restricted.length) {
    if (names.length) throw new ServiceError('INVALID', `principals are named only for NODIS or EXDIS cables; this one is ${describeMarking(marking)}`)
    return []
  }
  if (!names.length) throw new ServiceError('INVALID', `a ${restricted.join('/')} cable is read only by its principals: name them (cable release ID --principals USER,…)`)
  const problems: string[] = []
  for (const name of names) {
    const u = await ctx.store.directory.user(name)
    if (!u || !u.active) problems.push(`${name}: no active user of that name`)
    else if (!canRead(accessOf(u), marking)) problems.push(`${name}: not cleared for ${describeMarking(marking)}`)
  }
  if (problems.length) throw new ServiceError('INVALID', `principals: ${problems.join('; ')}`, problems)
  return [...new Set([...names, releaser])].sort()
}
