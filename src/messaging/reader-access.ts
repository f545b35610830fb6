import type { Access } from '../store/store.js'
import { accessOf } from './access.js'
import { actor, audit, type ServiceContext } from './context.js'

/**
 * The archive access (`{ level, caveats }`) of a directory user, for read paths outside messaging
 * (archive search, show, refs, stats, exports) that act for `--as USER`: they pass it to the store, which
 * applies the same rule as `canRead` in SQL. Unknown and deactivated users are refused.
 *
 * @example
 *   const access = archiveAccessOf(openMessaging(db), 'dora') // { level: 1, caveats: [] }
 *   await store.search(query, options, access)
 */
export function archiveAccessOf(ctx: ServiceContext, userName: string | undefined): Access {
  const a = accessOf(actor(ctx, userName))
  return { level: a.level, caveats: a.caveats }
}

/**
 * Records that a read path outside messaging withheld a cable from a user (e.g. `cable show ID --as USER`
 * found it only in archive mode), so every denial lands in the one audit log.
 *
 * @example
 *   if (!(await store.getCable(id, access)) && (await store.getCable(id))) recordDenial(ctx, 'cora', id, 'show')
 */
export function recordDenial(ctx: ServiceContext, userName: string, cableId: string | null, action: string, detail = ''): void {
  const user = ctx.store.directory.user(userName)
  audit(ctx, { actor: userName, action, outcome: 'denied', cableId, post: user?.post ?? null, detail })
}
