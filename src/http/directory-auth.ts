import type { ServiceContext } from '../messaging/context.js'
import { sessionUser, tokenUser } from '../messaging/logins.js'
import { userAccess } from '../messaging/reader-access.js'
import type { User } from '../messaging/types.js'
import type { ArchiveReadLog } from '../messaging/archive-reads.js'
import type { Principal } from './env.js'
import { HttpProblem } from './problem.js'
import type { ArchiveReads, Authenticator } from './server-deps.js'

// the one access rule of an operator database, need to know included (src/messaging/reader-access.ts):
// every archive route reads with it, exactly as the CLI does
const principalOf = (user: User, via: 'session' | 'token', csrf?: string): Principal => ({ user: user.name, access: userAccess(user), via, ...(csrf ? { csrf } : {}) })

/**
 * Finds the directory user of a request: an API token (`Authorization: Bearer`) or a session cookie, each
 * checked by `src/messaging/logins.ts`. A credential that is sent but no longer valid is refused, never
 * ignored, so a client learns its session ended.
 */
export function directoryAuthenticator(ctx: ServiceContext): Authenticator {
  return {
    authenticate: async ({ bearer, session }) => {
      if (bearer) {
        const user = await tokenUser(ctx, bearer)
        if (!user) throw new HttpProblem('UNAUTHENTICATED', 'the API token is unknown, expired or revoked')
        return principalOf(user, 'token')
      }
      if (session) {
        const s = await sessionUser(ctx, session)
        if (!s) throw new HttpProblem('UNAUTHENTICATED', 'the session has expired or ended: log in again (POST /api/session)')
        return principalOf(s.user, 'session', s.csrf)
      }
      return null
    },
  }
}

/** Archive reads of directory users: denials audited, reads and exports counted by the bulk-read guard. */
export function directoryReads(log: ArchiveReadLog): ArchiveReads {
  const name = (p: Principal): string => {
    if (!p.user) throw new HttpProblem('UNAUTHENTICATED', 'no user')
    return p.user
  }
  return {
    searched: (p, query, visible) => log.searched(name(p), query, visible),
    missing: (p, action, id) => log.missing(name(p), action, id),
    charge: (p, kind, n) => log.charge(name(p), kind, n),
  }
}
