import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { parseCable } from '../../src/format/parse.js'
import { sitePolicyFromEnv } from '../../src/messaging/context.js'
import { draftFromTelegram } from '../../src/messaging/draft-from-telegram.js'
import {
  approveDraft,
  clearDraft,
  createDraft,
  draftFromObject,
  releaseDraft,
  ServiceError,
  updateDraft,
  type ServiceContext,
  type ServiceErrorCode,
} from '../../src/messaging/index.js'
import type { DraftFields } from '../../src/messaging/types.js'
import { addUsers, freshContext, manualClock, STATE_TEAM } from './fixtures.js'

/**
 * Fail closed on markings through the whole workflow: what a draft is marked decides who may draft, clear,
 * approve and release it, and the released telegram reads back (re-import) with the same level and caveats.
 */
const classified = {
  precedence: 'PRIORITY',
  to: ['AMEMBASSY DUSHANBE'],
  classification: 'CONFIDENTIAL',
  captions: ['SIPDIS'],
  eo: { order: '13526', declassify: '2036/05/02' },
  tags: ['PREL', 'TI'],
  subject: { marking: 'C', text: 'BORDER TALKS' },
  classifiedBy: 'Dana Drafter, Office Director, SCA/CEN, for reasons 1.4(b) and (d)',
  body: [
    { marking: 'C', text: 'The talks resumed in May.' },
    { marking: 'U', text: 'Post should confirm the venue.' },
  ],
  signature: ['POMPEO'],
  clearers: ['carl'],
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

async function release(ctx: ServiceContext, input: Record<string, unknown>) {
  const { draft } = await createDraft(ctx, 'dana', draftFromObject(input))
  await clearDraft(ctx, 'carl', draft.id)
  await approveDraft(ctx, 'abe', draft.id)
  return releaseDraft(ctx, 'dana', draft.id)
}

describe('markings through the workflow', () => {
  let env: Awaited<ReturnType<typeof freshContext>>
  const clock = manualClock('2026-05-02T08:00:00Z')
  beforeEach(async () => {
    env = await freshContext({ now: clock.now })
    await addUsers(env.ctx, [
      ...STATE_TEAM,
      { name: 'sam', post: 'SECSTATE WASHDC', roles: ['drafter', 'reader'], clearance: 'CONFIDENTIAL' },
      { name: 'nina', post: 'SECSTATE WASHDC', roles: ['drafter', 'clearer', 'reader'], clearance: 'SECRET', caveats: ['NOFORN', 'NODIS'] },
    ])
  })
  afterEach(() => env.cleanup())

  it.each([
    ['S//NF', 'UNCLASSIFIED'], ['SECRET', 'UNCLASSIFIED'], ['TOP SECRET', 'CONFIDENTIAL'], ['SECRET//NOFORN', 'CONFIDENTIAL'], ['S//NODIS', 'SECRET'], ['C//EXDIS', 'CONFIDENTIAL'],
  ])('should never let a (%s) paragraph go out in a %s draft', async (mark, classification) => {
    const named = new RegExp(`body\\[1\\]\\S*: portion mark \\(${mark.replace(/\//g, '\\/')}\\) (is above|names)`)
    const subject = { marking: 'U', text: 'BORDER TALKS' }
    await expect((async () => createDraft(env.ctx, 'dana', draftFromObject({ ...classified, classification, subject, body: [{ marking: 'U', text: 'One.' }, { marking: mark, text: 'Two.' }] })))()).rejects.toThrow(named)
    // written into the text instead of the marking field, it is read all the same
    await expect((async () => createDraft(env.ctx, 'dana', draftFromObject({ ...classified, classification, subject, body: ['(U) One.', `(${mark}) Two.`] })))()).rejects.toThrow(named)
  })

  it('should not release an UNCLASSIFIED telegram draft with an (S//NF) paragraph as UNCLAS', async () => {
    const text = [
      'FM SECSTATE WASHDC',
      'TO AMEMBASSY DUSHANBE PRIORITY',
      '',
      'UNCLAS STATE 000001',
      '',
      'SIPDIS',
      '',
      'E.O. 13526: N/A',
      'TAGS: PREL, TI',
      'SUBJECT: (U) BORDER TALKS',
      '',
      '1. (U) One.',
      '',
      '2. (S//NF) Two.',
      '',
      'POMPEO',
      '',
    ].join('\n')
    expect(() => draftFromTelegram(text, ['carl'])).toThrow(/body\[1\]\.marking: portion mark \(S\/\/NF\) is above the classification UNCLASSIFIED/)
  })

  it('should refuse a drafter marking above his clearance, in a new draft and in an edit', async () => {
    const secret = { ...classified, classification: 'SECRET', body: [{ marking: 'S', text: 'One.' }, { marking: 'C', text: 'Two.' }] }
    expect((await refusal(() => createDraft(env.ctx, 'sam', draftFromObject(secret)))).code).toBe('NOT_CLEARED')
    const { draft } = await createDraft(env.ctx, 'sam', draftFromObject(classified))
    expect((await refusal(() => updateDraft(env.ctx, 'sam', draft.id, draftFromObject(secret)))).code).toBe('NOT_CLEARED')
    // a caveat the drafter is not read into counts like a level
    const nodis = { ...classified, captions: ['NODIS'], body: [{ marking: 'C//NODIS', text: 'One.' }, { marking: 'C', text: 'Two.' }] }
    expect((await refusal(() => createDraft(env.ctx, 'dana', draftFromObject(nodis)))).code).toBe('NOT_CLEARED')
  })

  it('should file the released cable, and its re-import, with the level and caveats of its portions', async () => {
    const released = await release(env.ctx, {
      ...classified,
      classification: 'SECRET',
      captions: ['NOFORN'],
      subject: { marking: 'S//NF', text: 'BORDER TALKS' },
      body: [{ marking: 'S//NF', text: 'One.' }, { marking: 'C', text: 'Two.' }],
    })
    const stored = await env.ctx.store.workflow.cable(released.cableId)
    expect([stored?.level, stored?.caveats]).toEqual([3, ['NOFORN']])
    const reimported = cableAccess(parseCable(released.text))
    expect(reimported).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
  })

  it('should carry a lone portion’s mark through release and re-import', async () => {
    const released = await release(env.ctx, { ...classified, body: [{ marking: 'C', text: 'A lone portion goes out unnumbered.' }] })
    expect(released.text).toContain('(C) A lone portion goes out unnumbered.')
    expect(parseCable(released.text).paragraphs).toMatchObject([{ number: 0, marking: 'C' }])
    expect(cableAccess(parseCable(released.text)).level).toBe(2)
  })

  it('should refuse a draft whose text would read back with other markings', async () => {
    // a paragraph holding a fake paragraph line with a higher mark: draft input refuses it, and a draft built
    // by code (no draft input) is stopped by the readback
    const body = [{ marking: 'C', text: 'One.\n\n3. (S) A fake paragraph.' }, { marking: 'U', text: 'Two.' }]
    expect(() => draftFromObject({ ...classified, body })).toThrow(/body\[0\]\.text: line 3, column 1 of the text would be read as the start of numbered paragraph 3/)
    const valid = draftFromObject(classified)
    const { preview } = await createDraft(env.ctx, 'dana', { ...valid, fields: { ...valid.fields, body } })
    expect(preview.errors.map((e) => e.rule)).toContain('READBACK')
  })
})

describe('site policy: clearers', () => {
  it('should need one named clearer by default, and none when the site says so', async () => {
    const strict = await freshContext({ now: manualClock().now })
    const open = await freshContext({ now: manualClock().now, policy: { minClearers: 0 } })
    try {
      for (const env of [strict, open]) await addUsers(env.ctx, STATE_TEAM)
      const none = { ...classified, clearers: [] as string[] }
      expect((await refusal(() => createDraft(strict.ctx, 'dana', draftFromObject(none)))).message).toMatch(/at least 1 named clearer/)
      const { draft } = await createDraft(open.ctx, 'dana', draftFromObject(none))
      expect((await approveDraft(open.ctx, 'abe', draft.id)).state).toBe('approved')
    } finally {
      await strict.cleanup()
      await open.cleanup()
    }
  })

  it('should read the policy from CABLEGRAM_MIN_CLEARERS and refuse a value it cannot read', () => {
    expect(sitePolicyFromEnv({})).toEqual({ minClearers: 1 })
    expect(sitePolicyFromEnv({ CABLEGRAM_MIN_CLEARERS: '0' })).toEqual({ minClearers: 0 })
    expect(sitePolicyFromEnv({ CABLEGRAM_MIN_CLEARERS: '2' })).toEqual({ minClearers: 2 })
    expect(() => sitePolicyFromEnv({ CABLEGRAM_MIN_CLEARERS: 'none' })).toThrow(/whole number/)
  })
})

// (typed once so a field renamed in DraftFields fails here)
const _fields: Partial<DraftFields> = { classification: classified.classification }
void _fields
