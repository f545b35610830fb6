import type { QueryNode } from '../store/query/ast.js'
import type { ReadKind } from '../store/auth-types.js'
import type { Store } from '../store/store.js'
import { findCable } from '../archive/find-cable.js'
import { actor, type ServiceContext } from './context.js'
import { chargeReads } from './read-guard.js'
import { recordDenial } from './reader-access.js'

/**
 * What a network interface reports after each archive read of a directory user: cables withheld (audited as
 * denials, counted, never named to the reader) and cables read or exported (counted by the bulk-read
 * guard, which refuses past its limit).
 */
export interface ArchiveReadLog {
  searched(userName: string, query: QueryNode | null, visible: number): Promise<void>
  /** `id` as the reader gave it (canonical or raw id, or key). */
  missing(userName: string, action: string, id: string): Promise<void>
  charge(userName: string, kind: ReadKind, n: number): Promise<void>
}

/**
 * The read log of the directory in `ctx` over the archive `archive` (the same database).
 *
 * @example
 *   const log = archiveReadLog(ctx, archive)
 *   await log.charge('dora', 'export', 12000) // RATE_LIMITED past the limit
 */
export function archiveReadLog(ctx: ServiceContext, archive: Store): ArchiveReadLog {
  return {
    searched: async (userName, query, visible) => {
      const all = await archive.count(query)
      if (all > visible) await recordDenial(ctx, userName, null, 'search', `${all - visible} matching cables withheld`)
    },
    missing: async (userName, action, id) => {
      const hidden = await findCable(archive, id)
      if (hidden) await recordDenial(ctx, userName, hidden.key, action)
    },
    charge: async (userName, kind, n) => chargeReads(ctx, await actor(ctx, userName), kind, n),
  }
}
