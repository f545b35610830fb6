import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  approveDraft,
  clearDraft,
  createDraft,
  draftFromObject,
  listDrafts,
  releaseDraft,
  ServiceError,
  updateDraft,
  type UserSpec,
} from '../../src/messaging/index.js'
import { visibleDraft } from '../../src/messaging/workflow.js'
import { actor } from '../../src/messaging/context.js'
import { addUsers, ENGINES, freshContext, manualClock } from '../messaging/fixtures.js'

// Who sees a draft (docs/messaging.md, "Who may see a draft"): a released draft is the cable, so only those the
// one access rule lets read the cable see it; an unreleased NODIS/EXDIS draft only its drafter, named clearers and
// the approvers of its post. Anyone else gets exactly the answer a missing draft gives.

const ALL = ['NOFORN', 'NODIS', 'EXDIS']
const USERS: UserSpec[] = [
  { name: 'dana', post: 'SECSTATE WASHDC', roles: ['drafter', 'reader'], clearance: 'SECRET', caveats: ALL },
  { name: 'carl', post: 'SECSTATE WASHDC', roles: ['clearer', 'reader'], clearance: 'SECRET', caveats: ALL },
  { name: 'abe', post: 'SECSTATE WASHDC', roles: ['approver', 'reader'], clearance: 'SECRET', caveats: ALL },
  // same post, same clearance and caveats as the principals, a drafter himself: but neither named nor principal
  { name: 'sam', post: 'SECSTATE WASHDC', roles: ['drafter', 'reader'], clearance: 'SECRET', caveats: ALL },
  // a named clearer at another post
  { name: 'faye', post: 'AMEMBASSY DUSHANBE', roles: ['clearer', 'reader'], clearance: 'SECRET', caveats: ALL },
  // same post, not read into NODIS
  { name: 'nora', post: 'SECSTATE WASHDC', roles: ['drafter', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
]

function fields(caption: string | null, subject: string, clearers: string[]) {
  const mark = caption ? `S//${caption}` : 'S'
  return {
    precedence: 'PRIORITY',
    to: ['AMEMBASSY DUSHANBE'],
    classification: 'SECRET',
    captions: caption ? [caption] : [],
    eo: { order: '13526', declassify: '2036-01-01' },
    tags: ['PREL', 'TI'],
    subject: { marking: mark, text: subject },
    classifiedBy: 'Dana Drafter, Director, reasons 1.4 (b) and (d)',
    body: [{ marking: mark, text: `The ${subject.toLowerCase()} stays between principals.` }],
    signature: ['POMPEO'],
    clearers,
  }
}

/** What a call answers: the value's kind, or the refusal's code and message. */
async function answer(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn()
    return 'ok'
  } catch (error) {
    if (error instanceof ServiceError) return `${error.code}: ${error.message}`
    throw error
  }
}

describe.each(ENGINES)('who sees a draft (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  const clock = manualClock('2026-05-02T08:00:00Z')
  beforeEach(async () => {
    env = await freshContext({ now: clock.now }, engine)
    await addUsers(env.ctx, USERS)
  })
  afterEach(() => env.cleanup())

  /** How `who` sees draft `id`: `ok` or the error, with the id written as N so a missing draft compares equal. */
  async function show(who: string, id: number): Promise<string> {
    return (await answer(async () => visibleDraft(env.ctx, await actor(env.ctx, who), id, 'show-draft'))).replace(String(id), 'N')
  }
  const listed = async (who: string, id: number) => (await listDrafts(env.ctx, who)).some((d) => d.draft.id === id)
  const MISSING = 'NOT_FOUND: no draft N'

  it('should show an unreleased NODIS or EXDIS draft only to its drafter, named clearers and the approvers of its post', async () => {
    for (const caption of ['NODIS', 'EXDIS']) {
      const { draft } = await createDraft(env.ctx, 'dana', draftFromObject(fields(caption, `${caption} SUCCESSION`, ['carl', 'faye'])))
      for (const who of ['dana', 'carl', 'faye', 'abe']) {
        expect(await show(who, draft.id), who).toBe('ok')
        expect(await listed(who, draft.id), who).toBe(true)
      }
      // sam and root are cleared and read in, nora is at the post: none of them is in the draft's circle
      for (const who of ['sam', 'root', 'nora']) {
        expect(await show(who, draft.id), who).toBe(MISSING)
        expect(await show(who, 9999), who).toBe(MISSING)
        expect(await listed(who, draft.id), who).toBe(false)
        expect(await answer(() => releaseDraft(env.ctx, who, draft.id)), who).toBe(`NOT_FOUND: no draft ${draft.id}`)
      }
    }
    // a plain SECRET draft stays visible to the cleared people of its post, as the post's work
    const { draft: plain } = await createDraft(env.ctx, 'dana', draftFromObject(fields(null, 'ROAD SURVEY', ['carl'])))
    expect(await show('sam', plain.id)).toBe('ok')
    expect(await show('root', plain.id)).toBe('ok')
    expect(await show('faye', plain.id)).toBe(MISSING)
  })

  it('should show a released draft only to those the access rule lets read the cable', async () => {
    const { draft } = await createDraft(env.ctx, 'dana', draftFromObject(fields('NODIS', 'NODIS SUCCESSION', ['carl'])))
    await clearDraft(env.ctx, 'carl', draft.id)
    await approveDraft(env.ctx, 'abe', draft.id)
    const { cableId } = await releaseDraft(env.ctx, 'dana', draft.id, { principals: ['abe'] })
    // principals: the releaser dana and abe
    for (const who of ['dana', 'abe']) {
      expect(await show(who, draft.id), who).toBe('ok')
      expect(await listed(who, draft.id), who).toBe(true)
    }
    // carl cleared it, sam sits at the post, root administers it: none is a principal of the cable
    for (const who of ['carl', 'sam', 'root', 'faye', 'nora']) {
      expect(await show(who, draft.id), who).toBe(MISSING)
      expect(await listed(who, draft.id), who).toBe(false)
      expect(await answer(() => releaseDraft(env.ctx, who, draft.id)), who).toBe(`NOT_FOUND: no draft ${draft.id}`)
    }
    expect(await answer(() => releaseDraft(env.ctx, 'dana', draft.id))).toBe(`OUT_OF_ORDER: draft ${draft.id} was already released as ${cableId}`)
    expect(await answer(() => updateDraft(env.ctx, 'sam', draft.id, draftFromObject(fields('NODIS', 'X', ['carl']))))).toBe(`NOT_FOUND: no draft ${draft.id}`)
    const denials = await env.ctx.store.audit.query({ outcome: 'denied', actor: 'sam' })
    expect(denials.some((e) => e.draftId === draft.id && e.detail.includes(`released as ${cableId}`))).toBe(true)

    // a plain SECRET cable to Dushanbe: read at the originating post at once; at Dushanbe only once delivered
    const { draft: plain } = await createDraft(env.ctx, 'dana', draftFromObject(fields(null, 'ROAD SURVEY', ['faye'])))
    await clearDraft(env.ctx, 'faye', plain.id)
    await approveDraft(env.ctx, 'abe', plain.id)
    await releaseDraft(env.ctx, 'abe', plain.id)
    expect(await show('sam', plain.id)).toBe('ok')
    expect(await show('faye', plain.id)).toBe(MISSING)
  })

  it('should let a drafter correct only a cable he may read, answering for any other as for a missing one', async () => {
    const { draft } = await createDraft(env.ctx, 'dana', draftFromObject(fields('NODIS', 'NODIS SUCCESSION', ['carl'])))
    await clearDraft(env.ctx, 'carl', draft.id)
    await approveDraft(env.ctx, 'abe', draft.id)
    const { cableId } = await releaseDraft(env.ctx, 'dana', draft.id, { principals: ['abe'] })
    const missing = '26STATE999'
    const correct = (who: string, id: string) => answer(() => createDraft(env.ctx, who, draftFromObject(fields('NODIS', 'CORRECTED SUCCESSION', ['carl'])), id))
    // sam holds every caveat the cable carries but is no principal of it
    expect((await correct('sam', cableId)).replace(cableId, missing)).toBe(await correct('sam', missing))
    expect(await correct('sam', missing)).toBe(`NOT_FOUND: no released cable ${missing} to correct`)
    expect((await correct('nora', cableId)).replace(cableId, missing)).toBe(await correct('nora', missing))
    expect(await correct('dana', cableId)).toBe('ok')
    expect((await env.ctx.store.workflow.draftIds({})).length).toBe(2)
  })
})
