import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { approveDraft, clearDraft, createDraft, draftFromObject, putCollective, releaseDraft } from '../../src/messaging/index.js'
import { addUsers, ENGINES, freshContext, STATE_TEAM } from './fixtures.js'

const notice = (to: string[]) => ({
  precedence: 'ROUTINE',
  to,
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['AMGT'],
  subject: { marking: 'U', text: 'NOTIFY TEST NOTICE' },
  body: [{ marking: 'U', text: 'Notice.' }, { marking: 'U', text: 'No action required.' }],
  signature: ['POMPEO'],
  clearers: ['carl'],
})

// PostgreSQL only: the SQLite engine has no server to notify (its workers poll; see DeliveryStore.waitForWork)
describe.skipIf(!ENGINES.includes('postgres'))('delivery notifications on PostgreSQL', () => {
  it('should send ONE notification per committed release however many deliveries it queues, and wake a waiting worker', async () => {
    const env = await freshContext({}, 'postgres')
    const listener = new pg.Client({ connectionString: env.path })
    try {
      const { ctx } = env
      await addUsers(ctx, STATE_TEAM)
      const posts = (await ctx.store.directory.posts()).slice(0, 40).map((p) => p.plad)
      await putCollective(ctx, 'root', 'NOTIFY TEST COLLECTIVE', null, posts)
      const { draft } = await createDraft(ctx, 'dana', draftFromObject(notice(['NOTIFY TEST COLLECTIVE'])))
      await clearDraft(ctx, 'carl', draft.id)
      await approveDraft(ctx, 'abe', draft.id)

      const received: string[] = []
      await listener.connect()
      listener.on('notification', (n) => received.push(n.channel))
      await listener.query('LISTEN cablegram_delivery')
      // a worker with nothing to do waits up to 30 s; the release must end its wait
      const waitStart = Date.now()
      const waited = ctx.store.delivery.waitForWork(30_000).then(() => Date.now() - waitStart)
      await new Promise((r) => setTimeout(r, 500))
      const released = await releaseDraft(ctx, 'abe', draft.id)
      expect(released.deliveries).toHaveLength(40)
      expect(await waited).toBeLessThan(20_000)
      // give any further notification time to arrive: there must be none
      await new Promise((r) => setTimeout(r, 1000))
      expect(received).toEqual(['cablegram_delivery'])
      expect(await ctx.store.delivery.pendingCount()).toBe(40)
    } finally {
      await listener.end().catch(() => {})
      await env.cleanup()
    }
  })
})
