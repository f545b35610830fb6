/**
 * `cable network` reads an addressee line exactly as the routing replay does (`addresseeStation` on `readAddressee`;
 * QA 14 round 9, F7): a line that names the post its routing indicator gives and runs on past it in words
 * (`AMEMBASSY BERN ZORBEK TALKS`, a precedence word amid prose) is that post, the one the replay reaches, never a
 * node of its prose; a name the directory does not hold stays the station the replay lists by that name. Its JSON, CSV and DOT are the same on every run (F9): edges keyed `source->target`, nodes and edges
 * in key order, whatever order the cables were stored in. On both engines, synthetic cables of invented posts.
 */
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { cableNetwork, networkCsv, networkDot, networkExport, networkJson } from '../../src/archive/network.js'
import { parseCable } from '../../src/format/parse.js'
import { routeWith, shippedDirectory } from '../../src/messaging/routing-replay.js'
import { storeEngines } from '../support/store-engines.js'

/** An UNCLAS cable of the invented post ZEMBLA, serial `n`, with these lines after its TO line. */
const cable = (n: number, lines: string[], day = 3) =>
  [
    'VZCZCXRO0001',
    'RR RUEHC',
    `DE RUEHZB #0${n}/01 0701200`,
    'ZNR UUUUU ZZH',
    `R 0${day}1200Z SEP 08`,
    'FM AMEMBASSY ZEMBLA',
    `TO RUEHC/SECSTATE WASHDC 0${n}`,
    ...lines,
    '',
    `UNCLAS ZEMBLA 000${n}`,
    '',
    'E.O. 12958: N/A',
    'TAGS: PREL ZM',
    'SUBJECT: INVENTED NETWORK PROBE',
    '',
    '1. (U) Open paragraph.',
    '',
    'NOBODY',
    '',
  ].join('\n')

const record = (t: string, n: number) =>
  toCableRecord(parseCable(t, { plain: true }), t, { locator: `c${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n}T00:00:00.000Z`, metadata: {} })

const CABLES = [
  cable(770, ['INFO RUEHSW/AMEMBASSY BERN ZORBEK TALKS']),
  cable(771, ['INFO RUEHRO/AMEMBASSY ROME PRIORITY THE MOLE']),
  // a station the directory does not hold, and one whose routing indicator is Rome's but whose name is not Rome's
  cable(772, ['INFO AMEMBASSY QUORIN', 'RUEHRO/ODC ROMAZ ZZ']),
]

describe.each(await storeEngines('network-readings'))('network addressees read as the routing replay reads them, on $name', (engine) => {
  it.skipIf(engine.skip)('should make the post the replay reaches by routing indicator when the line names it, never a node of prose', async () => {
    const store = await engine.open()
    await store.upsertCables(CABLES.map(record))
    const g = await cableNetwork(store)
    expect(g.nodes().sort()).toEqual(['AMEMBASSY BERN', 'AMEMBASSY QUORIN', 'AMEMBASSY ROME', 'AMEMBASSY ZEMBLA', 'ODC ROMAZ ZZ', 'SECSTATE WASHDC'])
    expect(g.getEdgeAttributes('AMEMBASSY ZEMBLA', 'AMEMBASSY BERN')).toMatchObject({ weight: 1, info: 1 })
    expect(networkCsv(g)).not.toMatch(/ZORBEK|MOLE|PRIORITY/)
    expect(g.getEdgeAttributes('AMEMBASSY ZEMBLA', 'AMEMBASSY ROME')).toMatchObject({ weight: 1 })
    // the replay of each cable reaches the stations its edges name (Quorin: a station the directory does not know,
    // listed by the replay under that name)
    for (const [id, post] of [['08ZEMBLA770', 'AMEMBASSY BERN'], ['08ZEMBLA771', 'AMEMBASSY ROME']]) {
      const r = (await routeWith(store, id, shippedDirectory()))!
      expect(r.recipients.map((x) => x.post)).toContain(post)
    }
    expect((await routeWith(store, '08ZEMBLA772', shippedDirectory()))!.unresolved.map((u) => u.name)).toContain('AMEMBASSY QUORIN')
  })

  it.skipIf(engine.skip)('should give the same JSON, CSV and DOT on every run and in whatever order the cables were stored', async () => {
    const one = await engine.open()
    await one.upsertCables(CABLES.map(record))
    const two = await engine.open()
    await two.upsertCables([...CABLES].reverse().map((t, i) => record(t, 3 - i)))
    const outputs = async (s: typeof one) => {
      const g = await cableNetwork(s)
      return [networkJson(g), networkCsv(g), networkDot(g)]
    }
    const first = await outputs(one)
    expect(await outputs(one)).toEqual(first)
    expect(await outputs(two)).toEqual(first)
    const x = networkExport(await cableNetwork(one))
    expect(x.edges.map((e) => e.key)).toEqual(['AMEMBASSY ZEMBLA->AMEMBASSY BERN', 'AMEMBASSY ZEMBLA->AMEMBASSY QUORIN', 'AMEMBASSY ZEMBLA->AMEMBASSY ROME', 'AMEMBASSY ZEMBLA->ODC ROMAZ ZZ', 'AMEMBASSY ZEMBLA->SECSTATE WASHDC'])
    expect(x.nodes.map((n) => n.key)).toEqual(['AMEMBASSY BERN', 'AMEMBASSY QUORIN', 'AMEMBASSY ROME', 'AMEMBASSY ZEMBLA', 'ODC ROMAZ ZZ', 'SECSTATE WASHDC'])
    expect(first[0]).not.toMatch(/geid_/)
  })
})
