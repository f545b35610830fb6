import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PrecedenceWord } from '../../src/format/model.js'
import { parseCable } from '../../src/format/parse.js'
import { PRECEDENCE_RANK } from '../../src/messaging/precedence.js'
import {
  approveDraft,
  claimBatch,
  clearDraft,
  createDraft,
  draftFromObject,
  releaseDraft,
  ServiceError,
  updateDraft,
  type ServiceErrorCode,
} from '../../src/messaging/index.js'
import { addUsers, freshContext, manualClock, STATE_TEAM, ENGINES, rawSql } from './fixtures.js'

const base = {
  precedence: 'PRIORITY',
  to: ['AMEMBASSY DUSHANBE'],
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['PREL', 'TI'],
  subject: { marking: 'U', text: 'TAJIK BORDER GUARD TRAINING SCHEDULE' },
  body: [
    { marking: 'U', text: 'Training for the first cohort begins in May.' },
    { marking: 'U', text: 'Post should confirm venue availability.' },
  ],
  signature: ['POMPEO'],
  clearers: ['carl', 'cleo'],
}

async function refusal(fn: () => Promise<unknown>): Promise<{ code: ServiceErrorCode; message: string }> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof ServiceError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}

describe.each(ENGINES)('drafting workflow (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  const clock = manualClock('2026-05-02T08:00:00Z')
  beforeEach(async () => {
    env = await freshContext({ now: clock.now }, engine)
    await addUsers(env.ctx, [
      ...STATE_TEAM,
      { name: 'dave', post: 'AMEMBASSY DUSHANBE', roles: ['approver', 'drafter', 'reader'], clearance: 'SECRET' },
      { name: 'pat', post: 'SECSTATE WASHDC', roles: ['reader'], clearance: 'SECRET' },
      { name: 'low', post: 'SECSTATE WASHDC', roles: ['clearer'], clearance: 'UNCLASSIFIED' },
    ])
  })
  afterEach(() => env.cleanup())

  it('should refuse every step out of order, with the reason', async () => {
    const { ctx } = env
    const { draft } = await createDraft(ctx, 'dana', draftFromObject(base))
    expect((await refusal(() => releaseDraft(ctx, 'abe', draft.id)))).toMatchObject({ code: 'OUT_OF_ORDER', message: expect.stringMatching(/not approved/) })
    expect((await refusal(() => approveDraft(ctx, 'abe', draft.id)))).toMatchObject({ code: 'OUT_OF_ORDER', message: expect.stringMatching(/carl, cleo/) })
    expect((await refusal(() => clearDraft(ctx, 'abe', draft.id))).code).toBe('FORBIDDEN')
    expect((await refusal(() => clearDraft(ctx, 'pat', draft.id))).code).toBe('FORBIDDEN')
    await clearDraft(ctx, 'carl', draft.id)
    expect((await refusal(() => clearDraft(ctx, 'carl', draft.id)))).toMatchObject({ code: 'OUT_OF_ORDER', message: expect.stringMatching(/already cleared/) })
    await clearDraft(ctx, 'cleo', draft.id)
    // an approver of another post may not approve SECSTATE traffic: to them the draft does not exist
    expect((await refusal(() => approveDraft(ctx, 'dave', draft.id)))).toMatchObject({ code: 'NOT_FOUND', message: `no draft ${draft.id}` })
    await approveDraft(ctx, 'abe', draft.id)
    expect((await refusal(() => clearDraft(ctx, 'carl', draft.id))).code).toBe('OUT_OF_ORDER')
    expect((await refusal(() => updateDraft(ctx, 'dana', draft.id, draftFromObject(base)))).code).toBe('OUT_OF_ORDER')
    expect((await refusal(() => releaseDraft(ctx, 'pat', draft.id))).code).toBe('FORBIDDEN')
    const r = await releaseDraft(ctx, 'dana', draft.id)
    expect(r.cableId).toBe('26STATE1')
    expect((await refusal(() => releaseDraft(ctx, 'abe', draft.id)))).toMatchObject({ code: 'OUT_OF_ORDER', message: expect.stringMatching(/already released as 26STATE1/) })
    const refused = await ctx.store.audit.query({ outcome: 'refused' })
    expect(refused.length).toBeGreaterThanOrEqual(9)
  })

  it('should refuse a clearer not cleared for the draft, and a drafter drafting above their clearance', async () => {
    const { ctx } = env
    expect((await refusal(() => createDraft(ctx, 'dana', draftFromObject({ ...base, clearers: ['low'], captions: ['SENSITIVE'], body: [{ marking: 'SBU', text: 'a' }, { marking: 'SBU', text: 'b' }] })))).code).toBe('INVALID')
    await addUsers(ctx, [{ name: 'duo', post: 'SECSTATE WASHDC', roles: ['drafter', 'clearer'], clearance: 'SECRET' }])
    expect((await refusal(() => createDraft(ctx, 'duo', draftFromObject({ ...base, clearers: ['duo'] })))).message).toMatch(/cannot also clear/)
    // each clearer problem names its place in the list, so a form can show it at that name
    const named = await refusal(() => createDraft(ctx, 'dana', draftFromObject({ ...base, clearers: ['carl', 'nobody', 'pat', 'low'], captions: ['SENSITIVE'], body: [{ marking: 'SBU', text: 'a' }, { marking: 'SBU', text: 'b' }] })))
    expect(named.message).toBe(
      'draft: clearers[1]: clearer nobody is not an active user; clearers[2]: pat does not hold the clearer role; clearers[3]: clearer low is not cleared for SBU',
    )
    expect((await refusal(() => createDraft(ctx, 'dana', draftFromObject({ ...base, classification: 'TOP SECRET', eo: { order: '13526', declassify: '2051/05/02' } })))).code).toBe('NOT_CLEARED')
    expect((await refusal(() => createDraft(ctx, 'pat', draftFromObject(base)))).code).toBe('FORBIDDEN')
  })

  it('should block clearance while compose-mode lint finds errors, and start clearances over on edit', async () => {
    const { ctx } = env
    const bad = { ...base, tags: [] as string[] }
    const { draft, preview } = await createDraft(ctx, 'dana', draftFromObject(bad))
    expect(preview.errors.map((e) => e.rule)).toContain('TXT-009')
    expect((await refusal(() => clearDraft(ctx, 'carl', draft.id))).code).toBe('LINT_FAILED')
    await updateDraft(ctx, 'dana', draft.id, draftFromObject(base))
    await clearDraft(ctx, 'carl', draft.id)
    expect((await ctx.store.workflow.draft(draft.id))!.cleared).toEqual(['carl'])
    await updateDraft(ctx, 'dana', draft.id, draftFromObject({ ...base, subject: { marking: 'U', text: 'REVISED SCHEDULE' } }))
    expect((await ctx.store.workflow.draft(draft.id))!.cleared).toEqual([])
  })

  it('should keep a released cable immutable and the audit log append-only, in the database itself', async () => {
    const { ctx } = env
    const { draft } = await createDraft(ctx, 'dana', draftFromObject(base))
    await clearDraft(ctx, 'carl', draft.id)
    await clearDraft(ctx, 'cleo', draft.id)
    await approveDraft(ctx, 'abe', draft.id)
    await releaseDraft(ctx, 'abe', draft.id)
    // a second connection to the same file, as any other program with write access would open it
    const raw = await rawSql(env)
    try {
      await expect(raw.exec("UPDATE msg_cable SET subject = 'X'")).rejects.toThrow(/immutable/)
      await expect(raw.exec('DELETE FROM msg_cable')).rejects.toThrow(/immutable/)
      await expect(raw.exec("UPDATE msg_audit SET actor = 'x'")).rejects.toThrow(/append-only/)
      await expect(raw.exec('DELETE FROM msg_audit')).rejects.toThrow(/append-only/)
      if (engine === 'postgres') await expect(raw.exec('TRUNCATE msg_audit')).rejects.toThrow(/append-only/)
    } finally {
      await raw.close()
    }
    // a correction is a new cable referencing the original
    const { draft: fix } = await createDraft(ctx, 'dana', draftFromObject({ ...base, subject: { marking: 'U', text: 'CORRECTED: TRAINING SCHEDULE' } }), '26STATE1')
    await clearDraft(ctx, 'carl', fix.id)
    await clearDraft(ctx, 'cleo', fix.id)
    await approveDraft(ctx, 'abe', fix.id)
    const r = await releaseDraft(ctx, 'abe', fix.id)
    expect(r.cableId).toBe('26STATE2')
    expect(parseCable(r.text).references.map((x) => x.id)).toEqual(['26STATE1'])
    expect((await ctx.store.workflow.cable('26STATE2'))!.corrects).toBe('26STATE1')
  })

  async function releaseAs(fields: object): ReturnType<typeof releaseDraft> {
    const { ctx } = env
    const { draft } = await createDraft(ctx, 'dana', draftFromObject({ ...base, ...fields }))
    await clearDraft(ctx, 'carl', draft.id)
    await clearDraft(ctx, 'cleo', draft.id)
    await approveDraft(ctx, 'abe', draft.id)
    return await releaseDraft(ctx, 'abe', draft.id)
  }

  it('should refuse release principals holding an invisible format or control character, naming it', async () => {
    const { ctx } = env
    const { draft } = await createDraft(ctx, 'dana', draftFromObject(base))
    await clearDraft(ctx, 'carl', draft.id)
    await clearDraft(ctx, 'cleo', draft.id)
    await approveDraft(ctx, 'abe', draft.id)
    for (const [name, what] of [['pat\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'], ['p\u200bat', 'U+200B ZERO WIDTH SPACE'], ['pat\u001b[2J', 'U+001B ESCAPE']]) {
      expect(await refusal(() => releaseDraft(ctx, 'abe', draft.id, { principals: [name] }))).toMatchObject({ code: 'INVALID', message: expect.stringContaining(`principals[0]: `) })
      expect((await refusal(() => releaseDraft(ctx, 'abe', draft.id, { principals: ['abe', name] }))).message).toContain(`principals[1]: `)
      expect((await refusal(() => releaseDraft(ctx, 'abe', draft.id, { principals: [name] }))).message).toContain(what)
    }
  })

  it('should expand collectives minus XMT, one delivery per post with action beating info', async () => {
    const r = await releaseAs({
      to: ['AMEMBASSY DUSHANBE', 'RUEHBI/AMCONSUL MUMBAI'],
      info: [{ name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', precedence: 'ROUTINE', xmt: ['AMEMBASSY KABUL', 'AMCONSUL PESHAWAR'] }, 'AMEMBASSY DUSHANBE'],
    })
    const posts = r.deliveries.map((d) => d.post)
    expect(new Set(posts).size).toBe(posts.length)
    expect(posts).not.toContain('AMEMBASSY KABUL')
    expect(posts).not.toContain('AMCONSUL PESHAWAR')
    const sca = (await env.ctx.store.directory.collective('ALL SOUTH AND CENTRAL ASIA COLLECTIVE'))!
    expect(r.deliveries).toHaveLength(sca.members.length - 2)
    expect(r.deliveries.find((d) => d.post === 'AMEMBASSY DUSHANBE')).toMatchObject({ role: 'action', precedence: 'PRIORITY' })
    expect(r.deliveries.find((d) => d.post === 'AMCONSUL MUMBAI')).toMatchObject({ role: 'action', precedence: 'PRIORITY' })
    expect(r.deliveries.find((d) => d.post === 'AMEMBASSY ISLAMABAD')).toMatchObject({ role: 'info', precedence: 'ROUTINE' })
    const parsed = parseCable(r.text)
    expect(parsed.info?.map((a) => [a.name, a.excluded])).toEqual([
      ['AMEMBASSY DUSHANBE', null],
      ['ALL SOUTH AND CENTRAL ASIA COLLECTIVE', ['AMEMBASSY KABUL', 'AMCONSUL PESHAWAR']],
    ])
    expect(parsed.envelope.dtg?.precedence).toEqual(['P', 'R'])
    await expect(releaseAs({ info: [{ name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', xmt: ['AMEMBASSY PARIS'] }] })).rejects.toThrow(/not a member/)
    await expect(releaseAs({ to: ['AMEMBASSY ATLANTIS'] })).rejects.toThrow(/to\[0\]: AMEMBASSY ATLANTIS is neither a post nor a collective/)
    await expect(releaseAs({ to: [{ name: 'CHINA POSTS COLLECTIVE', xmt: (await env.ctx.store.directory.collective('CHINA POSTS COLLECTIVE'))!.members.map((m) => m.post) }] })).rejects.toThrow(/reach no post/)
    // SBU goes out as UNCLAS with the SENSITIVE caption even when the drafter left it out
    const sbu = await releaseAs({ classification: 'SBU', subject: { marking: 'SBU', text: 'SBU NOTICE' }, body: [{ marking: 'SBU', text: 'a' }, { marking: 'SBU', text: 'b' }] })
    const back = parseCable(sbu.text)
    expect(back.captions).toEqual(['SENSITIVE', 'SIPDIS'])
    expect(back.classification).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    const twoXmt = [
      { name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', xmt: ['AMEMBASSY KABUL'] },
      { name: 'CHINA POSTS COLLECTIVE', xmt: ['AMCONSUL WUHAN'] },
    ]
    await expect(releaseAs({ info: twoXmt })).rejects.toThrow(/at most one collective per list may carry XMT/)
  })

  it('should give each TO and INFO addressee its own precedence: on its addressee line, in the DTG and in the delivery queue', async () => {
    const r = await releaseAs({
      precedence: 'IMMEDIATE',
      // Dushanbe takes the action precedence; Mumbai and the collective name their own; Paris takes the INFO default
      to: ['AMEMBASSY DUSHANBE', { name: 'AMCONSUL MUMBAI', precedence: 'PRIORITY' }],
      info: [{ name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', precedence: 'PRIORITY', xmt: ['AMEMBASSY KABUL'] }, 'AMEMBASSY PARIS'],
    })
    const parsed = parseCable(r.text)
    const lines = (list: typeof parsed.to) => Object.fromEntries((list ?? []).map((a) => [a.name, a.precedence]))
    expect(lines(parsed.to)).toEqual({ 'AMEMBASSY DUSHANBE': 'IMMEDIATE', 'AMCONSUL MUMBAI': 'PRIORITY' })
    expect(lines(parsed.info)).toEqual({ 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE': 'PRIORITY', 'AMEMBASSY PARIS': 'ROUTINE' })
    // the DTG carries the highest action and the highest info precedence (FL5)
    expect(parsed.envelope.dtg?.precedence).toEqual(['O', 'P'])
    const of = (post: string) => r.deliveries.find((d) => d.post === post)
    // Dushanbe is also a member of the INFO collective: action and the higher precedence win
    expect(of('AMEMBASSY DUSHANBE')).toMatchObject({ role: 'action', precedence: 'IMMEDIATE' })
    expect(of('AMCONSUL MUMBAI')).toMatchObject({ role: 'action', precedence: 'PRIORITY' })
    expect(of('AMEMBASSY ISLAMABAD')).toMatchObject({ role: 'info', precedence: 'PRIORITY' })
    expect(of('AMEMBASSY PARIS')).toMatchObject({ role: 'info', precedence: 'ROUTINE' })
    expect(of('AMEMBASSY KABUL')).toBeUndefined()
    // the queue ranks each recipient by its own precedence, and the worker claims them in that order
    const queued = await env.ctx.store.delivery.deliveriesOf(r.cableId)
    const rank = (post: string) => queued.find((d) => d.post === post)?.rank
    expect([rank('AMEMBASSY DUSHANBE'), rank('AMCONSUL MUMBAI'), rank('AMEMBASSY ISLAMABAD'), rank('AMEMBASSY PARIS')]).toEqual([3, 4, 4, 5])
    expect(queued.every((d) => d.rank === PRECEDENCE_RANK[d.precedence as PrecedenceWord])).toBe(true)
    const claimed = await claimBatch(env.ctx, 'test-worker', queued.length)
    expect(claimed[0].post).toBe('AMEMBASSY DUSHANBE')
    expect(claimed.at(-1)!.post).toBe('AMEMBASSY PARIS')
  })

  it('should number MRNs per post and year, count MCNs per addressee, and cut long text into sections', async () => {
    const { ctx } = env
    const long = Array.from({ length: 12 }, (_, i) => ({ marking: 'U', text: `Paragraph ${i + 1}. ` + 'The delegation reviewed the training plan in detail. '.repeat(12) }))
    const a = await releaseAs({ body: long })
    expect(a.sections).toBe(3)
    const parsed = parseCable(a.text)
    expect(parsed.sections).toBe(3)
    expect(parsed.paragraphs.map((p) => p.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(parsed.envelope.station).toMatchObject({ route: 'RUEHC', serial: '0001', section: '01' })
    expect(parsed.to?.[0]).toMatchObject({ route: 'RUEHDBU', serial: '0001' })
    const b = await releaseAs({})
    expect(b.mrn).toBe('STATE 000002')
    expect(parseCable(b.text).to?.[0].serial).toBe('0002')
    // the serial restarts with the year
    clock.advance(365 * 86_400_000)
    const c = await releaseAs({})
    expect(c.cableId).toBe('27STATE1')
    // and each post numbers its own traffic
    const { draft } = await createDraft(ctx, 'dave', draftFromObject({ ...base, to: ['SECSTATE WASHDC'], clearers: ['carl'] }))
    await clearDraft(ctx, 'carl', draft.id)
    await addUsers(ctx, [{ name: 'amb', post: 'AMEMBASSY DUSHANBE', roles: ['approver'], clearance: 'SECRET' }])
    await approveDraft(ctx, 'amb', draft.id)
    expect((await releaseDraft(ctx, 'dave', draft.id)).mrn).toBe('DUSHANBE 000001')
  })
})
