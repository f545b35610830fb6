/**
 * Research commands on a cable the reader may read only in part (portion-level access; QA 14 R1): `route` works on
 * his rendering (address lines he may read; no profile distribution or recorded deliveries, which depend on the
 * whole cable) and says so; `diff` says clearly that the versions cannot be compared without the withheld text,
 * never "not in the archive" and never a word of it; a reader who may read none of the cable is told it is not in
 * the archive (no existence leak). On both engines. Synthetic cables only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { diffVersions, ReadInPartError } from '../../src/archive/cable-versions.js'
import { routeText } from '../../src/archive/output/write-route.js'
import { graphTree } from '../../src/archive/output/write-graph.js'
import { referenceGraph } from '../../src/archive/reference-graph.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { parseCable } from '../../src/format/parse.js'
import { routeWith, shippedDirectory } from '../../src/messaging/routing-replay.js'
import type { Access } from '../../src/store/store.js'
import { runCable } from '../memory-io.js'
import { storeEngines } from '../support/store-engines.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-in-part-research-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A SECRET cable of the invented post QUORIN: a (C) paragraph, an (S) one whose words end `secretEnd`. */
const text = (secretEnd = 'fail.') => `VZCZCXRO0001
OO RUEHDBU RUEHKB
DE RUEHC #0041/01 1001200
ZNY SSSSS ZZH
O 101200Z APR 08
FM SECSTATE WASHDC
TO RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 0004
INFO AMEMBASSY TASHKENT

S E C R E T STATE 000041

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (C) INVENTED TALKS

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

1. (C) Openpart the talks resumed.

2. (S) Hiddenpart the talks will ${secretEnd}

CLINTON
`
const record = (t: string, n: number) =>
  toCableRecord(parseCable(t, { plain: true }), t, { locator: `c${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n}T00:00:00.000Z`, metadata: {} })

const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const U: Access = { level: 0, caveats: [] }

