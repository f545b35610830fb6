import type { ImportReport } from '../archive/import/import-archive.js'
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
  /**
   * Records the finished import in the audit log (operator databases), with the texts refused because
   * they came under a released cable's id (an admin reading the log sees the attempt; the importer does not).
   */
  record(report: ImportReport): Promise<void>
  /** Records another kind of import (a `cable copy` into this database) in the audit log, with its detail. */
  note(detail: string): Promise<void>
  /** Ids of the cables released in this database (immutable: an import keeps them as they are); none in a plain archive. */
  releasedIds(): Promise<Set<string>>
  /** What of the report the importer may see: all of it in a plain archive, `WithheldReport` otherwise. */
  shown(report: ImportReport): ImportReport | WithheldReport
  close(): Promise<void>
}

/** The import report without what would say whether a cable was already stored, or released here. */
export type WithheldReport = Omit<ImportReport, 'inserted' | 'replaced' | 'unchanged' | 'sourcesAdded' | 'versionsAdded' | 'sectionsAdded' | 'releasedKept'>

function withheld(r: ImportReport): WithheldReport {
  const { inserted: _i, replaced: _r, unchanged: _u, sourcesAdded: _s, versionsAdded: _v, sectionsAdded: _n, releasedKept: _k, ...rest } = r
  return rest
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
    return { user: null, withholdOutcomes: false, record: async () => {}, note: async () => {}, releasedIds: async () => new Set(), shown: (r) => r, close: async () => {} }
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
      record: (r) =>
        audit(ctx, {
          actor: user.name,
          action: 'import',
          post: user.post,
          detail:
            `${r.cables} cables from ${r.files} files; ${r.problems.length} inputs not imported` +
            (r.releasedKept ? `; ${r.releasedKept} texts under the ids of cables released here refused (released cables are immutable)` : ''),
        }),
      note: (detail) => audit(ctx, { actor: user.name, action: 'import', post: user.post, detail }),
      releasedIds: async () => new Set((await ctx.store.workflow.cables()).map((c) => c.id)),
      shown: withheld,
      close: () => ctx.store.close(),
    }
  } catch (error) {
    await ctx.store.close()
    throw error
  }
}
