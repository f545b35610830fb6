/**
 * QA 10 F3 and F4: a CFPF (History Lab) record whose text has no TO line is addressed by its `to_field`, and `cable
 * route` and `cable network` read those addressees with the one reading (`cableAddressees`): the route replays them,
 * inferred and marked as the container record's, where it said "nothing to route"; the origin a text-unavailable
 * record of the same post takes from its `from_field` (`QUORIN`) is the node of the post's FM line (`AMEMBASSY
 * QUORIN`), not a second one. A `to_field` name that is no station (a lone `"`, `=HYPERLINK(…`) is never an addressee
 * (a CONTAINER_VALUE_UNREAD diagnostic at import, dropped when read from an archive imported before), and the
 * network's CSV neutralises formula-leading cells the OWASP way (csv-stringify's escape_formulas, quoted). Both
 * engines and the CLI; synthetic records of the invented posts QUORIN and VELLORA.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DirectedGraph } from 'graphology'
import { afterAll, describe, expect, it } from 'vitest'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { cableNetwork, networkCsv, type CableNetwork } from '../../src/archive/network.js'
import { routeWith, shippedDirectory } from '../../src/messaging/routing-replay.js'
import { runCable } from '../memory-io.js'
import { storeEngines } from '../support/store-engines.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-container-addressees-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const clock = () => new Date('2026-03-01T00:00:00Z')

const body = (n: number, classLine: string) => `FM AMEMBASSY QUORIN\n\n${classLine} QUORIN 0${n}\n\nE.O. 11652: GDS\nTAGS: PFOR, QR\nSUBJECT: (C) INVENTED QUAY TALKS\n\n1. (C) INVENTED TEXT ABOUT QUAY ROPES.\n\nNOBODY\n`
const record = (n: number, to: string, text: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ doc_nbr: `1975QUORIN00${n}`, date: '1975-04-02T00:00:00', from_field: 'QUORIN', to_field: to, subject: 'INVENTED QUAY TALKS', body: text, classification: 'CONFIDENTIAL', orighand: 'n/a', tags: ['PFOR', 'QR'], ...extra })
const RECORDS = [
  record(411, 'SECSTATE WASHDC; AMEMBASSY VELLORA', body(411, 'C O N F I D E N T I A L')),
  record(413, 'SECSTATE WASHDC', 'MRN: 1975QUORIN000413  SEGMENT NUMBER: 000001  ERROR READING TEXT INDEX FILE; TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE ', { locator: 'ADS TEXT UNRETRIEVABLE' }),
  record(420, '=HYPERLINK("http://example.invalid/x","click"); "', body(420, 'C O N F I D E N T I A L')),
]

function inputs(label: string): string {
  const dir = join(root, label)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'cfpf.jsonl'), RECORDS.join('\n') + '\n')
  return dir
}

describe.each(await storeEngines('container-addressees'))('container addressees read by route and network alike on $name', (engine) => {
  it.skipIf(engine.skip)('should replay the to_field addressees the network draws, inferred and marked as the container record’s', async () => {
    const store = await engine.open()
    await importArchive(store, [inputs(`route-${engine.name}`)], { now: clock, parallel: false })
    const r = (await routeWith(store, '75QUORIN411', shippedDirectory()))!
    expect(r.noRecipientsBecause).toBeNull()
    expect(r.addresseesFromContainer).toMatch(/container record/)
    expect(r.recipients.map((x) => [x.post, x.role, x.certainty])).toEqual([['SECSTATE WASHDC', 'action', 'inferred']])
    expect(r.recipients[0].via[0]).toMatch(/^TO \(container record/)
    expect(r.unresolved.map((u) => u.name)).toEqual(['AMEMBASSY VELLORA'])
    const g = await cableNetwork(store)
    // every to_field station the route reads is an edge of the network, and no other
    expect(g.outNeighbors('AMEMBASSY QUORIN').sort()).toEqual(['AMEMBASSY VELLORA', 'SECSTATE WASHDC'])
    // the text-unavailable record's origin (from_field QUORIN) is the FM line's station: one node
    expect(g.nodes().sort()).toEqual(['AMEMBASSY QUORIN', 'AMEMBASSY VELLORA', 'SECSTATE WASHDC'])
    expect(g.getEdgeAttributes('AMEMBASSY QUORIN', 'SECSTATE WASHDC').weight).toBe(2)
    expect(g.getNodeAttributes('AMEMBASSY QUORIN').sent).toBe(3)
  })

  it.skipIf(engine.skip)('should read no stray quote or formula of a to_field as a station, said at import and dropped when read', async () => {
    const store = await engine.open()
    await importArchive(store, [inputs(`junk-${engine.name}`)], { now: clock, parallel: false })
    const c = (await store.getCable('75QUORIN420'))!
    expect(c.addressees).toEqual([])
    expect(c.diagnostics.filter((d) => d.code === 'CONTAINER_VALUE_UNREAD').map((d) => d.message).join('\n')).toMatch(/HYPERLINK.*no station name/)
    const csv = networkCsv(await cableNetwork(store))
    expect(csv).not.toMatch(/HYPERLINK|CLICK|^[^,]*,"""",/m)
    // an archive imported before the check holds such names: they are read as no addressee
    const old = { ...c, addressees: [{ role: 'to' as const, name: '"', route: null, precedence: null }, { role: 'to' as const, name: '=HYPERLINK("HTTP', route: null, precedence: null }], diagnostics: [...c.diagnostics, { code: 'ADDRESSEES_FROM_CONTAINER', severity: 'info', message: 'x', line: 0, column: 0 }] }
    const { cableAddressees } = await import('../../src/archive/cable-addressees.js')
    expect(cableAddressees(old)).toMatchObject({ to: [], toFromContainer: false })
  })
})

describe('network CSV', () => {
  it('should neutralise formula-leading cells the OWASP way and quote a stray quote', () => {
    const g: CableNetwork = new DirectedGraph()
    for (const n of ['AMEMBASSY QUORIN', '=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tTAB', '"']) g.addNode(n, { sent: 0, received: 0 })
    for (const n of g.nodes().slice(1)) g.addEdge('AMEMBASSY QUORIN', n, { weight: 1, years: { '1975': 1 }, action: 1, info: 0 })
    const rows = networkCsv(g).trimEnd().split('\n').slice(1)
    expect(rows).toEqual([
      'AMEMBASSY QUORIN,"\'\tTAB",1975,1',
      'AMEMBASSY QUORIN,"""",1975,1',
      'AMEMBASSY QUORIN,"\'+1",1975,1',
      'AMEMBASSY QUORIN,"\'-2",1975,1',
      'AMEMBASSY QUORIN,"\'=HYPERLINK(""x"")",1975,1',
      'AMEMBASSY QUORIN,"\'@SUM(A1)",1975,1',
    ])
  })
})

describe('cable route and cable network (CLI)', () => {
  it('should route the container addressees the network draws, and write no formula', async () => {
    const db = join(root, 'cli.db')
    expect((await runCable(['import', inputs('cli'), '--db', db])).code).toBe(0)
    const route = await runCable(['route', '75QUORIN411', '--db', db])
    expect(route.stdout).not.toMatch(/nothing to route/)
    expect(route.stdout).toMatch(/SECSTATE WASHDC\s+action\s+\S+\s+inferred\s+TO \(container record/)
    expect(route.stdout).toMatch(/the text has no TO line/)
    const net = await runCable(['network', '--format', 'csv', '--db', db])
    expect(net.stdout).toBe('source,target,year,weight\nAMEMBASSY QUORIN,AMEMBASSY VELLORA,1975,1\nAMEMBASSY QUORIN,SECSTATE WASHDC,1975,2\n')
  })
})
