import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { approveDraft, clearDraft, createDraft, draftFromObject, releaseDraft, subscribe } from '../../src/messaging/index.js'
import { replayRouting, routeCable, routeDifferences, shippedDirectory } from '../../src/messaging/routing-replay.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { addUsers, freshContext, manualClock, STATE_TEAM } from '../messaging/fixtures.js'
import { HAS_SEED_CABLE, SEED } from './shared-corpus.js'
import { routeText } from '../../src/archive/output/write-route.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { releasedPeople } from '../../src/messaging/released-people.js'

const directory = shippedDirectory()
const SCA = 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE'

function members(collective: string): { post: string; inferred: boolean }[] {
  const rows = readFileSync(new URL('../../data/directory-collectives.tsv', import.meta.url), 'utf8').split('\n').slice(1)
  return rows.map((l) => l.split('\t')).filter((c) => c[0] === collective).map((c) => ({ post: c[2], inferred: c[3] === '1' }))
}

describe('an empty routing replay says why', () => {
  const body = '\n\nUNCLAS VELLORA 000007\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: INVENTED EMPTY ROUTE\n\n1. (U) Text.\n'

  it('should name the missing address lines, unknown addressees and XMT exclusions', async () => {
    const none = await replayRouting(parseCable(body.trimStart()), directory)
    expect(none.recipients).toEqual([])
    expect(none.noRecipientsBecause).toMatch(/no TO or INFO line/)
    const unknown = await replayRouting(parseCable(`R 010101Z JAN 09\nFM AMEMBASSY DUSHANBE\nTO AMEMBASSY ATLANTIS\nINFO AMCONSUL EL DORADO${body}`), directory)
    expect(unknown.noRecipientsBecause).toBe('2 of its 2 addressees are not in the directory')
    const known = await replayRouting(parseCable(`R 010101Z JAN 09\nFM AMEMBASSY DUSHANBE\nTO SECSTATE WASHDC${body}`), directory)
    expect(known.recipients.length).toBe(1)
    expect(known.noRecipientsBecause).toBeNull()
  })
})

describe.skipIf(!HAS_SEED_CABLE)('routing replay of the seed (../shared/corpus/seed; skipped when absent)', () => {
  it('should give Dushanbe action IMMEDIATE and every member of the collective info, nothing else', async () => {
    const r = await replayRouting(parseCable(readFileSync(SEED, 'utf8')), directory)
    const expected = new Map(members(SCA).map((m) => [m.post, ['info', 'IMMEDIATE']]))
    expected.set('AMEMBASSY DUSHANBE', ['action', 'IMMEDIATE'])
    expect(new Map(r.recipients.map((x) => [x.post, [x.role, x.precedence]]))).toEqual(expected)
    expect(r.recipients[0]).toMatchObject({ post: 'AMEMBASSY DUSHANBE', role: 'action', certainty: 'certain' })
    // observed members are certain, the rest inferred: the FL2 relay line makes no post certain (spec §3.2)
    for (const x of r.recipients) expect(x.certainty).toBe(members(SCA).find((m) => m.post === x.post)?.inferred ? 'inferred' : 'certain')
    expect(r.recipients.filter((x) => x.certainty === 'inferred').length).toBeGreaterThan(0)
    expect([r.excluded, r.unresolved, r.profile, r.relays]).toEqual([[], [], [], []])
  })
})

