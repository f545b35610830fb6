import type { CopyOptions, CopyReport } from '../archive/copy-archive.js'
import { locationHasDirectoryUsers, locationMessagingRows } from '../store/open-store.js'
import { actor, audit, refuse, type ServiceContext } from './context.js'
import { archiveImporter } from './archive-importer.js'
import { openMessaging } from './messaging-service.js'
import type { User } from './types.js'

/** The copy report without what would say whether the target already held a cable (written, skipped). */
export type WithheldCopyReport = Omit<CopyReport, 'written' | 'skipped'>

/** Who copies an archive from one database to another, and what the copy may do and say. */
export interface ArchiveCopier {
  /**
   * True when the messaging tables are copied too (the source holds any and `archiveOnly` was not asked):
   * the copy moves the whole database, and the target must hold no messaging data but the source's.
   */
  messaging: boolean
  /**
   * What `copyArchive` must respect in the target: its released cables, a verification of the source's cables only,
   * and its archive settings (an operator database's are its admin's decision).
   */
  options: Pick<CopyOptions, 'kept' | 'sourceOnly' | 'keepTargetSettings'>
  /** Records the finished copy in the audit log of each operator database involved. */
  record(report: CopyReport): Promise<void>
  /** What of the report the copier may see: all of it between plain archives, `WithheldCopyReport` into an operator database. */
  shown(report: CopyReport): CopyReport | WithheldCopyReport
  close(): Promise<void>
}

interface Side {
  ctx: ServiceContext
  user: User
}

/**
 * Decides whether `userName` may copy the archive at `from` into `to` (docs/postgres.md, "Operator databases"):
 *
 * - **from** an operator database (one with directory users): the copy reads every cable, whatever its
 *   level, caveats, post or principals, so only an **admin** of that database may make it; it is audited
 *   there (`copy`);
 * - **into** an operator database: as `cable import`, an **archivist or admin** of it (`archiveImporter`);
 *   cables released there are kept as they are, the report withholds what was already stored, and the copy
 *   is audited there (`import`). The same `--as` name is looked up in each operator database.
 *
 * Unless `archiveOnly`, a source holding messaging tables (directory, drafts, released cables, audit log …) is
 * copied whole: the messaging tables too (`copyMessaging`). Then the copy is audited in the source BEFORE it
 * starts (an interrupted copy is on record; the entry is copied with the log, so both logs end alike), and
 * the target's rule is not that of an import: its messaging tables must be empty or an interrupted copy of
 * the same source (`checkMessagingTarget`), and its archive ends the same as the source's (full verification).
 *
 * Refusals are audited and thrown as ServiceError('FORBIDDEN'); an unknown user is refused as by `actor`.
 *
 * @example
 *   const copier = await archiveCopier('ops.db', 'mirror.db', 'root')
 *   const report = await copyArchive(source, target, { ...copier.options })
 *   await copier.record(report)
 */
export async function archiveCopier(from: string, to: string, userName: string | undefined, opts: { archiveOnly?: boolean } = {}): Promise<ArchiveCopier> {
  const closers: (() => Promise<void>)[] = []
  const closeAll = async () => {
    for (const close of closers.splice(0)) await close()
  }
  try {
    let source: Side | null = null
    if (await locationHasDirectoryUsers(from)) {
      const ctx = await openMessaging(from)
      closers.push(() => ctx.store.close())
      const user = await actor(ctx, userName)
      if (!user.roles.includes('admin')) {
        await refuse(ctx, user, 'copy', 'FORBIDDEN', `${user.name} does not hold the admin role needed to copy this database's archive (a copy holds every cable, whoever may read it)`)
      }
      source = { ctx, user }
    }
    if (!opts.archiveOnly && (await locationMessagingRows(from)) > 0) {
      if (source) {
        await audit(source.ctx, { actor: source.user.name, action: 'copy', post: source.user.post, detail: 'copy of this database (archive and messaging tables) to another database begins' })
      }
      return { messaging: true, options: {}, record: async () => {}, shown: (r) => r, close: closeAll }
    }
    // into an operator database: the rule of `cable import` (archivist or admin, audited), its released cables kept
    const importer = await archiveImporter(to, userName)
    closers.push(() => importer.close())
    const intoOperator = importer.user !== null
    const kept = await importer.releasedIds()
    return {
      messaging: false,
      options: intoOperator ? { kept, sourceOnly: true, keepTargetSettings: true } : {},
      record: async (r) => {
        if (source) await audit(source.ctx, { actor: source.user.name, action: 'copy', post: source.user.post, detail: `${r.cables} cables copied out of this database` })
        await importer.note(`copy: ${r.cables} cables from another database${r.verified ? '' : '; not verified'}`)
      },
      shown: (r) => {
        if (!intoOperator) return r
        const { written: _w, skipped: _s, ...rest } = r
        return rest
      },
      close: closeAll,
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
