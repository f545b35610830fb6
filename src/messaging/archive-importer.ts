import { locationHasDirectoryUsers } from '../store/open-store.js'
import { actor, audit, refuse } from './context.js'
import { openMessaging } from './messaging-service.js'

/** Who imports into a database, and what the import report may say. */
export interface ArchiveImporter {
  /** The acting directory user, null for a plain archive (no directory). */
  user: string | null
  /**
   * True in an operator database: the report gives only what was accepted and what could not be read, never
   * whether a cable was new, already stored, replaced or a new version (that would tell the caller that a
   * cable he may not read exists).
   */
  withholdOutcomes: boolean
  /** Records the finished import in the audit log (operator databases). */
  record(summary: { files: number; cables: number; problems: number }): Promise<void>
  close(): Promise<void>
}

/**
 * Decides who may import into the database at `location`. A plain archive (no directory users) is anyone's
 * to import into; an operator database only a directory user's holding the archivist or admin role, and the
 * import is audited.
 *
 * @example
 *   const importer = await archiveImporter('ops.db', 'arch') // throws FORBIDDEN for a mere reader
 */
export async function archiveImporter(location: string, userName: string | undefined): Promise<ArchiveImporter> {
  if (!(await locationHasDirectoryUsers(location))) {
    return { user: null, withholdOutcomes: false, record: async () => {}, close: async () => {} }
  }
  const ctx = await openMessaging(location)
  try {
    const user = await actor(ctx, userName)
    if (!user.roles.includes('archivist') && !user.roles.includes('admin')) {
      await refuse(ctx, user, 'import', 'FORBIDDEN', `${user.name} holds neither the archivist nor the admin role needed to import into this database`)
    }
    return {
      user: user.name,
      withholdOutcomes: true,
      record: (s) => audit(ctx, { actor: user.name, action: 'import', post: user.post, detail: `${s.cables} cables from ${s.files} files; ${s.problems} inputs not imported` }),
      close: () => ctx.store.close(),
    }
  } catch (error) {
    await ctx.store.close()
    throw error
  }
}