describe('the FL2 relay line names relays, not recipients (spec §3.2; QA 14 W6)', () => {
  const text = (fl2: string, info = `INFO ${SCA} IMMEDIATE`) =>
    ['VZCZCXRO0001', `OO ${fl2}`, 'DE RUEHC #0007/01 0010101', 'ZNR UUUUU ZZH', 'O 010101Z JAN 09', 'FM SECSTATE WASHDC', 'TO RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 0001', info, '', 'UNCLAS STATE 000007', '', 'E.O. 12958: N/A', 'TAGS: PREL XY', 'SUBJECT: INVENTED RELAY TEST', '', '1. (U) Text.', ''].join('\n')

  it('should list a relay RI that no addressee or collective member holds apart, never as a recipient', async () => {
    // RUEHKB is Baku, no member of the South and Central Asia collective: only a relay of this copy
    const r = await replayRouting(parseCable(text('RUEHDBU RUEHKB RUEHZZZ')), directory)
    expect(r.recipients.map((x) => x.post)).not.toContain('AMEMBASSY BAKU')
    expect(r.recipients.map((x) => x.route)).not.toContain('RUEHKB')
    expect(r.relays).toEqual([
      { route: 'RUEHKB', post: 'AMEMBASSY BAKU' },
      { route: 'RUEHZZZ', post: null },
    ])
    // the recipients are the addressees and the collective's members, as without the relay line
    const bare = await replayRouting(parseCable(text('RUEHDBU')), directory)
    expect(r.recipients.map((x) => [x.post, x.role, x.precedence, x.certainty])).toEqual(bare.recipients.map((x) => [x.post, x.role, x.precedence, x.certainty]))
    expect(routeText({ key: 'k', id: '09STATE7', ...r, readInPart: false, deliveries: null, matchesDeliveries: null, deliveryDifferences: null })).toContain(
      'Relayed through (FL2 routing indicators; relays, not recipients): RUEHKB (AMEMBASSY BAKU), RUEHZZZ\n',
    )
  })

  it('should not make an inferred collective member certain because the relay line names its RI', async () => {
    const inferred = members(SCA).find((m) => m.inferred)!
    const post = (await directory.post(inferred.post))!
    const r = await replayRouting(parseCable(text(`RUEHDBU ${post.route}`)), directory)
    expect(r.recipients.find((x) => x.post === inferred.post)).toMatchObject({ certainty: 'inferred', via: [`INFO ${SCA} (member, inferred)`, `FL2 ${post.route} (relayed there)`] })
    expect(r.relays).toEqual([])
  })

  it('should not add a post the directory no longer lists in the collective, though the relay line names its RI', async () => {
    const changed = {
      ...directory,
      source: directory.source,
      collective: async (plad: string) => {
        const c = await directory.collective(plad)
        return c && { ...c, members: c.members.filter((m) => m.post !== 'AMEMBASSY BISHKEK') }
      },
    }
    const r = await replayRouting(parseCable(text('RUEHDBU RUEHEK', `INFO ${SCA}`)), changed)
    expect(r.recipients.map((x) => x.post)).not.toContain('AMEMBASSY BISHKEK')
    expect(r.relays).toEqual([{ route: 'RUEHEK', post: 'AMEMBASSY BISHKEK' }])
  })
})

describe('where a replay and the recorded deliveries part', () => {
  it('should name each post delivered but not replayed, replayed but not delivered, or reached otherwise', () => {
    const replayed = [
      { post: 'AMEMBASSY DUSHANBE', role: 'action', precedence: 'IMMEDIATE' },
      { post: 'AMEMBASSY KABUL', role: 'info', precedence: 'ROUTINE' },
      { post: 'AMEMBASSY TASHKENT', role: 'info', precedence: 'ROUTINE' },
    ]
    const delivered = [
      { post: 'AMEMBASSY BISHKEK', role: 'info', precedence: 'ROUTINE' },
      { post: 'AMEMBASSY DUSHANBE', role: 'action', precedence: 'IMMEDIATE' },
      { post: 'AMEMBASSY TASHKENT', role: 'action', precedence: 'PRIORITY' },
    ]
    expect(routeDifferences(replayed, delivered)).toEqual([
      'AMEMBASSY BISHKEK: delivered info ROUTINE, not replayed',
      'AMEMBASSY KABUL: replayed info ROUTINE, not delivered',
      'AMEMBASSY TASHKENT: replayed info ROUTINE, delivered action PRIORITY',
    ])
    expect(routeDifferences(delivered, delivered)).toEqual([])
  })
})

