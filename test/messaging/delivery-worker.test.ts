import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { approveDraft, claimBatch, clearDraft, createDraft, deliverOne, draftFromObject, releaseDraft, runWorker, workerPass } from '../../src/messaging/index.js'
import type { PassResult } from '../../src/messaging/delivery-worker.js'
import type { MessagingStore } from '../../src/store/messaging-store.js'
import { addUsers, freshContext, manualClock, STATE_TEAM, withArrivalAtFirstCheck, type TestContext } from './fixtures.js'

/**
 * The delivery worker's bookkeeping (issue 15, mutation survivors): what a pass reports, the default batch
 * and lease, duplicates, and what `runWorker` adds up. Expected figures are counted from the queue the test
 * builds (the collective's deliveries), never read from the worker's constants.
 */

const notice = (n: number, precedence = 'ROUTINE') => ({
  precedence,
  to: ['EUROPEAN POLITICAL COLLECTIVE'],
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['AMGT'],
  subject: { marking: 'U', text: `WORKER NOTICE ${n}` },
  body: [
    { marking: 'U', text: `Notice ${n}.` },
    { marking: 'U', text: 'No action required.' },
  ],
  signature: ['POMPEO'],
  clearers: ['carl'],
})

type Delivery = MessagingStore['delivery']

/** `store` with its delivery part (in and out of transactions) replaced by `wrap(delivery)`. */
function withDelivery(store: MessagingStore, wrap: (d: Delivery) => Delivery): MessagingStore {
  return {
    engine: store.engine,
    directory: store.directory,
    workflow: store.workflow,
    delivery: wrap(store.delivery),
    subscriptions: store.subscriptions,
    audit: store.audit,
    auth: store.auth,
    transaction: (fn) => store.transaction((tx) => fn(withDelivery(tx, wrap))),
    close: () => store.close(),
  }
}

/** A delivery store whose method `name` is replaced by `fn`. */
const replacing = (name: keyof Delivery, fn: (target: Delivery) => unknown) => (d: Delivery): Delivery =>
  new Proxy(d, { get: (target, key) => (key === name ? fn(target) : Reflect.get(target, key)) })

