import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { actor } from '../../messaging/context.js'
import type { ServiceContext } from '../../messaging/context.js'
import type { LoginPolicy } from '../../messaging/logins.js'
import type { User } from '../../messaging/types.js'
import type { HttpEnv } from '../env.js'
import { HttpProblem } from '../problem.js'
import type { ServerDeps } from '../server-deps.js'

/** What the login and messaging routes need beyond the archive: the messaging service and its events. */
export interface MessagingServer {
  ctx: ServiceContext
  loginPolicy: LoginPolicy
  /** Set the session cookie `Secure` (and `__Host-`): the server is reached over HTTPS. */
  secureCookies: boolean
  /** Tells event streams that inboxes may have changed (a delivery, an acknowledgement). */
  inboxChanged: InboxSignal
  /** Aborts when the server shuts down: event streams end so in-flight requests can finish. */
  closing: AbortSignal
}

/** A wake-up for event streams: `notify` after a change, `wait` resolves at the next one or after `ms`. */
export class InboxSignal {
  private waiters = new Set<() => void>()

  notify(): void {
    const waiting = this.waiters
    this.waiters = new Set()
    for (const w of waiting) w()
  }

  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(done)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.waiters.add(done)
      signal?.addEventListener('abort', done, { once: true })
    })
  }
}

export type MessagingDeps = ServerDeps & { messaging: MessagingServer }

/** The messaging service; only registered when the server has one. */
export function messagingOf(deps: ServerDeps): ServiceContext {
  if (!deps.messaging) throw new HttpProblem('NOT_FOUND', 'this server has no messaging')
  return deps.messaging.ctx
}

/** The acting directory user (refused when deactivated since the session began). */
export async function userOf(deps: ServerDeps, c: Context<HttpEnv>): Promise<User> {
  return actor(messagingOf(deps), c.get('principal').user ?? undefined)
}

/** The client's address, for login limits and the audit log. */
export function clientAddress(c: Context<HttpEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket
    return 'local'
  }
}