describe('routing replay of synthetic cables', () => {
  const cable = (head: string) => parseCable(`${head}\n\nUNCLAS VELLORA 000007\n\nE.O. 12958: N/A\nTAGS: PREL XY\nSUBJECT: INVENTED ROUTING TEST\n\n1. (U) Text.\n`)

  it('should apply XMT, the FL5 dual precedence, routing indicators, and list unknown addressees', async () => {
    const r = await replayRouting(
      cable(
        [
          'P R 010101Z JAN 09',
          'FM AMEMBASSY DUSHANBE',
          'TO RUEHBI/AMCONSUL NOWHERE',
          'INFO AMEMBASSY ATLANTIS',
          'ALL SOUTH AND CENTRAL ASIA COLLECTIVE',
          'XMT AMEMBASSY KABUL',
          'AMCONSUL PESHAWAR',
        ].join('\n'),
      ),
      directory,
    )
    const sca = members(SCA).map((m) => m.post)
    // the unknown PLAD with a known routing indicator (RUEHBI is Mumbai) is listed as not in the directory; the post
    // of its routing indicator is reached, saying why (certain here only as an observed member of the collective)
    expect(r.recipients.find((x) => x.post === 'AMCONSUL MUMBAI')).toMatchObject({ role: 'action', precedence: 'PRIORITY', precedenceFrom: 'FL5', certainty: 'certain', via: ['TO RUEHBI (its routing indicator; AMCONSUL NOWHERE is not in the directory)', 'INFO ALL SOUTH AND CENTRAL ASIA COLLECTIVE (member, observed)'] })
    expect(r.recipients.find((x) => x.post === 'AMEMBASSY ISLAMABAD')).toMatchObject({ role: 'info', precedence: 'ROUTINE', precedenceFrom: 'FL5', certainty: 'inferred' })
    expect(r.excluded).toEqual([
      { post: 'AMCONSUL PESHAWAR', collective: SCA },
      { post: 'AMEMBASSY KABUL', collective: SCA },
    ].sort((a, b) => sca.indexOf(a.post) - sca.indexOf(b.post)))
    expect(r.recipients.map((x) => x.post)).not.toContain('AMEMBASSY KABUL')
    expect(r.recipients).toHaveLength(sca.length - 2)
    expect(r.unresolved).toEqual([
      { role: 'action', name: 'AMCONSUL NOWHERE', route: 'RUEHBI' },
      { role: 'info', name: 'AMEMBASSY ATLANTIS', route: null },
    ])
  })

  it('should keep the post of an unknown addressee\'s routing indicator inferred, relayed there or not', async () => {
    const head = (fl2: string) => [`RR ${fl2}`, 'DE RUEHDBU #0001 0010101', 'R 010101Z JAN 09', 'FM AMEMBASSY DUSHANBE', 'TO RUEHBI/AMCONSUL NOWHERE'].join('\n')
    const relayed = await replayRouting(cable(head('RUEHBI')), directory)
    expect(relayed.recipients.find((x) => x.post === 'AMCONSUL MUMBAI')).toMatchObject({ certainty: 'inferred', via: ['TO RUEHBI (its routing indicator; AMCONSUL NOWHERE is not in the directory)', 'FL2 RUEHBI (relayed there)'] })
    expect(relayed.unresolved).toEqual([{ role: 'action', name: 'AMCONSUL NOWHERE', route: 'RUEHBI' }])
    // not relayed: inferred
    const direct = await replayRouting(cable(['R 010101Z JAN 09', 'FM AMEMBASSY DUSHANBE', 'TO RUEHBI/AMCONSUL NOWHERE'].join('\n')), directory)
    expect(direct.recipients).toEqual([expect.objectContaining({ post: 'AMCONSUL MUMBAI', role: 'action', certainty: 'inferred', via: ['TO RUEHBI (its routing indicator; AMCONSUL NOWHERE is not in the directory)'] })])
    // an unknown routing indicator and an unknown name: nothing reached, the addressee listed
    const unknown = await replayRouting(cable(['R 010101Z JAN 09', 'FM AMEMBASSY DUSHANBE', 'TO RUEHQQQ/AMCONSUL NOWHERE'].join('\n')), directory)
    expect(unknown.recipients).toEqual([])
    expect(unknown.unresolved).toEqual([{ role: 'action', name: 'AMCONSUL NOWHERE', route: 'RUEHQQQ' }])
  })
})

