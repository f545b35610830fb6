/**
 * The routing replay of a cable read in part (portion-level access; QA 14 round 9, F6): an address line withheld
 * from the reader is a placeholder line in his rendering, which the header parser reads under the open list as one
 * more addressee. It is no post: never "not in the directory", never given a role; the replay says address lines
 * are withheld without how many or in which role, and the TO lines after one (whose role the withheld line may have
 * changed) are not read. On both engines, synthetic cables of the invented post ZEMBLA only.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { routeText } from '../../src/archive/output/write-route.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { readableAddressees } from '../../src/archive/withheld-addressees.js'
import { parseCable } from '../../src/format/parse.js'
import { ADDRESSEES_WITHHELD, replayRouting, routeWith, shippedDirectory, type CableRoute } from '../../src/messaging/routing-replay.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-route-withheld-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A SECRET cable of ZEMBLA, serial `n`, with these address lines after FM; a (U) paragraph and an (S) one. */
const cable = (n: number, address: string[]) =>
  [
    'VZCZCXRO0001',
    'RR RUEHC',
    `DE RUEHZB #0${n}/01 0701200`,
    'ZNY SSSSS ZZH',
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
  toCableRecord(parseCable(t, { plain: true }), t, { locator: `c${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n % 10}T00:00:00.000Z`, metadata: {} })

// an INFO line whose words go on past its PLAD is no address line (plad-line.ts): a release judges it as text, unmarked,
// so at the overall SECRET, withheld from an UNCLASSIFIED reader
const INFO_PROSE = 'INFO RUEHSW/AMEMBASSY BERN ZORBEK TALKS'
const U: Access = { level: 0, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const rows = (r: CableRoute) => r.recipients.map((x) => [x.post, x.role])

describe.each(await storeEngines('route-withheld-addressees'))('routing replay of withheld address lines on $name', (engine) => {
  it.skipIf(engine.skip)('should read a withheld INFO line as withheld, never as an addressee in the TO role', async () => {
    const store = await engine.open()
    await store.upsertCables([record(cable(760, ['TO RUEHC/SECSTATE WASHDC 0760', INFO_PROSE]), 1)])
    await configurePortionAccess(store, true)
    const r = (await routeWith(store, '08ZEMBLA760', shippedDirectory(), U))!
    expect(r.readInPart).toBe(true)
    expect(rows(r)).toEqual([['SECSTATE WASHDC', 'action']])
    expect(r.unresolved).toEqual([])
    expect(r.addresseesWithheld).toMatch(/^address lines are withheld for your clearance/)
    const text = routeText(r)
    expect(text).not.toMatch(/withheld:|Not in the directory/i)
    expect(text).toContain('address lines are withheld for your clearance')
    expect(JSON.stringify(r)).not.toMatch(/ZORBEK|BERN|TEXT WITHHELD/i)
    // the whole reader reads the line: Bern by its routing indicator, nothing withheld
    const whole = (await routeWith(store, '08ZEMBLA760', shippedDirectory(), S))!
    expect(whole.addresseesWithheld).toBeNull()
    expect(rows(whole)).toEqual([
      ['SECSTATE WASHDC', 'action'],
      ['AMEMBASSY BERN', 'info'],
    ])
  })

  it.skipIf(engine.skip)('should not read the TO lines after a withheld one (their role is not readable), and keep the INFO lines', async () => {
    const store = await engine.open()
    const address = ['TO RUEHC/SECSTATE WASHDC 0404', 'RUEHSW/AMEMBASSY BERN ZORBEK TALKS', 'RUEHFR/AMEMBASSY PARIS 0404', 'INFO RUEHRO/AMEMBASSY ROME 0404']
    await store.upsertCables([record(cable(404, address), 1)])
    await configurePortionAccess(store, true)
    const r = (await routeWith(store, '08ZEMBLA404', shippedDirectory(), U))!
    expect(r.readInPart).toBe(true)
    expect(rows(r)).toEqual([
      ['SECSTATE WASHDC', 'action'],
      ['AMEMBASSY ROME', 'info'],
    ])
    expect(r.unresolved).toEqual([])
    expect(r.addresseesWithheld).not.toBeNull()
    expect(JSON.stringify(r)).not.toMatch(/ZORBEK|TEXT WITHHELD/i)
  })
})

describe('a replay of a text holding placeholders under its address lists', () => {
  const placeholder = '[Text withheld: unmarked: treated as the overall SECRET, above UNCLASSIFIED]'
  const text = (lines: string[]) => parseCable(['R 031200Z SEP 08', 'FM AMEMBASSY ZEMBLA', ...lines, '', 'UNCLAS ZEMBLA 000001', '', 'SUBJECT: X', '', '1. (U) Text.', ''].join('\n'), { plain: true })

  it('should read no TO line after a placeholder (it may have stood for the INFO line), and the INFO lines after one as INFO', async () => {
    const r = await replayRouting(text(['TO RUEHC/SECSTATE WASHDC', placeholder, 'RUEHFR/AMEMBASSY PARIS', 'INFO RUEHRO/AMEMBASSY ROME', placeholder, 'RUEHSW/AMEMBASSY BERN']), shippedDirectory())
    expect(r.recipients.map((x) => [x.post, x.role])).toEqual([
      ['SECSTATE WASHDC', 'action'],
      ['AMEMBASSY BERN', 'info'],
      ['AMEMBASSY ROME', 'info'],
    ])
    expect([r.unresolved, r.addresseesWithheld]).toEqual([[], ADDRESSEES_WITHHELD])
  })

  it('should say the address lines are withheld when none it may read is left, never that the cable has none', async () => {
    // the TO line withheld: the placeholder stands under FM, where no list is open
    const r = await replayRouting(text([placeholder]), shippedDirectory())
    expect(r.recipients).toEqual([])
    expect(r.noRecipientsBecause).toBe(`${ADDRESSEES_WITHHELD}, and none you may read names a post`)
    expect(r.addresseesWithheld).toBe(ADDRESSEES_WITHHELD)
    // a cable with no address line at all still says so
    expect((await replayRouting(text([]), shippedDirectory())).noRecipientsBecause).toMatch(/no TO or INFO line/)
  })
})

describe('readableAddressees', () => {
  it('should drop a placeholder read as an addressee or an XMT exclusion, in any letter case, and leave a text without one as it is', () => {
    const head = (lines: string[]) => parseCable(['R 031200Z SEP 08', 'FM AMEMBASSY ZEMBLA', ...lines, '', 'UNCLAS ZEMBLA 000001', '', 'SUBJECT: X', '', '1. (U) Text.', ''].join('\n'), { plain: true })
    const plain = head(['TO SECSTATE WASHDC', 'INFO AMEMBASSY ROME', 'AMEMBASSY BERN'])
    expect(readableAddressees(plain)).toEqual({ to: plain.to, info: plain.info, withheld: false, exclusionsWithheld: [] })
    const xmt = head(['TO SECSTATE WASHDC', 'INFO ALL SOUTH AND CENTRAL ASIA COLLECTIVE', 'XMT AMEMBASSY KABUL', '[Text withheld: unmarked: treated as the overall SECRET, above UNCLASSIFIED]'])
    const read = readableAddressees(xmt)
    expect(read.withheld).toBe(true)
    expect(read.info.map((a) => [a.name, a.excluded])).toEqual([['ALL SOUTH AND CENTRAL ASIA COLLECTIVE', ['AMEMBASSY KABUL']]])
    const info = readableAddressees({ to: [], info: [{ route: null, name: '[TEXT WITHHELD: ABOVE UNCLASSIFIED]', precedence: null, serial: null, excluded: null }, { route: null, name: 'AMEMBASSY ROME', precedence: null, serial: null, excluded: null }] })
    expect(info).toEqual({ to: [], info: [{ route: null, name: 'AMEMBASSY ROME', precedence: null, serial: null, excluded: null }], withheld: true, exclusionsWithheld: [] })
  })
})
