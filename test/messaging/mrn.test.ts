import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { approveDraft, clearDraft, createDraft, draftFromObject, releaseDraft, ServiceError } from '../../src/messaging/index.js'
import { openStore } from '../../src/store/open-store.js'
import type { MessagingStore } from '../../src/store/messaging-store.js'
import { makeRecord } from '../store/make-record.js'
import { addUsers, ENGINES, freshContext, manualClock, STATE_TEAM, type TestContext } from './fixtures.js'

/**
 * MRN numbering (issue 15): serials count 1, 2, 3… per origin and year, and a number an imported historical
 * cable already holds is skipped, not issued twice. Expected MRNs are written out.
 */

const notice = (n: number) => ({
  precedence: 'ROUTINE',
  to: ['AMEMBASSY DUSHANBE'],
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['AMGT'],
  subject: { marking: 'U', text: `MRN NOTICE ${n}` },
  body: [
    { marking: 'U', text: `Notice ${n}.` },
    { marking: 'U', text: 'No action required.' },
  ],
  signature: ['POMPEO'],
  clearers: ['carl'],
})

type Workflow = MessagingStore['workflow']

/** `store` whose workflow part (in and out of transactions) is `wrap(workflow)`. */
function withWorkflow(store: MessagingStore, wrap: (w: Workflow) => Workflow): MessagingStore {
  return {
    engine: store.engine,
    directory: store.directory,
    workflow: wrap(store.workflow),
    delivery: store.delivery,
    subscriptions: store.subscriptions,
    audit: store.audit,
    auth: store.auth,
    transaction: (fn) => store.transaction((tx) => fn(withWorkflow(tx, wrap))),
    close: () => store.close(),
  }
}

describe.each(ENGINES)('MRN numbering (%s)', (engine) => {
  let env: TestContext
  const clock = manualClock('2026-07-01T10:00:00Z')
  let n = 0
  const release = async (ctx = env.ctx) => {
    const { draft } = await createDraft(env.ctx, 'dana', draftFromObject(notice(++n)))
    await clearDraft(env.ctx, 'carl', draft.id)
    await approveDraft(env.ctx, 'abe', draft.id)
    return releaseDraft(ctx, 'abe', draft.id)
  }

  beforeEach(async () => {
    env = await freshContext({ now: clock.now }, engine)
    await addUsers(env.ctx, STATE_TEAM)
  })
  afterEach(() => env.cleanup())

  it('should number releases one by one and skip the numbers imported cables already hold', async () => {
    expect((await release()).mrn).toBe('STATE 000001')
    // the archive imports historical cables 26 STATE 2 and 3 (the ids this post would issue next)
    const archive = openStore(env.path)
    try {
      await archive.upsertCables([makeRecord({ key: '26STATE2', originKey: 'STATE' }), makeRecord({ key: '26STATE3', originKey: 'STATE' })])
    } finally {
      await archive.close()
    }
    const next = await release()
    expect(next.mrn).toBe('STATE 000004')
    expect(next.cableId).toBe('26STATE4')
    expect((await release()).mrn).toBe('STATE 000005')
  })

  it('should preview the MRN the next release takes (peekSerial), and consume none in the preview', async () => {
    // the store's answer itself, then what a drafter sees: a draft's preview carries the serial peekSerial gives
    expect(await env.ctx.store.workflow.peekSerial('STATE', 2026)).toBe(1)
    expect((await release()).mrn).toBe('STATE 000001')
    expect(await env.ctx.store.workflow.peekSerial('STATE', 2026)).toBe(2)
    expect(await env.ctx.store.workflow.peekSerial('STATE', 2026)).toBe(2)
    const { preview } = await createDraft(env.ctx, 'dana', draftFromObject(notice(++n)))
    expect(preview.cable.mrn).toEqual({ origin: 'STATE', serial: '000002' })
    // another post's counter and another year's are their own
    expect(await env.ctx.store.workflow.peekSerial('STATE', 2027)).toBe(1)
    expect(await env.ctx.store.workflow.peekSerial('HARARE', 2026)).toBe(1)
    expect((await release()).mrn).toBe('STATE 000002')
  })

  it('should refuse a release when imported cables hold the next 1,000 MRNs, and store nothing', async () => {
    const asked: number[] = []
    const taken = withWorkflow(env.ctx.store, (w) =>
      new Proxy(w, {
        get: (target, key) =>
          key === 'archiveHas'
            ? async () => true
            : key === 'nextSerial'
              ? async (origin: string, year: number) => {
                  const s = await target.nextSerial(origin, year)
                  asked.push(s)
                  return s
                }
              : Reflect.get(target, key),
      }),
    )
    const refused = await release({ ...env.ctx, store: taken }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ServiceError)
    expect((refused as ServiceError).code).toBe('CONFLICT')
    expect((refused as ServiceError).message).toMatch(/next 1000 MRNs of STATE/)
    // serial 1 plus 1,000 skipped ones were tried
    expect(asked).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1))
    // the refusal rolled the counter back: the next real release is number 1
    expect((await release()).mrn).toBe('STATE 000001')
  })
})
