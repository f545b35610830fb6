import type { ReadKind } from '../store/auth-types.js'
import { audit, type ServiceContext } from './context.js'
import { RateLimitError } from './service-error.js'
import type { User } from './types.js'

/**
 * The bulk-read guard: how many cables one user may read (one at a time) and export (whole result sets)
 * per time window. Cablegate leaked from a system that "lacked features to detect the unauthorized
 * downloading of massive amounts of data": here crossing a limit is an audited alert, and the user is
 * refused until the window passes.
 */
export interface ReadLimits {
  /** Cables one user may open per window. */
  reads: number
  /** Cables one user may export per window. */
  exports: number
  windowMs: number
}

export const DEFAULT_READ_LIMITS: ReadLimits = { reads: 2000, exports: 100_000, windowMs: 60 * 60 * 1000 }

/** Audit action of a limit crossing; `cable audit --alerts` lists these. */
export const ALERT_ACTION = 'bulk-read-alert'

/**
 * Counts `n` cables read or exported by `user` in the current window. Past the limit, refuses with
 * RATE_LIMITED (and the seconds until the window ends); the request that crosses the limit is audited as
 * an alert, once per window and kind.
 *
 * @example
 *   await chargeReads(ctx, user, 'export', result.total) // before the first row is sent
 */
export async function chargeReads(ctx: ServiceContext, user: User, kind: ReadKind, n: number, limits: ReadLimits = ctx.readLimits ?? DEFAULT_READ_LIMITS): Promise<void> {
  const limit = kind === 'read' ? limits.reads : limits.exports
  const now = ctx.now().getTime()
  const windowStart = now - (now % limits.windowMs)
  const after = await ctx.store.auth.addReads(user.name, kind, windowStart, n)
  if (after <= limit) return
  const before = after - n
  const retryAfter = Math.max(1, Math.ceil((windowStart + limits.windowMs - now) / 1000))
  const verb = kind === 'read' ? 'read' : 'exported'
  if (before <= limit) {
    await audit(ctx, {
      actor: user.name,
      action: ALERT_ACTION,
      outcome: 'refused',
      post: user.post,
      detail: `${kind}: ${after} cables ${verb} in ${Math.round(limits.windowMs / 60000)} min (limit ${limit})`,
    })
  }
  throw new RateLimitError(`${user.name} has ${verb} more than ${limit} cables in this window; try again in ${retryAfter} s`, retryAfter)
}
