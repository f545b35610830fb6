import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../src/messaging/index.js'
import { setPassword } from '../../src/messaging/logins.js'
import { openMessaging } from '../../src/messaging/messaging-service.js'
import { addUsers, ENGINES, freshContext, STATE_TEAM } from '../messaging/fixtures.js'
import { requireBuild } from '../support/built.js'
import { Client, PASSWORD } from './operator-server.js'
import { startServe } from './serve-child.js'

// Two `cable serve` processes on one database, as a team runs them behind a load balancer: drafts are
// released through both at once, and both run a delivery worker. Every MRN is issued once, in sequence;
// every cable reaches its post exactly once; the audit chain stays whole.

const DRAFTS_PER_SERVER = 4

function telegram(n: number): string {
  return `FM SECSTATE WASHDC
TO AMEMBASSY DUSHANBE PRIORITY

UNCLASSIFIED STATE 000000

E.O. 13526: N/A
TAGS: PREL, TI
SUBJECT: TWO SERVERS TEST NUMBER ${n}

1. (U) Release number ${n} of the two-server test.

CLINTON
`
}

/** A client of a real server process, keeping its cookie and CSRF token. */
async function login(url: string, user: string): Promise<Client> {
  const client = new Client({ request: (path: string, init?: RequestInit) => fetch(url + path, init) } as unknown as ConstructorParameters<typeof Client>[0])
  const session = await client.json(client.post('/api/session', { user, password: PASSWORD }))
  client.csrf = session.csrf
  return client
}

describe.each(ENGINES)('two cable serve processes on one %s database', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  const servers: Awaited<ReturnType<typeof startServe>>[] = []

  beforeAll(async () => {
    requireBuild()
    env = await freshContext({}, engine)
    await addUsers(env.ctx, [...STATE_TEAM, { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SBU' }])
    for (const u of ['dana', 'carl', 'abe', 'dora']) await setPassword(env.ctx, u, u, PASSWORD)
    await env.ctx.store.close()
    servers.push(await startServe(['--db', env.path]), await startServe(['--db', env.path]))
  }, 120_000)

  afterAll(async () => {
    for (const s of servers) {
      s.child.kill('SIGTERM')
      await s.exited
    }
    await env.cleanup()
  })

  it('should issue every MRN once, deliver every cable once, and keep the audit chain whole', async () => {
    const [a, b] = servers
    // each server drafts, clears and approves its own drafts, then all are released at the same moment
    const prepared = await Promise.all(
      [a, b].map(async (s, side) => {
        const [dana, carl, abe] = await Promise.all(['dana', 'carl', 'abe'].map((u) => login(s.url, u)))
        const ids: number[] = []
        for (let i = 0; i < DRAFTS_PER_SERVER; i++) {
          const created = await dana.json(dana.post('/api/drafts', { telegram: telegram(side * DRAFTS_PER_SERVER + i + 1), clearers: ['carl'] }), 201)
          expect(created.preview.errors).toEqual([])
          await carl.json(carl.post(`/api/drafts/${created.draft.id}/clear`))
          await abe.json(abe.post(`/api/drafts/${created.draft.id}/approve`))
          ids.push(created.draft.id)
        }
        return { abe, ids }
      }),
    )
    const released = await Promise.all(prepared.flatMap(({ abe, ids }) => ids.map((id) => abe.json(abe.post(`/api/drafts/${id}/release`)))))
    const cableIds = released.map((r: { cableId: string }) => r.cableId)
    const yy = String(new Date().getUTCFullYear()).slice(2)
    expect([...cableIds].sort((x, y) => Number(x.slice(7)) - Number(y.slice(7)))).toEqual(Array.from({ length: 2 * DRAFTS_PER_SERVER }, (_, i) => `${yy}STATE${i + 1}`))

    // both delivery workers drain the one queue: dora's inbox, read through either server, holds each cable once
    for (const s of [a, b]) {
      const dora = await login(s.url, 'dora')
      let inbox: { cableId: string }[] = []
      for (let i = 0; i < 200 && inbox.length < cableIds.length; i++) {
        inbox = await dora.json(dora.get('/api/inbox'))
        if (inbox.length < cableIds.length) await new Promise((r) => setTimeout(r, 100))
      }
      expect(inbox.map((x) => x.cableId).sort()).toEqual([...cableIds].sort())
    }

    const ctx = await openMessaging(env.path)
    try {
      const deliveries = await ctx.store.delivery.inbox('AMEMBASSY DUSHANBE')
      expect(deliveries.map((d) => d.cableId).sort()).toEqual([...cableIds].sort())
      const audit = await verifyAudit(ctx, 'root')
      expect(audit.broken).toBeNull()
    } finally {
      await ctx.store.close()
    }
  }, 180_000)
})
