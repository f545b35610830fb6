import { GENESIS_HASH, verifyChain, type ChainReport } from '../store/audit-chain.js'
import { actor, audit, type ServiceContext } from './context.js'
import { ServiceError } from './service-error.js'
import type { AuditEntry, AuditFilter } from './types.js'

/**
 * Queries the audit log; admins only. The log names cables a user may not read (their own denials
 * included: an inbox that hid a cable records which one), so showing it to anyone else would leak them.
 */
export async function queryAudit(ctx: ServiceContext, userName: string | undefined, filter: AuditFilter): Promise<AuditEntry[]> {
  const user = await actor(ctx, userName)
  if (!user.roles.includes('admin')) {
    await audit(ctx, { actor: user.name, action: 'audit', outcome: 'refused', post: user.post, detail: 'admin role required' })
    throw new ServiceError('FORBIDDEN', `${user.name} does not hold the admin role needed to read the audit log`)
  }
  return ctx.store.audit.query(filter)
}

export interface AuditVerification extends ChainReport {
  /** Released cables whose release the log does not record (a log emptied or cut before them). */
  unrecordedReleases: string[]
}

/**
 * Checks the audit log end to end (admins only): every link of the hash chain (`verifyChain`), the head
 * and length recorded beside the log, and that every released cable's release is in the log. Reports the
 * first broken link; `head` is the hash to note elsewhere and compare next time (`expectHead`), the one
 * check that also catches a log rewritten from scratch.
 *
 * @example
 *   const v = await verifyAudit(ctx, 'root') // { entries: 120, head: '3f…', broken: null, unrecordedReleases: [] }
 */
export async function verifyAudit(ctx: ServiceContext, userName: string | undefined, expectHead?: string): Promise<AuditVerification> {
  const user = await actor(ctx, userName)
  if (!user.roles.includes('admin')) {
    await audit(ctx, { actor: user.name, action: 'audit', outcome: 'refused', post: user.post, detail: 'admin role required to verify' })
    throw new ServiceError('FORBIDDEN', `${user.name} does not hold the admin role needed to verify the audit log`)
  }
  const { entries, recorded } = await ctx.store.audit.chain()
  const report = verifyChain(entries, recorded)
  if (!report.broken && expectHead !== undefined && !entries.some((e) => e.hash === expectHead) && expectHead !== GENESIS_HASH) {
    report.broken = { id: entries.length + 1, reason: `the head noted earlier (${expectHead.slice(0, 12)}) is no entry of this log: it was rewritten` }
  }
  const logged = new Set(entries.filter((e) => e.action === 'release' && e.outcome === 'ok').map((e) => e.cableId))
  const unrecordedReleases = (await ctx.store.workflow.cables()).map((c) => c.id).filter((id) => !logged.has(id))
  return { ...report, unrecordedReleases }
}
