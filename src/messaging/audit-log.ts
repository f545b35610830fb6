import type { AuditEntry, AuditFilter } from '../store/sqlite/messaging-audit-sql.js'
import { actor, type ServiceContext } from './context.js'

/**
 * Queries the audit log. Admins see every entry; anyone else sees only their own actions, so the log
 * cannot be used to learn of cables one may not read.
 */
export function queryAudit(ctx: ServiceContext, userName: string | undefined, filter: AuditFilter): AuditEntry[] {
  const user = actor(ctx, userName)
  const scoped = user.roles.includes('admin') ? filter : { ...filter, actor: user.name }
  return ctx.store.audit.query(scoped)
}
