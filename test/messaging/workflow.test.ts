import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import {
  approveDraft,
  clearDraft,
  createDraft,
  draftFromObject,
  releaseDraft,
  ServiceError,
  updateDraft,
  type ServiceErrorCode,
} from '../../src/messaging/index.js'
import { addUsers, freshContext, manualClock, STATE_TEAM } from './fixtures.js'

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

function refusal(fn: () => unknown): { code: ServiceErrorCode; message: string } {
  try {
    fn()
  } catch (error) {
    if (error instanceof ServiceError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}

describe('drafting workflow', () => {
  let env: ReturnType<typeof freshContext>
  const clock = manualClock('2026-05-02T08:00:00Z')
  beforeEach(() => {
    env = freshContext({ now: clock.now })
    addUsers(env.ctx, [
      ...STATE_TEAM,
      { name: 'dave', post: 'AMEMBASSY DUSHANBE', roles: ['approver', 'drafter', 'reader'], clearance: 'SECRET' },
      { name: 'pat', post: 'SECSTATE WASHDC', roles: ['reader'], clearance: 'SECRET' },
      { name: 'low', post: 'SECSTATE WASHDC', roles: ['clearer'], clearance: 'UNCLASSIFIED' },
    ])
  })
  afterEach(() => env.cleanup())

  it('should refuse every step out of order, with the reason', () => {
    const { ctx } = env
    const { draft } = createDraft(ctx, 'dana', draftFromObject(base))
    expect(refusal(() => releaseDraft(ctx, 'abe', draft.id))).toMatchObject({ code: 'OUT_OF_ORDER', message: expect.stringMatching(/not approved/) })
    expect(refusal(() => approveDraft(ctx, 'abe', draft.id))).toMatchObject({ code: 'OUT_OF_ORDER', message: expect.stringMatching(/carl, cleo/) })
    expect(refusal(() => clearDraft(ctx, 'abe', draft.id)).code).toBe('FORBIDDEN')
    expect(refusal(() => clearDraft(ctx, 'pat', draft.id)).code).toBe('FORBIDDEN')
    clearDraft(ctx, 'carl', draft.id)
    expect(refusal(() => clearDraft(ctx, 'carl', draft.id))).toMatchObject({ code: 'OUT_OF_ORDER', message: expect.stringMatching(/already cleared/) })
    clearDraft(ctx, 'cleo', draft.id)
    // an approver of another post may not approve SECSTATE traffic: to them the draft does not exist
    expect(refusal(() => approveDraft(ctx, 'dave', draft.id))).toMatchObject({ code: 'NOT_FOUND', message: `no draft ${draft.id}` })
    approveDraft(ctx, 'abe', draft.id)
    expect(refusal(() => clearDraft(ctx, 'carl', draft.id)).code).toBe('OUT_OF_ORDER')
    expect(refusal(() => updateDraft(ctx, 'dana', draft.id, draftFromObject(base))).code).toBe('OUT_OF_ORDER')
    expect(refusal(() => releaseDraft(ctx, 'pat', draft.id)).code).toBe('FORBIDDEN')
    const r = releaseDraft(ctx, 'dana', draft.id)
    expect(r.cableId).toBe('26STATE1')
    expect(refusal(() => releaseDraft(ctx, 'abe', draft.id))).toMatchObject({ code: 'OUT_OF_ORDER', message: expect.stringMatching(/already released as 26STATE1/) })
    const refused = ctx.store.audit.query({ outcome: 'refused' })
    expect(refused.length).toBeGreaterThanOrEqual(9)
  })

  it('should refuse a clearer not cleared for the draft, and a drafter drafting above their clearance', () => {
    const { ctx } = env
    expect(refusal(() => createDraft(ctx, 'dana', draftFromObject({ ...base, clearers: ['low'], captions: ['SENSITIVE'], body: [{ marking: 'SBU', text: 'a' }, { marking: 'SBU', text: 'b' }] }))).code).toBe('INVALID')
    addUsers(ctx, [{ name: 'duo', post: 'SECSTATE WASHDC', roles: ['drafter', 'clearer'], clearance: 'SECRET' }])
    expect(refusal(() => createDraft(ctx, 'duo', draftFromObject({ ...base, clearers: ['duo'] }))).message).toMatch(/cannot also clear/)
    expect(refusal(() => createDraft(ctx, 'dana', draftFromObject({ ...base, classification: 'TOP SECRET', eo: { order: '13526', declassify: '2051/05/02' } }))).code).toBe('NOT_CLEARED')
    expect(refusal(() => createDraft(ctx, 'pat', draftFromObject(base))).code).toBe('FORBIDDEN')
  })

  it('should block clearance while compose-mode lint finds errors, and start clearances over on edit', () => {
    const { ctx } = env
    const bad = { ...base, tags: [] as string[] }
    const { draft, preview } = createDraft(ctx, 'dana', draftFromObject(bad))
    expect(preview.errors.map((e) => e.rule)).toContain('TXT-009')
    expect(refusal(() => clearDraft(ctx, 'carl', draft.id)).code).toBe('LINT_FAILED')
    updateDraft(ctx, 'dana', draft.id, draftFromObject(base))
    clearDraft(ctx, 'carl', draft.id)
    expect(ctx.store.workflow.draft(draft.id)!.cleared).toEqual(['carl'])
    updateDraft(ctx, 'dana', draft.id, draftFromObject({ ...base, subject: { marking: 'U', text: 'REVISED SCHEDULE' } }))
    expect(ctx.store.workflow.draft(draft.id)!.cleared).toEqual([])
  })

  it('should keep a released cable immutable and the audit log append-only, in the database itself', () => {
    const { ctx } = env
    const { draft } = createDraft(ctx, 'dana', draftFromObject(base))
    clearDraft(ctx, 'carl', draft.id)
    clearDraft(ctx, 'cleo', draft.id)
    approveDraft(ctx, 'abe', draft.id)
    releaseDraft(ctx, 'abe', draft.id)
    expect(() => ctx.store.db.prepare("UPDATE msg_cable SET subject = 'X'").run()).toThrow(/immutable/)
    expect(() => ctx.store.db.prepare('DELETE FROM msg_cable').run()).toThrow(/immutable/)
    expect(() => ctx.store.db.prepare("UPDATE msg_audit SET actor = 'x'").run()).toThrow(/append-only/)
    expect(() => ctx.store.db.prepare('DELETE FROM msg_audit').run()).toThrow(/append-only/)
    // a correction is a new cable referencing the original
    const { draft: fix } = createDraft(ctx, 'dana', draftFromObject({ ...base, subject: { marking: 'U', text: 'CORRECTED: TRAINING SCHEDULE' } }), '26STATE1')
    clearDraft(ctx, 'carl', fix.id)
    clearDraft(ctx, 'cleo', fix.id)
    approveDraft(ctx, 'abe', fix.id)
    const r = releaseDraft(ctx, 'abe', fix.id)
    expect(r.cableId).toBe('26STATE2')
    expect(parseCable(r.text).references.map((x) => x.id)).toEqual(['26STATE1'])
    expect(ctx.store.workflow.cable('26STATE2')!.corrects).toBe('26STATE1')
  })

  function releaseAs(fields: object): ReturnType<typeof releaseDraft> {
    const { ctx } = env
    const { draft } = createDraft(ctx, 'dana', draftFromObject({ ...base, ...fields }))
    clearDraft(ctx, 'carl', draft.id)
    clearDraft(ctx, 'cleo', draft.id)
    approveDraft(ctx, 'abe', draft.id)
    return releaseDraft(ctx, 'abe', draft.id)
  }

  it('should expand collectives minus XMT, one delivery per post with action beating info', () => {
    const r = releaseAs({
      to: ['AMEMBASSY DUSHANBE', 'RUEHBI/AMCONSUL MUMBAI'],
      info: [{ name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', precedence: 'ROUTINE', xmt: ['AMEMBASSY KABUL', 'AMCONSUL PESHAWAR'] }, 'AMEMBASSY DUSHANBE'],
    })
    const posts = r.deliveries.map((d) => d.post)
    expect(new Set(posts).size).toBe(posts.length)
    expect(posts).not.toContain('AMEMBASSY KABUL')
    expect(posts).not.toContain('AMCONSUL PESHAWAR')
    const sca = env.ctx.store.directory.collective('ALL SOUTH AND CENTRAL ASIA COLLECTIVE')!
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
    expect(() => releaseAs({ info: [{ name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', xmt: ['AMEMBASSY PARIS'] }] })).toThrow(/not a member/)
    expect(() => releaseAs({ to: ['AMEMBASSY ATLANTIS'] })).toThrow(/to\[0\]: AMEMBASSY ATLANTIS is neither a post nor a collective/)
    expect(() => releaseAs({ to: [{ name: 'CHINA POSTS COLLECTIVE', xmt: env.ctx.store.directory.collective('CHINA POSTS COLLECTIVE')!.members.map((m) => m.post) }] })).toThrow(/reach no post/)
    // SBU goes out as UNCLAS with the SENSITIVE caption even when the drafter left it out
    const sbu = releaseAs({ classification: 'SBU', subject: { marking: 'SBU', text: 'SBU NOTICE' }, body: [{ marking: 'SBU', text: 'a' }, { marking: 'SBU', text: 'b' }] })
    const back = parseCable(sbu.text)
    expect(back.captions).toEqual(['SENSITIVE', 'SIPDIS'])
    expect(back.classification).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    const twoXmt = [
      { name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', xmt: ['AMEMBASSY KABUL'] },
      { name: 'CHINA POSTS COLLECTIVE', xmt: ['AMCONSUL WUHAN'] },
    ]
    expect(() => releaseAs({ info: twoXmt })).toThrow(/at most one collective per list may carry XMT/)
  })

  it('should number MRNs per post and year, count MCNs per addressee, and cut long text into sections', () => {
    const { ctx } = env
    const long = Array.from({ length: 12 }, (_, i) => ({ marking: 'U', text: `Paragraph ${i + 1}. ` + 'The delegation reviewed the training plan in detail. '.repeat(12) }))
    const a = releaseAs({ body: long })
    expect(a.sections).toBe(3)
    const parsed = parseCable(a.text)
    expect(parsed.sections).toBe(3)
    expect(parsed.paragraphs.map((p) => p.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(parsed.envelope.station).toMatchObject({ route: 'RUEHC', serial: '0001', section: '01' })
    expect(parsed.to?.[0]).toMatchObject({ route: 'RUEHDBU', serial: '0001' })
    const b = releaseAs({})
    expect(b.mrn).toBe('STATE 000002')
    expect(parseCable(b.text).to?.[0].serial).toBe('0002')
    // the serial restarts with the year
    clock.advance(365 * 86_400_000)
    const c = releaseAs({})
    expect(c.cableId).toBe('27STATE1')
    // and each post numbers its own traffic
    const { draft } = createDraft(ctx, 'dave', draftFromObject({ ...base, to: ['SECSTATE WASHDC'], clearers: ['carl'] }))
    clearDraft(ctx, 'carl', draft.id)
    addUsers(ctx, [{ name: 'amb', post: 'AMEMBASSY DUSHANBE', roles: ['approver'], clearance: 'SECRET' }])
    approveDraft(ctx, 'amb', draft.id)
    expect(releaseDraft(ctx, 'dave', draft.id).mrn).toBe('DUSHANBE 000001')
  })
})