describe('routing replay of a released cable', () => {
  let env: Awaited<ReturnType<typeof freshContext>>
  beforeEach(async () => {
    env = await freshContext({ now: manualClock('2026-05-02T08:00:00Z').now })
    await addUsers(env.ctx, [...STATE_TEAM, { name: 'ivan', post: 'AMEMBASSY PARIS', roles: ['reader'], clearance: 'SECRET' }])
  })
  afterEach(() => env.cleanup())

  it('should equal its actual deliveries, and name the posts its TAGS reach by subscription apart', async () => {
    const { ctx } = env
    await subscribe(ctx, 'ivan', 'tag', 'TI')
    const { draft } = await createDraft(
      ctx,
      'dana',
      draftFromObject({
        precedence: 'PRIORITY',
        to: ['AMEMBASSY DUSHANBE', 'RUEHBI/AMCONSUL MUMBAI'],
        info: [{ name: SCA, precedence: 'ROUTINE', xmt: ['AMEMBASSY KABUL'] }],
        classification: 'UNCLASSIFIED',
        captions: ['SIPDIS'],
        tags: ['PREL', 'TI'],
        subject: { marking: 'U', text: 'INVENTED TRAINING SCHEDULE' },
        body: [{ marking: 'U', text: 'Training begins in May.' }],
        signature: ['DOE'],
        clearers: ['carl', 'cleo'],
      }),
    )
    await clearDraft(ctx, 'carl', draft.id)
    await clearDraft(ctx, 'cleo', draft.id)
    await approveDraft(ctx, 'abe', draft.id)
    const released = await releaseDraft(ctx, 'abe', draft.id)
    const store = openSqliteStore(env.path)
    try {
      const route = (await routeCable(store, env.path, released.cableId))!
      expect(route.matchesDeliveries).toBe(true)
      expect(route.deliveryDifferences).toEqual([])
      const replayed = route.recipients.map((r) => ({ post: r.post, role: r.role, precedence: r.precedence })).sort((a, b) => a.post.localeCompare(b.post))
      expect(replayed).toEqual([...released.deliveries].sort((a, b) => a.post.localeCompare(b.post)))
      expect(route.profile).toEqual([{ post: 'AMEMBASSY PARIS', matched: ['tag'] }])
      // its drafter, clearers and approver are people of the archive
      const people = (await releasedPeople(ctx.store)).map((m) => [m.cable, m.role, m.written])
      expect(people).toEqual([
        [released.cableId, 'drafter', expect.any(String)],
        [released.cableId, 'clearer', expect.any(String)],
        [released.cableId, 'clearer', expect.any(String)],
        [released.cableId, 'approver', expect.any(String)],
      ])
      // an imported copy of the same text, in a plain archive, replays the same posts through the shipped directory
      const plain = openSqliteStore(':memory:')
      const text = (await store.getCable(released.cableId))!.text
      await plain.upsertCables([toCableRecord(parseCable(text), text, { locator: 'x.txt', rendering: 'text', sha256: '0'.repeat(64), importedAt: '2026-01-01T00:00:00Z', metadata: {} })])
      const again = (await routeCable(plain, ':memory:', released.cableId))!
      expect(again.recipients.map((r) => [r.post, r.role, r.precedence])).toEqual(route.recipients.map((r) => [r.post, r.role, r.precedence]))
      expect(again.deliveries).toBeNull()
      await plain.close()
    } finally {
      await store.close()
    }
  })
})
