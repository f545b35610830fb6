import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { streamSSE } from 'hono/streaming'
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../session-cookie.js'
import { inboxVersion } from '../../messaging/inbox-watch.js'
import { inbox } from '../../messaging/reading.js'
import type { HttpEnv } from '../env.js'
import { problems } from '../schemas.js'
import { messagingOf, type MessagingDeps } from './messaging-deps.js'

/** Longest wait between two looks at the inbox: deliveries made by other processes are seen this late at most. */
const POLL_MS = 1000
/** A comment line this often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000

const events = createRoute({
  method: 'get',
  path: '/api/events',
  tags: ['inbox'],
  summary: 'Inbox changes as Server-Sent Events',
  description:
    'An `inbox` event with the whole inbox (as GET /api/inbox) when the stream opens and whenever it changes: a delivery, an acknowledgement. Only cables the principal may read are ever in an event.',
  responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...problems(401) },
})

/**
 * Pushes the principal's inbox whenever it changes. The inbox is read through the messaging service, as
 * GET /api/inbox is, so an event holds exactly what the principal may see; a change invisible to them
 * (a cable above their clearance) sends nothing.
 */
export function registerEventRoutes(app: OpenAPIHono<HttpEnv>, deps: MessagingDeps): void {
  app.openapi(events, async (c) => {
    const ctx = messagingOf(deps)
    const user = c.get('principal').user ?? undefined
    // the stream outlives the request's authentication: its credentials are checked again at every look
    const credentials = {
      bearer: c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1],
      session: getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE),
    }
    // refuse before the stream starts, so a bad principal gets a problem, not an empty stream
    let version = await inboxVersion(ctx, user)
    const first = await inbox(ctx, user)
    return streamSSE(c, async (stream) => {
      const closed = new AbortController()
      stream.onAbort(() => closed.abort())
      const stop = () => closed.abort()
      deps.messaging.closing.addEventListener('abort', stop, { once: true })
      let last = ''
      let id = 0
      let quietSince = Date.now()
      try {
        let items = first
        while (!closed.signal.aborted) {
          const body = JSON.stringify(items)
          if (body !== last) {
            await stream.writeSSE({ event: 'inbox', data: body, id: String(++id) })
            last = body
            quietSince = Date.now()
          } else if (Date.now() - quietSince >= KEEPALIVE_MS) {
            await stream.write(': keep-alive\n\n')
            quietSince = Date.now()
          }
          await deps.messaging.inboxChanged.wait(POLL_MS, closed.signal)
          if (closed.signal.aborted) break
          if (deps.auth && !(await deps.auth.authenticate(credentials))) break
          // read the inbox again (filtered by clearance, denials audited) only when deliveries changed
          const now = await inboxVersion(ctx, user)
          if (now === version) continue
          version = now
          items = await inbox(ctx, user)
        }
      } catch (error) {
        // the user was deactivated, or the database closed under a shutdown: end the stream
        if (!closed.signal.aborted) await stream.writeSSE({ event: 'end', data: JSON.stringify({ reason: error instanceof Error ? error.message : 'ended' }) })
      } finally {
        deps.messaging.closing.removeEventListener('abort', stop)
      }
    })
  })
}
