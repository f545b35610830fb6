import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveDraft, clearDraft, createDraft, draftFromObject, putCollective, releaseDraft, runWorker } from '../../src/messaging/index.js'
import { openMessaging } from '../../src/messaging/messaging-service.js'
import { addUsers, freshContext, STATE_TEAM, ENGINES, rawSql } from './fixtures.js'

const reopen = (path: string) => openMessaging(path)
import { bundleDriver, finished, spawnDriver } from './spawn-driver.js'

const fields = (n: number, to: string[]) => ({
  precedence: 'ROUTINE',
  to,
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['AMGT'],
  subject: { marking: 'U', text: `ROUTINE ADMINISTRATIVE NOTICE ${n}` },
  body: [
    { marking: 'U', text: `Notice ${n} for all addressees.` },
    { marking: 'U', text: 'No action required.' },
  ],
  signature: ['POMPEO'],
  clearers: ['carl'],
})

let driver: string
beforeAll(async () => {
  driver = await bundleDriver()
}, 60_000)
afterAll(() => rmSync(driver, { force: true }))

describe.each(ENGINES)('concurrency: 8 processes releasing from one post (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  afterAll(() => env?.cleanup())

  it('should give gap-free, unique MRNs', async () => {
    env = await freshContext({}, engine)
    const { ctx } = env
    await addUsers(ctx, STATE_TEAM)
    const perProcess = 6
    const ids: number[] = []
    for (let i = 0; i < 8 * perProcess; i++) {
      const { draft } = await createDraft(ctx, 'dana', draftFromObject(fields(i, ['AMEMBASSY DUSHANBE'])))
      await clearDraft(ctx, 'carl', draft.id)
      await approveDraft(ctx, 'abe', draft.id)
      ids.push(draft.id)
    }
    await ctx.store.close()
    // interleave the drafts so every process races the others from the start
    const children = Array.from({ length: 8 }, (_, p) =>
      finished(spawnDriver(driver, ['release', env.path, 'abe', ...ids.filter((_, i) => i % 8 === p).map(String)])),
    )
    // a worker delivers while they release, competing for the same write lock
    const worker = finished(spawnDriver(driver, ['worker', env.path, 'busy', '10', '30000']))
    const results = await Promise.all(children)
    expect((await worker).code).toBe(0)
    for (const r of results) expect(r.code, r.stderr).toBe(0)
    const released = results.flatMap((r) => r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { draft: number; mrn: string }))
    expect(released).toHaveLength(48)
    const serials = released.map((r) => Number(r.mrn.split(' ')[1])).sort((a, b) => a - b)
    expect(serials).toEqual(Array.from({ length: 48 }, (_, i) => i + 1))
    const db = await rawSql(env)
    expect(await db.count("SELECT last_serial AS n FROM msg_mrn_counter WHERE origin = 'STATE'")).toBe(48)
    expect(await db.count('SELECT count(*) AS n FROM cables')).toBe(48)
    await db.close()
    const reopened = await reopen(env.path)
    await runWorker(reopened, { owner: 'drain', untilEmpty: true })
    expect(await reopened.store.delivery.inboxCount()).toBe(48)
    expect(await reopened.store.audit.query({ action: 'deliver' })).toHaveLength(48)
    await reopened.store.close()
  }, 240_000)
})

describe.each(ENGINES)('crash: a worker killed with SIGKILL mid-batch (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  afterAll(() => env?.cleanup())

  it('should lose nothing and deliver nothing twice after restart', async () => {
    env = await freshContext({}, engine)
    const { ctx } = env
    await addUsers(ctx, STATE_TEAM)
    const posts = (await ctx.store.directory.posts()).slice(0, 200).map((p) => p.plad)
    await putCollective(ctx, 'root', 'CRASH TEST COLLECTIVE', null, posts)
    for (let i = 0; i < 25; i++) {
      const { draft } = await createDraft(ctx, 'dana', draftFromObject(fields(i, ['CRASH TEST COLLECTIVE'])))
      await clearDraft(ctx, 'carl', draft.id)
      await approveDraft(ctx, 'abe', draft.id)
      await releaseDraft(ctx, 'abe', draft.id)
    }
    const total = await ctx.store.delivery.pendingCount()
    expect(total).toBe(25 * 200)

    const LEASE_MS = 2000
    const child = spawnDriver(driver, ['worker', env.path, 'doomed', '1000', String(LEASE_MS)])
    const ended = finished(child)
    const probe = await rawSql(env)
    const delivered = () => probe.count('SELECT count(*) AS n FROM msg_inbox')
    const inFlight = () => probe.count("SELECT count(*) AS n FROM msg_delivery WHERE lease_owner = 'doomed' AND delivered_at IS NULL AND lease_until IS NOT NULL")
    let seen = 0
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      seen = await delivered()
      if (seen >= 50) break
      await new Promise((r) => setTimeout(r, 2))
    }
    child.kill('SIGKILL')
    const exit = await ended
    expect(exit.signal).toBe('SIGKILL')
    const atKill = { delivered: await delivered(), leased: await inFlight() }
    await probe.close()
    expect(atKill.delivered).toBeGreaterThan(0)
    expect(atKill.delivered).toBeLessThan(total)
    // the dead worker held claimed, unacknowledged items: this is the mid-batch state the restart must repair
    expect(atKill.leased).toBeGreaterThan(0)

    // restart a worker process once the dead worker's lease has run out: it retries the leased items
    await new Promise((r) => setTimeout(r, LEASE_MS + 200))
    const restarted = await finished(spawnDriver(driver, ['worker', env.path, 'restarted', '500', '30000']))
    expect(restarted.code, restarted.stderr).toBe(0)
    // nothing left for a third worker
    const again = await runWorker(ctx, { owner: 'third', batchSize: 500, untilEmpty: true })
    expect(again.delivered).toBe(0)

    const db = await rawSql(env)
    const one = (sql: string) => db.count(sql)
    expect(await one('SELECT count(*) AS n FROM msg_delivery WHERE delivered_at IS NULL')).toBe(0)
    expect(await one('SELECT count(*) AS n FROM msg_inbox')).toBe(total)
    expect(await one('SELECT count(DISTINCT post || cable_id) AS n FROM msg_inbox')).toBe(total)
    // exactly one 'deliver' audit entry per delivery, whichever worker made it
    expect(await one("SELECT count(*) AS n FROM msg_audit WHERE action = 'deliver'")).toBe(total)
    expect(await one("SELECT count(DISTINCT detail) AS n FROM msg_audit WHERE action = 'deliver'")).toBe(total)
    expect(await one("SELECT count(*) AS n FROM msg_audit WHERE action = 'deliver' AND actor = 'worker:restarted'")).toBe(total - atKill.delivered)
    await db.close()
  }, 240_000)
})
