import type { QueryNode } from '../archive/query/ast.js'
import type { MessagingStore } from '../store/messaging-store.js'
import { locationHasDirectoryUsers } from '../store/open-store.js'
import type { Access, Store } from '../store/store.js'
import { openMessaging } from './messaging-service.js'
import { archiveAccessOf, recordDenial } from './reader-access.js'
import { ServiceError } from './service-error.js'

/** Who reads the archive, with what access, and how a withheld cable is recorded. */
export interface ArchiveReader {
  /** Access for the store's read paths; undefined = archive mode (a public released archive: all visible). */
  access: Access | undefined
  /** The acting directory user, null in a database without a directory. */
  user: string | null
  /** The database's messaging store (drafters and clearers of released cables), null without a directory; closed by `close`. */
  messaging: MessagingStore | null
  /** After a read found nothing for `id` under the reader's access: audits a denial if the cable exists. */
  auditMissing(store: Store, action: string, id: string): Promise<void>
  /** After a search: audits a denial when cables matched that the reader may not see (counted, not named). */
  auditSearch(store: Store, query: QueryNode | null, visible: number): Promise<void>
  close(): Promise<void>
}

const noAudit = { auditMissing: async () => {}, auditSearch: async () => {} }

/**
 * Decides the access of an archive read command (search, show, refs, stats). In a database that holds a
 * messaging directory with users, a reader is a directory user (`--as USER`), reads with that user's
 * clearance and caveats, and may not declare a clearance of their own; denials go to the audit log. In a
 * plain archive (released cables, no users) `declared` access narrows what is shown, or everything is.
 *
 * @example
 *   const reader = await archiveReader('cables.db', { as: 'dora' })
 *   await store.search(query, options, reader.access)
 */
export async function archiveReader(location: string, flags: { as?: string; envUser?: string; declared?: Access }): Promise<ArchiveReader> {
  if (!(await databaseHasDirectory(location))) {
    if (flags.as) throw new ServiceError('INVALID', `--as ${flags.as}: this database has no directory users; use --clearance to read as a cleared reader`)
    return { access: flags.declared, user: null, messaging: null, ...noAudit, close: async () => {} }
  }
  if (flags.declared) {
    throw new ServiceError('FORBIDDEN', 'this database has a directory: read as a user (--as USER), not with a declared --clearance')
  }
  const ctx = await openMessaging(location)
  try {
    const user = flags.as ?? flags.envUser
    const access = await archiveAccessOf(ctx, user)
    return {
      access,
      user: user!,
      messaging: ctx.store,
      auditMissing: async (store, action, id) => {
        const hidden = await store.getCable(id)
        if (hidden) await recordDenial(ctx, user!, hidden.key, action)
      },
      auditSearch: async (store, query, visible) => {
        const all = await store.count(query)
        if (all > visible) await recordDenial(ctx, user!, null, 'search', `${all - visible} matching cables withheld`)
      },
      close: () => ctx.store.close(),
    }
  } catch (error) {
    await ctx.store.close()
    throw error
  }
}

/**
 * Whether the database at `location` holds a messaging directory with users (an operator's database, read
 * only as a user) rather than a plain released archive.
 */
export function databaseHasDirectory(location: string): Promise<boolean> {
  return locationHasDirectoryUsers(location)
}
