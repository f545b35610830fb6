import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveDraft, clearDraft, createDraft, draftFromObject, putCollective, releaseDraft, workerPass } from '../../src/messaging/index.js'
import { addUsers, freshContext, manualClock, STATE_TEAM, ENGINES, withArrivalAtFirstCheck } from './fixtures.js'

const notice = (n: number, precedence: string, to: string[]) => ({
  precedence,
  to,
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['AMGT'],
  subject: { marking: 'U', text: `${precedence} NOTICE ${n}` },
  body: [
    { marking: 'U', text: `Notice ${n}.` },
    { marking: 'U', text: 'No action required.' },
  ],
  signature: ['POMPEO'],
  clearers: ['carl'],
})

describe.each(ENGINES)('precedence: FLASH under a 10,000 ROUTINE backlog (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  const clock = manualClock('2026-06-01T12:00:00Z')
  const release = async (fields: object) => {
    const { ctx } = env
    const { draft } = await createDraft(ctx, 'dana', draftFromObject(fields))
    await clearDraft(ctx, 'carl', draft.id)
    await approveDraft(ctx, 'abe', draft.id)
    return await releaseDraft(ctx, 'abe', draft.id)
  }

  beforeAll(async () => {
    env = await freshContext({ now: clock.now }, engine)
    await addUsers(env.ctx, STATE_TEAM)
    const posts = (await env.ctx.store.directory.posts()).slice(0, 200).map((p) => p.plad)
    await putCollective(env.ctx, 'root', 'BACKLOG COLLECTIVE', null, posts)
    for (let i = 0; i < 50; i++) {
      await release(notice(i, 'ROUTINE', ['BACKLOG COLLECTIVE']))
      clock.advance(1000)
    }
  }, 240_000)
  afterAll(() => env.cleanup())

  it('should deliver a FLASH cable before any ROUTINE delivery still waiting', async () => {
    const { ctx } = env
    expect(await ctx.store.delivery.pendingCount()).toBe(10_000)
    // the worker is busy with the backlog when the FLASH arrives
    for (let i = 0; i < 3; i++) await workerPass(ctx, { owner: 'w', batchSize: 25 })
    const before = await ctx.store.delivery.pendingCount()
    expect(before).toBe(10_000 - 75)
    clock.advance(1000)
    const flash = await release(notice(99, 'FLASH', ['AMEMBASSY DUSHANBE', 'AMEMBASSY ISLAMABAD']))
    const pass = await workerPass(ctx, { owner: 'w', batchSize: 25 })
    expect(pass.delivered).toBe(25)
    // the audit log is appended in delivery order: this pass delivered both FLASH items first
    const order = (await ctx.store.audit.query({ action: 'deliver' })).slice(-25)
    expect(order.slice(0, 2).map((e) => e.cableId)).toEqual([flash.cableId, flash.cableId])
    expect(order.slice(2).every((e) => e.detail.includes('ROUTINE'))).toBe(true)
    expect((await ctx.store.delivery.deliveriesOf(flash.cableId)).every((d) => d.deliveredAt !== null)).toBe(true)
    expect(await ctx.store.delivery.pendingCount()).toBe(before - 23)
  })

  it('should order the queue FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE, then oldest first', async () => {
    const { ctx } = env
    for (const p of ['PRIORITY', 'IMMEDIATE', 'NIACT IMMEDIATE', 'FLASH', 'PRIORITY']) {
      clock.advance(1000)
      await release({ ...notice(7, p, ['AMEMBASSY DUSHANBE']), ...(p === 'NIACT IMMEDIATE' ? { body: [{ marking: 'U', text: 'NIACT justified: the ministry meets at dawn.' }, { marking: 'U', text: 'Reply at once.' }] } : {}) })
    }
    const claimed = await ctx.store.transaction((tx) => tx.delivery.claim('peek', clock.now().getTime(), 1000, 7))
    expect(claimed.map((c) => c.precedence)).toEqual(['FLASH', 'NIACT IMMEDIATE', 'IMMEDIATE', 'PRIORITY', 'PRIORITY', 'ROUTINE', 'ROUTINE'])
    const priorities = claimed.filter((c) => c.precedence === 'PRIORITY')
    expect(priorities[0].queuedAt).toBeLessThan(priorities[1].queuedAt)
  })
})

describe.each(ENGINES)('preemption: a FLASH arriving in the middle of a ROUTINE batch (%s)', (engine) => {
  it('should hand the rest of the batch back so the next pass takes the FLASH first', async () => {
    const clock = manualClock('2026-06-02T12:00:00Z')
    const env = await freshContext({ now: clock.now }, engine)
    try {
      await addUsers(env.ctx, STATE_TEAM)
      const { ctx } = env
      const { draft } = await createDraft(ctx, 'dana', draftFromObject(notice(1, 'ROUTINE', ['EUROPEAN POLITICAL COLLECTIVE'])))
      await clearDraft(ctx, 'carl', draft.id)
      await approveDraft(ctx, 'abe', draft.id)
      const routine = await releaseDraft(ctx, 'abe', draft.id)
      // another releaser queues a FLASH just after the worker delivered its first item, before it checks the queue
      const interposed = withArrivalAtFirstCheck(ctx.store, () => ({ cableId: routine.cableId, post: 'SECSTATE WASHDC', role: 'action', precedence: 'FLASH', rank: 1, queuedAt: clock.now().getTime() }))
      const first = await workerPass({ ...ctx, store: interposed }, { owner: 'w', batchSize: 25 })
      expect(first.preempted).toBe(true)
      // the worker delivered one ROUTINE item, saw the FLASH, handed back its batch and delivered the FLASH next
      const order = await ctx.store.audit.query({ action: 'deliver' })
      expect(order[0].detail).toContain('ROUTINE')
      expect(order[1].detail).toContain('FLASH')
      expect(order.slice(2).every((e) => e.detail.includes('ROUTINE'))).toBe(true)
      // nothing was lost or doubled by the hand-back: every item of the collective plus the FLASH, once
      await workerPass(ctx, { owner: 'w', batchSize: 100 })
      expect(await ctx.store.delivery.pendingCount()).toBe(0)
      expect(await ctx.store.delivery.inboxCount()).toBe(routine.deliveries.length + 1)
    } finally {
      await env.cleanup()
    }
  })
})
