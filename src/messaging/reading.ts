import { accessOf, canRead, describeMarking } from './access.js'
import { actor, audit, type ServiceContext } from './context.js'
import { userAccess } from './reader-access.js'
import { ServiceError } from './service-error.js'
import type { InboxItem, ReleasedCableRow, User } from './types.js'

export type { InboxItem }

const markingOfRow = (c: Pick<ReleasedCableRow, 'level' | 'caveats'>) => ({ level: c.level, caveats: c.caveats })

/**
 * The user's post inbox, most urgent first, holding only cables the user is cleared for. Hidden entries
 * are neither listed nor counted; each is recorded as a denial in the audit log.
 *
 * @example
 *   await inbox(ctx, 'dora') // [{ cableId: '26STATE1', role: 'action', precedence: 'IMMEDIATE', … }]
 */
export async function inbox(ctx: ServiceContext, userName: string | undefined, options: { unacknowledged?: boolean } = {}): Promise<InboxItem[]> {
  const user = await actor(ctx, userName)
  const entries = await ctx.store.delivery.inbox(user.post)
  // the one access rule, in SQL: clearance, caveats and need to know (NODIS/EXDIS principals)
  const readable = await ctx.store.workflow.readable(entries.map((e) => e.cableId), userAccess(user))
  const items: InboxItem[] = []
  for (const entry of entries) {
    const cable = await ctx.store.workflow.cableHead(entry.cableId)
    if (!cable) continue
    if (!readable.has(cable.id)) {
      await audit(ctx, { actor: user.name, action: 'inbox', outcome: 'denied', cableId: cable.id, post: user.post, detail: withheldBecause(user, cable) })
      continue
    }
    if (options.unacknowledged && entry.acknowledgedAt !== null) continue
    items.push({
      cableId: entry.cableId,
      role: entry.role,
      precedence: entry.precedence,
      classification: describeMarking(markingOfRow(cable)),
      subject: cable.subject,
      deliveredAt: entry.deliveredAt,
      acknowledgedBy: entry.acknowledgedBy,
      acknowledgedAt: entry.acknowledgedAt,
    })
  }
  return items
}

/** Why the rule withheld a cable, for the audit log only (admins read it; the user is told nothing). */
function withheldBecause(user: User, cable: Pick<ReleasedCableRow, 'level' | 'caveats'>): string {
  const marking = markingOfRow(cable)
  if (!canRead(accessOf(user), marking)) return `not cleared for ${describeMarking(marking)}`
  return `not a named principal of this ${marking.caveats.filter((c) => c === 'NODIS' || c === 'EXDIS').join('/')} cable`
}

/**
 * A released cable the user may read by the one access rule (`userAccess`, enforced in SQL): cleared for
 * its level and caveats, and a need to know (originating or receiving post, SIPDIS, named principal).
 * Anything else answers NOT_FOUND, the same as a cable that does not exist, and is audited as a denial.
 */
export async function visibleCable(ctx: ServiceContext, user: User, cableId: string, action: string): Promise<ReleasedCableRow> {
  const cable = await ctx.store.workflow.cable(cableId)
  const readable = cable !== null && (await ctx.store.workflow.readable([cable.id], userAccess(user))).has(cable.id)
  if (!cable || !readable) {
    const why = !cable ? 'no such cable' : canRead(accessOf(user), markingOfRow(cable)) ? `no need to know (${user.post})` : `not cleared for ${describeMarking(markingOfRow(cable))}`
    await audit(ctx, { actor: user.name, action, outcome: 'denied', cableId, post: user.post, detail: why })
    throw new ServiceError('NOT_FOUND', `no cable ${cableId} for ${user.name}`)
  }
  return cable
}

/**
 * Reads a cable's telegram text; the read is audited.
 *
 * @example
 *   (await readCable(ctx, 'dora', '26STATE1')).text // the canonical telegram
 */
export async function readCable(ctx: ServiceContext, userName: string | undefined, cableId: string): Promise<{ cable: ReleasedCableRow; text: string }> {
  const user = await actor(ctx, userName)
  const cable = await visibleCable(ctx, user, cableId, 'read')
  await audit(ctx, { actor: user.name, action: 'read', cableId: cable.id, post: user.post })
  return { cable, text: cable.text }
}

/** Acknowledges receipt of a cable at the user's post (FLASH and NIACT must be acknowledged, spec §8). */
export async function acknowledge(ctx: ServiceContext, userName: string | undefined, cableId: string): Promise<{ acknowledged: boolean }> {
  const user = await actor(ctx, userName)
  const cable = await visibleCable(ctx, user, cableId, 'acknowledge')
  if (!(await ctx.store.delivery.inboxEntry(user.post, cable.id))) throw new ServiceError('OUT_OF_ORDER', `${cableId} has not been delivered to ${user.post} yet`)
  const acknowledged = await ctx.store.delivery.acknowledge(user.post, cable.id, user.name, ctx.now().getTime())
  await audit(ctx, { actor: user.name, action: 'acknowledge', cableId: cable.id, post: user.post, detail: acknowledged ? '' : 'already acknowledged' })
  return { acknowledged }
}
