/**
 * The routing replay of a cable whose XMT (exclusion) line is withheld from its reader (QA 14 round 11, F3): the
 * reader in part's rendering holds a placeholder where the XMT line stood, so which members of the collective before
 * it were excluded is not readable. The replay never expands that collective as if no exclusion existed without
 * saying so: its members are `inferred`, their `via` says its exclusions may be withheld, and the note on withheld
 * address lines names the collective. A reader of the whole cable gets the exclusion. On both engines, synthetic
 * cables of the invented post ZEMBLA only.
 */
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { routeText } from '../../src/archive/output/write-route.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { readableAddressees } from '../../src/archive/withheld-addressees.js'
import { parseCable } from '../../src/format/parse.js'
import { ADDRESSEES_WITHHELD, replayRouting, routeWith, shippedDirectory } from '../../src/messaging/routing-replay.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable of ZEMBLA, serial `n`, with these address lines after FM; a (U) paragraph and an (S) one. */
const cable = (n: number, address: string[]) =>
  [
    'R 031200Z SEP 08',
    'FM AMEMBASSY ZEMBLA',
    ...address,
    '',
    `S E C R E T ZEMBLA 000${n}`,
    '',
    'SIPDIS',
    '',
    'E.O. 12958: DECL: 09/03/2018',
    'TAGS: PREL ZM',
    'SUBJECT: (U) INVENTED ROUTING PROBE',
    '',
    'Classified By: Ambassador Ada Nobody, reasons 1.4 (b)',
    '',
    '1. (U) Open routing paragraph.',
    '',
    '2. (S) Secret routing paragraph.',
    '',
    'NOBODY',
    '',
  ].join('\n')

const record = (t: string, n: number) =>
  toCableRecord(parseCable(t, { plain: true }), t, { locator: `c${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })

const COLLECTIVE = 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE'
// an XMT line whose words go on past its PLAD is no address line: a release judges it as text, unmarked, so at the
// overall SECRET, withheld from an UNCLASSIFIED reader
const XMT_PROSE = 'XMT AMEMBASSY KABUL ZORBEK TALKS'
const U: Access = { level: 0, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const PLACEHOLDER = '[Text withheld: unmarked: treated as the overall SECRET, above UNCLASSIFIED]'

describe.each(await storeEngines('route-withheld-exclusions'))('routing replay of a withheld XMT line on $name', (engine) => {
  it.skipIf(engine.skip)('marks the members of the collective before it inferred and says its exclusions may be withheld', async () => {
    const store = await engine.open()
    await store.upsertCables([record(cable(770, ['TO RUEHC/SECSTATE WASHDC 0770', `INFO ${COLLECTIVE}`, XMT_PROSE]), 1)])
    await configurePortionAccess(store, true)
    const r = (await routeWith(store, '08ZEMBLA770', shippedDirectory(), U))!
    expect(r.readInPart).toBe(true)
    const members = r.recipients.filter((x) => x.via.some((v) => v.includes(COLLECTIVE)))
    expect(members.length).toBeGreaterThan(1)
    for (const m of members) {
      expect(m.certainty, m.post).toBe('inferred')
      expect(m.via.join('; '), m.post).toMatch(/exclusions may be withheld/)
    }
    expect(r.addresseesWithheld).toContain(COLLECTIVE)
    expect(r.addresseesWithheld).toMatch(/XMT/)
    const text = routeText(r)
    expect(text).toContain(`XMT exclusions from ${COLLECTIVE}`)
    expect(JSON.stringify(r)).not.toMatch(/ZORBEK|TEXT WITHHELD/i)
    // the whole reader reads the exclusion: Kabul excluded, the observed members certain, no note
    const whole = (await routeWith(store, '08ZEMBLA770', shippedDirectory(), S))!
    expect(whole.addresseesWithheld).toBeNull()
    expect(whole.recipients.some((x) => x.certainty === 'certain' && x.via.some((v) => v.includes(COLLECTIVE)))).toBe(true)
    expect(whole.recipients.every((x) => x.via.every((v) => !/withheld/.test(v)))).toBe(true)
  })
})

describe('a replay of a text holding a placeholder after a collective', () => {
  const text = (lines: string[]) => parseCable(['R 031200Z SEP 08', 'FM AMEMBASSY ZEMBLA', ...lines, '', 'UNCLAS ZEMBLA 000001', '', 'SUBJECT: X', '', '1. (U) Text.', ''].join('\n'), { plain: true })

  it.each([
    ['a placeholder right after it', [`INFO ${COLLECTIVE}`, PLACEHOLDER]],
    ['a placeholder after its readable XMT line', [`INFO ${COLLECTIVE}`, 'XMT AMEMBASSY KABUL', PLACEHOLDER]],
    ['a placeholder after it in the TO list', [`TO ${COLLECTIVE}`, PLACEHOLDER, 'INFO AMEMBASSY ROME']],
  ])('reads the exclusions of a collective followed by %s as withheld', async (_name, lines) => {
    const parsed = text(lines)
    expect(readableAddressees(parsed).exclusionsWithheld.map((a) => a.name)).toEqual([COLLECTIVE])
    const r = await replayRouting(parsed, shippedDirectory())
    const members = r.recipients.filter((x) => x.via.some((v) => v.includes(COLLECTIVE)))
    expect(members.length).toBeGreaterThan(1)
    expect(members.every((m) => m.certainty === 'inferred')).toBe(true)
    expect(r.addresseesWithheld).toBe(`${ADDRESSEES_WITHHELD}; XMT exclusions from ${COLLECTIVE} may be among them, so its members are listed as inferred`)
  })

  it('leaves a collective with no placeholder after it as it is, when another line is withheld', async () => {
    const parsed = text([`TO ${COLLECTIVE}`, 'INFO AMEMBASSY ROME', PLACEHOLDER])
    // (the post before the placeholder is listed: no collective, so nothing of the replay changes for it)
    expect(readableAddressees(parsed).exclusionsWithheld.map((a) => a.name)).toEqual(['AMEMBASSY ROME'])
    const r = await replayRouting(parsed, shippedDirectory())
    expect(r.addresseesWithheld).toBe(ADDRESSEES_WITHHELD)
    expect(r.recipients.some((x) => x.certainty === 'certain' && x.via.some((v) => v.includes(COLLECTIVE)))).toBe(true)
  })
})
