import type { Access } from '../store/store.js'
import { accessOf } from './access.js'
import { actor, audit, type ServiceContext } from './context.js'
import type { User } from './types.js'

/**
 * The archive access (`{ level, caveats }`) of a directory user, for read paths outside messaging
 * (archive search, show, refs, stats, exports) that act for `--as USER`: they pass it to the store, which
 * applies the same rule as `canRead` in SQL. Unknown and deactivated users are refused.
 *
 * @example
 *   const access = await archiveAccessOf(await openMessaging(db), 'dora') // { level: 1, caveats: [] }
 *   await store.search(query, options, access)
 */
export async function archiveAccessOf(ctx: ServiceContext, userName: string | undefined): Promise<Access> {
  return userAccess(await actor(ctx, userName))
}

/**
 * The store `Access` of a directory user: clearance and caveats (none for a deactivated user) and need to
 * know (post, name, archive-reader role). Every read path of an operator database passes this to the
 * store, which applies the one rule in SQL (`NeedToKnow` in src/store/store.ts, docs/messaging.md).
 *
 * @example
 *   userAccess(dora) // { level: 1, caveats: [], needToKnow: { user: 'dora', post: 'AMEMBASSY DUSHANBE', archiveReader: false } }
 */
export function userAccess(user: User): Access {
  const a = accessOf(user)
  return { level: a.level, caveats: a.caveats, needToKnow: { user: user.name, post: user.post, archiveReader: user.active && user.roles.includes('archive-reader') } }
}

/**
 * Records that a read path outside messaging withheld a cable from a user (e.g. `cable show ID --as USER`
 * found it only in archive mode), so every denial lands in the one audit log.
 *
 * @example
 *   if (!(await store.getCable(id, access)) && (await store.getCable(id))) await recordDenial(ctx, 'cora', id, 'show')
 */
export async function recordDenial(ctx: ServiceContext, userName: string, cableId: string | null, action: string, detail = ''): Promise<void> {
  const user = await ctx.store.directory.user(userName)
  await audit(ctx, { actor: userName, action, outcome: 'denied', cableId, post: user?.post ?? null, detail })
}
