import { locationHasDirectoryUsers } from '../store/open-store.js'
import { actor, audit, refuse } from './context.js'
import { openMessaging } from './messaging-service.js'

/** Who changes an archive's settings, and how the change is recorded. */
export interface ArchiveConfigurer {
  /** The acting directory user, null for a plain archive (no directory). */
  user: string | null
  /** Records a changed setting in the audit log (operator databases). */
  record(setting: string, value: string): Promise<void>
  close(): Promise<void>
}

/**
 * Decides who may change the archive settings of the database at `location` (`cable archive-config`):
 * anyone in a plain archive (no directory users, as for importing); in an operator database only a
 * directory user holding the admin role, and the change is audited. A refusal is audited too.
 *
 * @example
 *   const c = await archiveConfigurer('ops.db', 'ada') // throws FORBIDDEN unless ada is an admin
 */
export async function archiveConfigurer(location: string, userName: string | undefined): Promise<ArchiveConfigurer> {
  if (!(await locationHasDirectoryUsers(location))) return { user: null, record: async () => {}, close: async () => {} }
  const ctx = await openMessaging(location)
  try {
    const user = await actor(ctx, userName)
    if (!user.roles.includes('admin')) {
      await refuse(ctx, user, 'archive-config', 'FORBIDDEN', `${user.name} does not hold the admin role needed to change the archive's settings`)
    }
    return {
      user: user.name,
      record: (setting, value) => audit(ctx, { actor: user.name, action: 'archive-config', post: user.post, detail: `${setting} ${value}` }),
      close: () => ctx.store.close(),
    }
  } catch (error) {
    await ctx.store.close()
    throw error
  }
}