describe('delivery worker bookkeeping (sqlite)', () => {
  let env: TestContext
  const clock = manualClock('2026-06-04T12:00:00Z')
  /** Releases `n` ROUTINE notices to the collective; returns how many deliveries they queued. */
  let cables: string[] = []
  const queue = async (n: number): Promise<number> => {
    let queued = 0
    for (let i = 0; i < n; i++) {
      const { draft } = await createDraft(env.ctx, 'dana', draftFromObject(notice(i)))
      await clearDraft(env.ctx, 'carl', draft.id)
      await approveDraft(env.ctx, 'abe', draft.id)
      const released = await releaseDraft(env.ctx, 'abe', draft.id)
      cables.push(released.cableId)
      queued += released.deliveries.length
      clock.advance(1000)
    }
    return queued
  }

  beforeEach(async () => {
    cables = []
    env = await freshContext({ now: clock.now })
    await addUsers(env.ctx, STATE_TEAM)
  })
  afterEach(() => env.cleanup())

  it('should claim 25 deliveries per pass when no batch size is given, and report them all delivered', async () => {
    const queued = await queue(3)
    expect(queued).toBeGreaterThan(25)
    const pass = await workerPass(env.ctx, { owner: 'w' })
    expect(pass).toEqual({ claimed: 25, delivered: 25, duplicates: 0, preempted: false })
    expect(await env.ctx.store.delivery.pendingCount()).toBe(queued - 25)
  })

  it('should lease a claim for 30 seconds by default: another worker gets the items only after that', async () => {
    const queued = await queue(1)
    const first = await claimBatch(env.ctx, 'a', queued)
    expect(first).toHaveLength(queued)
    clock.advance(29_000)
    expect(await claimBatch(env.ctx, 'b', queued)).toHaveLength(0)
    clock.advance(2_000)
    expect((await claimBatch(env.ctx, 'b', queued)).map((d) => d.id).sort()).toEqual(first.map((d) => d.id).sort())
  })

  it('should honour a lease length given to claimBatch', async () => {
    const queued = await queue(1)
    await claimBatch(env.ctx, 'a', queued, 5_000)
    clock.advance(6_000)
    expect(await claimBatch(env.ctx, 'b', queued)).toHaveLength(queued)
  })

  it('should deliver an item once: a second delivery of it is a duplicate, audited once', async () => {
    await queue(1)
    const [item] = await claimBatch(env.ctx, 'w', 1)
    expect(await deliverOne(env.ctx, item, 'w')).toBe(true)
    expect(await deliverOne(env.ctx, item, 'w')).toBe(false)
    const audited = (await env.ctx.store.audit.query({ action: 'deliver' })).filter((e) => e.detail.endsWith(` delivery ${item.id}`))
    expect(audited).toHaveLength(1)
    expect(audited[0].actor).toBe('worker:w')
    expect(audited[0].detail).toBe(`${item.role} ROUTINE delivery ${item.id}`)
  })

  it('should count a retried item already in the inbox as a duplicate, not a delivery', async () => {
    const queued = await queue(1)
    const claimed = await claimBatch(env.ctx, 'dead', queued, 1_000)
    // the dead worker inserted its first item into the inbox; its lease runs out before it acknowledged more
    expect(await deliverOne(env.ctx, claimed[0], 'dead')).toBe(true)
    clock.advance(2_000)
    // the retried claim hands the delivered item back once more, as a crash between inbox and ack would
    let handedBack = false
    const store = withDelivery(env.ctx.store, replacing('claim', (t) => async (...a: Parameters<Delivery['claim']>) => {
      const rows = await t.claim(...a)
      if (handedBack) return rows
      handedBack = true
      return [claimed[0], ...rows]
    }))
    const pass = await workerPass({ ...env.ctx, store }, { owner: 'w', batchSize: queued })
    expect(pass.duplicates).toBe(1)
    expect(pass.delivered).toBe(queued - 1)
    expect(pass.claimed).toBe(queued)
  })

  it('should count the pre-empting item and the re-claimed batch once each in a pass', async () => {
    const queued = await queue(1)
    const cableId = cables[0]
    const interposed = withArrivalAtFirstCheck(env.ctx.store, () => ({ cableId, post: 'SECSTATE WASHDC', role: 'action', precedence: 'FLASH', rank: 1, queuedAt: clock.now().getTime() }))
    const pass = await workerPass({ ...env.ctx, store: interposed }, { owner: 'w', batchSize: 100 })
    // the first batch held every queued item; after one delivery the rest went back and came again with the FLASH
    expect(pass).toEqual({ claimed: queued + 1, delivered: queued + 1, duplicates: 0, preempted: true })
  })

  it('should run passes until the queue is empty and add up what they did', async () => {
    const queued = await queue(2)
    const seen: PassResult[] = []
    const total = await runWorker(env.ctx, { owner: 'w', batchSize: 10, untilEmpty: true, onPass: (r) => seen.push(r) })
    const full = Math.ceil(queued / 10)
    // one pass per batch of ten, then one that finds nothing and stops
    expect(total).toEqual({ delivered: queued, duplicates: 0, passes: full + 1 })
    expect(seen).toHaveLength(full + 1)
    expect(seen.map((r) => r.delivered).reduce((a, b) => a + b, 0)).toBe(queued)
    expect(seen.at(-1)).toEqual({ claimed: 0, delivered: 0, duplicates: 0, preempted: false })
    // a batch that holds the rest of the queue has nothing more urgent behind it: no pass pre-empted itself
    expect(seen.every((r) => !r.preempted)).toBe(true)
    expect(await env.ctx.store.delivery.pendingCount()).toBe(0)
  })

  it('should add up duplicates over the passes of runWorker', async () => {
    const queued = await queue(1)
    const claimed = await claimBatch(env.ctx, 'dead', 1, 1_000)
    expect(await deliverOne(env.ctx, claimed[0], 'dead')).toBe(true)
    let handedBack = false
    const store = withDelivery(env.ctx.store, replacing('claim', (t) => async (...a: Parameters<Delivery['claim']>) => {
      const rows = await t.claim(...a)
      if (handedBack) return rows
      handedBack = true
      return [claimed[0], ...rows]
    }))
    const total = await runWorker({ ...env.ctx, store }, { owner: 'w', batchSize: 5, untilEmpty: true })
    expect(total.duplicates).toBe(1)
    expect(total.delivered).toBe(queued - 1)
  })

  it('should lease what a worker claims for the lease length it was given, 30 seconds without one', async () => {
    // the worker dies after its first delivery: the rest of its batch stays leased to it until the lease runs out
    const dying = () => {
      let delivered = 0
      return withDelivery(env.ctx.store, replacing('deliver', (t) => async (...a: Parameters<Delivery['deliver']>) => {
        if (++delivered > 1) throw new Error('worker killed')
        return t.deliver(...a)
      }))
    }
    const queued = await queue(1)
    await expect(workerPass({ ...env.ctx, store: dying() }, { owner: 'short', batchSize: queued, leaseMs: 5_000 })).rejects.toThrow('worker killed')
    clock.advance(4_000)
    expect(await claimBatch(env.ctx, 'b', queued, 1)).toHaveLength(0)
    clock.advance(2_000)
    expect(await claimBatch(env.ctx, 'b', queued, 1)).toHaveLength(queued - 1)
    clock.advance(10)
    await expect(workerPass({ ...env.ctx, store: dying() }, { owner: 'default', batchSize: queued })).rejects.toThrow('worker killed')
    clock.advance(29_000)
    expect(await claimBatch(env.ctx, 'c', queued, 1)).toHaveLength(0)
    clock.advance(2_000)
    expect(await claimBatch(env.ctx, 'c', queued, 1)).toHaveLength(queued - 2)
  })

  it('should wait 50 ms by default when the queue holds only items leased elsewhere, and stop on abort', async () => {
    const queued = await queue(1)
    await claimBatch(env.ctx, 'other', queued)
    const waits: number[] = []
    const abort = new AbortController()
    const store = withDelivery(env.ctx.store, replacing('waitForWork', () => async (ms: number) => {
      waits.push(ms)
      if (waits.length === 2) abort.abort()
    }))
    const total = await runWorker({ ...env.ctx, store }, { owner: 'w', untilEmpty: true, signal: abort.signal })
    // nothing claimable but work pending: the worker neither stops nor delivers, it waits and tries again
    expect(waits).toEqual([50, 50])
    expect(total).toEqual({ delivered: 0, duplicates: 0, passes: 2 })
    const waitsGiven: number[] = []
    const given = new AbortController()
    const idle = withDelivery(env.ctx.store, replacing('waitForWork', () => async (ms: number) => {
      waitsGiven.push(ms)
      given.abort()
    }))
    await runWorker({ ...env.ctx, store: idle }, { owner: 'w', idleMs: 7, signal: given.signal })
    expect(waitsGiven).toEqual([7])
  })

  it('should do nothing when the signal is already aborted', async () => {
    await queue(1)
    const abort = new AbortController()
    abort.abort()
    expect(await runWorker(env.ctx, { owner: 'w', signal: abort.signal })).toEqual({ delivered: 0, duplicates: 0, passes: 0 })
  })
})
