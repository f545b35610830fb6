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
