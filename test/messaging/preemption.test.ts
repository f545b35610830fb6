import { describe, expect, it } from 'vitest'
import { approveDraft, clearDraft, createDraft, draftFromObject, releaseDraft, workerPass } from '../../src/messaging/index.js'
import { addUsers, freshContext, manualClock, STATE_TEAM, ENGINES, withArrivalAtFirstCheck, type Engine } from './fixtures.js'

/**
 * Pre-emption at every gap, one rank included (issue 15: a worker that pre-empted only for a gap of two ranks
 * or more passed every test, which tried FLASH over ROUTINE alone). A batch of one precedence is being
 * delivered when an item of another arrives; the worker must hand the batch back exactly when the newcomer
 * is more urgent. Ranks are written out (FLASH 1 … ROUTINE 5, spec §8), not read from the code under test.
 */

const notice = (precedence: string) => ({
  precedence,
  to: ['EUROPEAN POLITICAL COLLECTIVE'],
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['AMGT'],
  subject: { marking: 'U', text: `${precedence} NOTICE` },
  body: [
    { marking: 'U', text: 'Notice.' },
    { marking: 'U', text: 'No action required.' },
  ],
  signature: ['POMPEO'],
  clearers: ['carl'],
})

const RANK: Record<string, number> = { FLASH: 1, 'NIACT IMMEDIATE': 2, IMMEDIATE: 3, PRIORITY: 4, ROUTINE: 5 }

/** Delivers a batch of `batch` precedence while one `arrival` item is queued after the first delivery. */
async function race(batch: string, arrival: string, engine: Engine) {
  const clock = manualClock('2026-06-03T12:00:00Z')
  const env = await freshContext({ now: clock.now }, engine)
  try {
    await addUsers(env.ctx, STATE_TEAM)
    const { ctx } = env
    const { draft } = await createDraft(ctx, 'dana', draftFromObject(notice(batch)))
    await clearDraft(ctx, 'carl', draft.id)
    await approveDraft(ctx, 'abe', draft.id)
    const released = await releaseDraft(ctx, 'abe', draft.id)
    const interposed = withArrivalAtFirstCheck(ctx.store, () => ({ cableId: released.cableId, post: 'SECSTATE WASHDC', role: 'action', precedence: arrival, rank: RANK[arrival], queuedAt: clock.now().getTime() }))
    const pass = await workerPass({ ...ctx, store: interposed }, { owner: 'w', batchSize: 50 })
    const order = (await ctx.store.audit.query({ action: 'deliver' })).map((e) => e.detail.split(' ')[1] === 'NIACT' ? 'NIACT IMMEDIATE' : e.detail.split(' ')[1])
    return { pass, order, batchSize: released.deliveries.length }
  } finally {
    await env.cleanup()
  }
}

describe.each(ENGINES)('pre-emption by one precedence rank (%s)', (engine) => {
  const wins: [string, string][] = [
    ['ROUTINE', 'PRIORITY'],
    ['PRIORITY', 'IMMEDIATE'],
    ['IMMEDIATE', 'NIACT IMMEDIATE'],
  ]
  for (const [batch, arrival] of wins) {
    it(`should deliver ${arrival} arriving during a ${batch} batch right after the item in hand`, async () => {
      const { pass, order, batchSize } = await race(batch, arrival, engine)
      expect(batchSize).toBeGreaterThan(3)
      expect(pass.preempted).toBe(true)
      expect(order[0]).toBe(batch)
      expect(order[1]).toBe(arrival)
      expect(order.slice(2).every((p) => p === batch)).toBe(true)
    })
  }

  const waits: [string, string][] = [
    ['PRIORITY', 'PRIORITY'],
    ['IMMEDIATE', 'ROUTINE'],
    ['PRIORITY', 'ROUTINE'],
  ]
  for (const [batch, arrival] of waits) {
    it(`should finish a ${batch} batch before ${arrival} arriving during it`, async () => {
      const { pass, order, batchSize } = await race(batch, arrival, engine)
      expect(pass.preempted).toBe(false)
      expect(order).toHaveLength(batchSize)
      expect(order.every((p) => p === batch)).toBe(true)
    })
  }
})
