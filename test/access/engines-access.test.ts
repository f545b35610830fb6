import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { approveDraft, clearDraft, createDraft, draftFromObject, readCable, releaseDraft, runWorker, verifyAudit, inbox } from '../../src/messaging/index.js'
import { userAccess } from '../../src/messaging/reader-access.js'
import { addUsers, ENGINES, freshContext, rawSql, STATE_TEAM } from '../messaging/fixtures.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { archiveAccessOf } from '../../src/messaging/reader-access.js'
import { openStore } from '../../src/store/open-store.js'

// The one access rule and the audit hash chain on every engine (SQLite always, PostgreSQL when reachable):
// the same releases give the same readers the same cables, and the same tampering is found.

const draft = (over: Record<string, unknown>) => ({
  precedence: 'PRIORITY',
  to: ['AMEMBASSY DUSHANBE'],
  classification: 'SECRET',
  captions: [] as string[],
  tags: ['PREL'],
  subject: { marking: 'S', text: 'ENGINE PARITY TEST' },
  body: [{ marking: 'S', text: 'A paragraph for the access rule on each engine.' }],
  classifiedBy: 'Dana Drafter, Director, reasons 1.4 (b) and (d)',
  eo: { order: '13526', declassify: '2036-01-01' },
  signature: ['POMPEO'],
  clearers: ['tim'],
  ...over,
})

describe.each(ENGINES)('access rule and audit chain (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  beforeEach(async () => {
    env = await freshContext({}, engine)
    await addUsers(env.ctx, [
      ...STATE_TEAM,
      { name: 'ted', post: 'SECSTATE WASHDC', roles: ['drafter', 'reader'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'tim', post: 'SECSTATE WASHDC', roles: ['clearer', 'approver'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'nina', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'otto', post: 'AMEMBASSY OTTAWA', roles: ['reader', 'archive-reader'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'nell', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'TOP SECRET', caveats: ['NODIS'] },
      { name: 'cody', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'CONFIDENTIAL', caveats: ['NOFORN', 'NODIS'] },
    ])
  }, 120_000)
  afterEach(() => env.cleanup())

  async function released(over: Record<string, unknown>, principals?: string[]): Promise<string> {
    const { ctx } = env
    const { draft: d } = await createDraft(ctx, 'ted', draftFromObject(draft(over)))
    await clearDraft(ctx, 'tim', d.id)
    await approveDraft(ctx, 'tim', d.id)
    return (await releaseDraft(ctx, 'ted', d.id, { principals })).cableId
  }

  it('should decide who reads what by the same rule', async () => {
    const { ctx } = env
    const plain = await released({})
    const sipdis = await released({ captions: ['SIPDIS'] })
    const nodis = await released({ captions: ['NODIS'], subject: { marking: 'S//NODIS', text: 'NODIS PARITY' }, body: [{ marking: 'S//NODIS', text: 'Principals only.' }] }, ['dora'])
    await runWorker(ctx, { owner: 'test', untilEmpty: true })
    const readable = async (user: string) => {
      const u = (await ctx.store.directory.user(user))!
      return [...(await ctx.store.workflow.readable([plain, sipdis, nodis], userAccess(u)))].sort()
    }
    expect(await readable('dora')).toEqual([plain, sipdis, nodis].sort())
    expect(await readable('nina')).toEqual([plain, sipdis].sort())
    expect(await readable('otto')).toEqual([sipdis])
    expect(await readable('ted')).toEqual([plain, sipdis, nodis].sort()) // origin post; the releaser is a principal
    expect(await readable('dana')).toEqual([plain, sipdis].sort()) // origin post, but no principal and no NODIS
    expect((await readCable(ctx, 'otto', sipdis)).cable.id).toBe(sipdis)
    await expect(readCable(ctx, 'otto', plain)).rejects.toThrow(`no cable ${plain} for otto`)
    await expect(readCable(ctx, 'nina', nodis)).rejects.toThrow(`no cable ${nodis} for nina`)
    expect((await inbox(ctx, 'nina')).map((i) => i.cableId).sort()).toEqual([plain, sipdis].sort())
    expect(await ctx.store.workflow.principals(nodis)).toEqual(['dora', 'ted'])
  })

  it('should judge a released cable by the level and caveats of its release record when its archive row says less', async () => {
    const { ctx } = env
    const noforn = await released({ captions: ['NOFORN'], subject: { marking: 'S//NF', text: 'QUOKKA RECORD' }, body: [{ marking: 'S//NF', text: 'The quokka record stands.' }] })
    await runWorker(ctx, { owner: 'test', untilEmpty: true })
    const readable = async (user: string) => {
      const u = (await ctx.store.directory.user(user))!
      return [...(await ctx.store.workflow.readable([noforn], userAccess(u)))]
    }
    // the archive read path (search) applies the same rule
    const archive = openStore(env.path)
    const found = async (user: string) => archive.count(parseQuery('quokka'), await archiveAccessOf(ctx, user))
    // delivered to Dushanbe: nina holds the level and NOFORN, nell lacks NOFORN, cody the level
    expect([await readable('nina'), await readable('nell'), await readable('cody')]).toEqual([[noforn], [], []])
    const raw = await rawSql(env)
    try {
      // the archive row rewritten behind the service: UNCLASSIFIED, no caveat
      await raw.exec(`UPDATE cables SET level = 0, caveat_mask = 0, classification = 'UNCLASSIFIED' WHERE key = '${noforn}'`)
    } finally {
      await raw.close()
    }
    expect([await readable('nina'), await readable('nell'), await readable('cody')]).toEqual([[noforn], [], []])
    try {
      expect([await found('nina'), await found('nell'), await found('cody')]).toEqual([1, 0, 0])
    } finally {
      await archive.close()
    }
  })

  it('should chain the audit log and find a rewritten entry', async () => {
    const { ctx } = env
    await released({ classification: 'UNCLASSIFIED', subject: { marking: 'U', text: 'CHAIN' }, body: [{ marking: 'U', text: 'x.' }], classifiedBy: null, eo: { order: '13526', declassify: 'N/A' } })
    const intact = await verifyAudit(ctx, 'root')
    expect(intact.broken).toBeNull()
    expect(intact.entries).toBeGreaterThan(5)
    const { entries } = await ctx.store.audit.chain()
    expect(entries[0].prevHash).toBe('0'.repeat(64))
    for (let i = 1; i < entries.length; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash)
    const raw = await rawSql(env)
    try {
      await expect(raw.exec("UPDATE msg_audit SET detail = 'x' WHERE id = 2")).rejects.toThrow(/append-only/)
      if (engine === 'postgres') {
        await raw.exec('ALTER TABLE msg_audit DISABLE TRIGGER msg_audit_no_change')
        await raw.exec("UPDATE msg_audit SET detail = 'rewritten' WHERE id = 3")
      } else {
        await raw.exec('DROP TRIGGER msg_audit_no_update')
        await raw.exec("UPDATE msg_audit SET detail = 'rewritten' WHERE id = 3")
      }
    } finally {
      await raw.close()
    }
    expect((await verifyAudit(ctx, 'root')).broken).toMatchObject({ id: 3, reason: expect.stringMatching(/entry 3 was rewritten/) })
  })
})