describe.each(await storeEngines('portion-access-research'))('research on a cable read in part on $name', (engine) => {
  it.skipIf(engine.skip)('should replay the route from what he may read, say so, and give none of what depends on the whole cable', async () => {
    const store = await engine.open()
    await store.upsertCables([record(text(), 1)])
    // off: the CONFIDENTIAL reader may read none of it
    expect(await routeWith(store, '08STATE41', shippedDirectory(), C)).toBeNull()
    await configurePortionAccess(store, true)
    const r = (await routeWith(store, '08STATE41', shippedDirectory(), C))!
    expect(r).not.toBeNull()
    expect(r.readInPart).toBe(true)
    expect(r.recipients.map((x) => [x.post, x.role, x.certainty])).toEqual([
      ['AMEMBASSY DUSHANBE', 'action', 'certain'],
      ['AMEMBASSY TASHKENT', 'info', 'certain'],
    ])
    expect(r.relays).toEqual([{ route: 'RUEHKB', post: 'AMEMBASSY BAKU' }])
    expect([r.profile, r.deliveries]).toEqual([[], null])
    expect(routeText(r)).toContain('you may read this cable only in part')
    expect(JSON.stringify(r)).not.toMatch(/Hiddenpart/i)
    // the whole reader is told nothing of the sort; one who may read none of it is told it is not there
    expect((await routeWith(store, '08STATE41', shippedDirectory(), S))!.readInPart).toBe(false)
    expect(await routeWith(store, '08STATE41', shippedDirectory(), U)).toBeNull()
  })

  it.skipIf(engine.skip)('should refuse a diff of its versions clearly, without a word of them, and diff them for a whole reader', async () => {
    const store = await engine.open()
    await store.upsertCables([record(text(), 1)])
    await store.upsertCables([record(text('fail, said the minister.'), 2)])
    await configurePortionAccess(store, true)
    const refused = await diffVersions(store, '08STATE41', undefined, undefined, C).then(
      () => null,
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(ReadInPartError)
    expect((refused as Error).message).toContain('you may read this cable only in part')
    expect((refused as Error).message).not.toMatch(/Hiddenpart|minister|version 2|2 versions/i)
    expect((await diffVersions(store, '08STATE41', undefined, undefined, S))!.addedWords).toBe(3)
    expect(await diffVersions(store, '08STATE41', undefined, undefined, U)).toBeNull()
  })
})

describe.each(await storeEngines('portion-access-refs'))('the reference graph of a cable read in part on $name', (engine) => {
  it.skipIf(engine.skip)('should list what cites it and withhold what it cites (REF lines at its overall level)', async () => {
    const store = await engine.open()
    const cited = text().replace('STATE 000041', 'STATE 000040').replace('#0041/01', '#0040/01').replace('Openpart', 'Citedopen')
    const withRef = text().replace('SUBJECT: (C) INVENTED TALKS\n', 'SUBJECT: (C) INVENTED TALKS\n\nREF: A. 08 STATE 40\n')
    const citing = text().replace('STATE 000041', 'STATE 000042').replace('#0041/01', '#0042/01').replace('S E C R E T', 'C O N F I D E N T I A L').replace('ZNY SSSSS', 'ZNY CCCCC').replace('SUBJECT: (C) INVENTED TALKS\n', 'SUBJECT: (C) INVENTED TALKS\n\nREF: A. 08 STATE 41\n').replace(/\n2\. \(S\)[^\n]*\n/, '\n')
    await store.upsertCables([record(cited, 1), record(withRef, 2), record(citing, 3)])
    await configurePortionAccess(store, true)
    const g = (await referenceGraph(store, '08STATE41', 1, C))!
    expect(g).not.toBeNull()
    expect(g.referencesWithheld).toBe(true)
    expect(g.edges).toEqual([{ from: '08STATE42', to: '08STATE41', letter: 'A' }])
    expect(g.nodes.map((n) => n.key).sort()).toEqual(['08STATE41', '08STATE42'])
    expect(graphTree(g)).toContain('What it cites: withheld')
    expect(JSON.stringify(g)).not.toMatch(/Hiddenpart/)
    const whole = (await referenceGraph(store, '08STATE41', 1, S))!
    expect([whole.referencesWithheld, whole.edges.map((e) => `${e.from}>${e.to}`).sort()]).toEqual([false, ['08STATE41>08STATE40', '08STATE42>08STATE41']])
    expect(await referenceGraph(store, '08STATE41', 1, U)).toBeNull()
  })
})

describe('cable route and cable diff for a reader in part (SQLite file)', () => {
  it('should answer route, refuse diff with a clear message (exit 1), and say "not in the archive" only to one who may read none', async () => {
    writeFileSync(join(root, '08STATE41.txt'), text())
    const opts = { cwd: root }
    const db = join(root, 'r.db')
    expect((await runCable(['import', '08STATE41.txt', '--db', db], opts)).code).toBe(0)
    expect((await runCable(['archive-config', 'portion-access', 'on', '--db', db], opts)).code).toBe(0)
    const route = await runCable(['route', '08STATE41', '--clearance', 'CONFIDENTIAL', '--db', db], opts)
    expect([route.code, route.stderr]).toEqual([0, ''])
    expect(route.stdout).toContain('AMEMBASSY DUSHANBE')
    expect(route.stdout).toContain('you may read this cable only in part')
    const diff = await runCable(['diff', '08STATE41', '--clearance', 'CONFIDENTIAL', '--db', db], opts)
    expect(diff.code).toBe(1)
    expect(diff.stderr).toContain('you may read this cable only in part')
    expect(diff.stderr).not.toContain('not in the archive')
    const none = await runCable(['route', '08STATE41', '--clearance', 'UNCLASSIFIED', '--db', db], opts)
    expect([none.code, none.stderr]).toEqual([1, 'cable: 08STATE41 is not in the archive\n'])
  })
})
