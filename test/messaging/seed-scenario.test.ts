import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import {
  approveDraft,
  clearDraft,
  createDraft,
  draftFromTelegram,
  inbox,
  readCable,
  releaseDraft,
  runWorker,
  ServiceError,
} from '../../src/messaging/index.js'
import { addUsers, freshContext, HAS_SEED, manualClock, SEED_PATH, STATE_TEAM, ENGINES } from './fixtures.js'

/** The structure of a telegram: everything but MRN, DTG, envelope sequence numbers and MCNs. */
function structure(text: string) {
  const c = parseCable(text)
  return {
    origin: c.origin,
    precedence: c.precedence,
    classification: c.classification,
    captions: c.captions,
    tags: c.tags,
    subject: c.subject,
    subjectMarking: c.subjectMarking,
    to: c.to?.map((a) => ({ route: a.route, name: a.name, precedence: a.precedence })),
    info: c.info?.map((a) => ({ route: a.route, name: a.name, precedence: a.precedence, excluded: a.excluded })),
    eo: c.eo && { order: c.eo.order, declassify: c.eo.declassify },
    paragraphs: c.paragraphs.map((p) => ({ number: p.number, marking: p.marking, text: p.text })),
    signers: c.signers,
    sections: c.sections,
    blocks: c.body.map((b) => b.type),
    security: c.envelope.security,
    fl5: c.envelope.dtg?.precedence,
    layout: c.layout,
  }
}

describe.skipIf(!HAS_SEED).each(ENGINES)('seed scenario (needs ../shared/corpus/seed/09STATE99704.txt) (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  const clock = manualClock('2009-09-24T19:36:00Z')
  beforeEach(async () => {
    env = await freshContext({ now: clock.now }, engine)
    await addUsers(env.ctx, [
      ...STATE_TEAM,
      { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SBU' },
      { name: 'uma', post: 'AMCONSUL MUMBAI', roles: ['reader'], clearance: 'SBU' },
      { name: 'otto', post: 'AMEMBASSY OTTAWA', roles: ['reader'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'ulla', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'UNCLASSIFIED' },
    ])
  })
  afterEach(() => env.cleanup())

  it('should draft, clear, approve, release and deliver the seed as SECSTATE did', async () => {
    const seed = readFileSync(SEED_PATH, 'utf8')
    const { ctx } = env
    const input = draftFromTelegram(seed, ['carl', 'cleo'])
    const { draft } = await createDraft(ctx, 'dana', input)
    expect(draft.originPost).toBe('SECSTATE WASHDC')
    await expect(approveDraft(ctx, 'abe', draft.id)).rejects.toThrow(/still needs clearance from: carl, cleo/)
    await clearDraft(ctx, 'carl', draft.id)
    await clearDraft(ctx, 'cleo', draft.id)
    await approveDraft(ctx, 'abe', draft.id)
    const released = await releaseDraft(ctx, 'abe', draft.id)
    expect(released.cableId).toBe('09STATE1')
    expect(released.mrn).toBe('STATE 000001')
    expect(released.dtg).toBe('241936Z SEP 09')

    // the rendered telegram has the seed's structure (MRN and DTG aside)
    expect(structure(released.text)).toEqual(structure(seed))
    const ours = parseCable(released.text)
    expect(ours.mrn).toEqual({ origin: 'STATE', serial: '000001' })
    expect(ours.envelope.station?.route).toBe('RUEHC')

    // Dushanbe gets it as action at IMMEDIATE, every SCA collective member as info
    const sca = (await ctx.store.directory.collective('ALL SOUTH AND CENTRAL ASIA COLLECTIVE'))!
    const byPost = new Map(released.deliveries.map((d) => [d.post, d]))
    expect(byPost.get('AMEMBASSY DUSHANBE')).toEqual({ post: 'AMEMBASSY DUSHANBE', role: 'action', precedence: 'IMMEDIATE' })
    for (const m of sca.members.filter((m) => m.post !== 'AMEMBASSY DUSHANBE')) {
      expect(byPost.get(m.post)).toEqual({ post: m.post, role: 'info', precedence: 'IMMEDIATE' })
    }
    expect(released.deliveries).toHaveLength(sca.members.length)

    await runWorker(ctx, { owner: 'test', untilEmpty: true })
    expect((await inbox(ctx, 'dora')).map((i) => [i.cableId, i.role, i.precedence, i.classification])).toEqual([['09STATE1', 'action', 'IMMEDIATE', 'SBU']])
    expect((await inbox(ctx, 'uma')).map((i) => [i.cableId, i.role])).toEqual([['09STATE1', 'info']])

    // an SBU-cleared reader at Dushanbe reads it; the same post's UNCLASSIFIED reader does not
    expect((await readCable(ctx, 'dora', '09STATE1')).text).toBe(released.text)
    expect(await inbox(ctx, 'ulla')).toEqual([])
    await expect(readCable(ctx, 'ulla', '09STATE1')).rejects.toThrow(ServiceError)
    // a reader at a post not addressed has it in no inbox, but the seed is captioned SIPDIS: cleared
    // readers anywhere may read it (the need-to-know rule, docs/messaging.md)
    expect(await inbox(ctx, 'otto')).toEqual([])
    expect((await readCable(ctx, 'otto', '09STATE1')).text).toBe(released.text)
    const denials = await ctx.store.audit.query({ outcome: 'denied', cableId: '09STATE1' })
    expect(denials.map((d) => [d.actor, d.action])).toEqual([
      ['ulla', 'inbox'],
      ['ulla', 'read'],
    ])
  })
})
