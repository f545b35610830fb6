import { actor, requireRole, type ServiceContext } from './context.js'
import type { Collective, Post, User } from './types.js'

/**
 * The directory as any active user may see it: posts and collectives with their members (addresses, not
 * people).
 *
 * @example
 *   const { posts, collectives } = await directoryListing(ctx, 'dora')
 */
export async function directoryListing(ctx: ServiceContext, userName: string | undefined): Promise<{ posts: Post[]; collectives: Collective[] }> {
  await actor(ctx, userName)
  return { posts: await ctx.store.directory.posts(), collectives: await ctx.store.directory.collectives() }
}

/** Every user with their roles, clearance and caveats; admins only (a refusal is audited). */
export async function listUsers(ctx: ServiceContext, userName: string | undefined): Promise<User[]> {
  const user = await actor(ctx, userName)
  await requireRole(ctx, user, 'admin', 'users')
  return ctx.store.directory.users()
}
