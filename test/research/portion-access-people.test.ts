/**
 * `cable people`, `cable network` and `cable show --versions` for a reader who may read a cable only in part
 * (portion-level access; QA 14 leftovers 1 and 2). People and network count such a cable through his rendering of
 * it (the header lines, signature and portions it shows him), never a name or station found only in a withheld
 * portion, and counts and weights agree with that; the list of its versions is withheld at his clearance, said
 * plainly (never "not in the archive", never how many versions). On both engines. Synthetic cables of the invented
 * posts QUORIN and VELLORA only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { cableVersions, ReadInPartError } from '../../src/archive/cable-versions.js'
import { cableNetwork } from '../../src/archive/network.js'
import { archivePeople, archivePerson } from '../../src/archive/people.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access, Store } from '../../src/store/store.js'
import { runCable } from '../memory-io.js'
import { storeEngines } from '../support/store-engines.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-in-part-people-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/**
 * A SECRET cable of QUORIN: an (U) subject and an (U) participant list the UNCLASSIFIED reader may read, an (S)
 * participant list he may not (Zorbek Hiddenman, named nowhere else), signed and classified by Ada Quill.
 */
const inPart = (hidden = 'Zorbek Hiddenman, Deputy Minister') => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004
INFO AMEMBASSY VELLORA PRIORITY 0001

S E C R E T QUORIN 000101

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (U) INVENTED TALKS

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

1. (U) Participants:
Peter Openman, Political Officer
Mara Velt, Economic Officer

2. (S) Participants:
${hidden}
Mara Velt, Economic Officer

3. (S) Hiddenword the talks will fail.

QUILL
`

/** An UNCLASSIFIED cable of QUORIN the UNCLASSIFIED reader reads whole, signed by Quill too. */
const whole = `R 121200Z MAY 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC ROUTINE 0005

UNCLAS QUORIN 000102

E.O. 12958: N/A
TAGS: PREL XX
SUBJECT: INVENTED VISIT

1. (U) Text.

QUILL
`

/** A SECRET cable of VELLORA with no portion he may read: nothing of it is his. */
const none = `P 141200Z JUN 08
FM AMEMBASSY VELLORA
TO AMEMBASSY QUORIN PRIORITY 0007

S E C R E T VELLORA 000103

E.O. 12958: DECL: 06/14/2018
TAGS: PREL XX
SUBJECT: (S) INVENTED SECRET

Classified By: Ambassador Olaf Secretman for reasons 1.4 (b).

1. (S) Participants:
Ivo Unseenman, Minister

SECRETMAN
`

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `p${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n}T00:00:00.000Z`, metadata: {} })

const U: Access = { level: 0, caveats: [] }
const S: Access = { level: 3, caveats: [] }

/** Each person as key → [cables, roles], for comparing lists. */
const byKey = async (store: Store, access?: Access) => Object.fromEntries((await archivePeople(store, access)).map((p) => [p.key, [p.cables.length, p.roles.join(',')]]))

/** Each edge as `from>to` → weight, action, info, years. */
const edges = async (store: Store, access?: Access, year?: number) => {
  const g = await cableNetwork(store, access, year)
  const out: Record<string, unknown> = {}
  g.forEachEdge((_e, a, s, t) => (out[`${s}>${t}`] = [a.weight, a.action, a.info, a.years]))
  const nodes: Record<string, unknown> = {}
  g.forEachNode((n, a) => (nodes[n] = [a.sent, a.received]))
  return { edges: out, nodes }
}

describe.each(await storeEngines('portion-access-people'))('people and network of cables read in part on $name', (engine) => {
  it.skipIf(engine.skip)('should name the people his rendering shows (signer, Classified by, readable participants) and never one of a withheld portion', async () => {
    const store = await engine.open()
    await store.upsertCables([record(inPart(), 1), record(whole, 2), record(none, 3)])
    await configurePortionAccess(store, true)
    expect(await byKey(store, U)).toEqual({
      'QUILL A': [2, 'signer,classifier'],
      'OPENMAN P': [1, 'participant'],
      'VELT M': [1, 'participant'],
    })
    const people = JSON.stringify(await archivePeople(store, U))
    expect(people).not.toMatch(/Hiddenman|Secretman|Unseenman|Hiddenword/i)
    expect(await archivePerson(store, 'HIDDENMAN Z', U)).toBeNull()
    const quill = (await archivePerson(store, 'quill a', U))!
    expect(quill.cables.sort()).toEqual(['08QUORIN101', '08QUORIN102'])
    // Velt's mentions are those of the portion he reads: one, not the second list's
    expect((await archivePerson(store, 'VELT M', U))!.mentions).toHaveLength(1)
    // the reader of the whole cable has them all
    expect(await byKey(store, S)).toMatchObject({ 'HIDDENMAN Z': [1, 'participant'], 'SECRETMAN O': [1, 'signer,classifier'], 'UNSEENMAN I': [1, 'participant'] })
    expect((await archivePerson(store, 'VELT M', S))!.mentions).toHaveLength(2)
  })

  it.skipIf(engine.skip)('should give the same people whatever the withheld portion names', async () => {
    const a = await engine.open()
    const b = await engine.open()
    await a.upsertCables([record(inPart(), 1), record(whole, 2)])
    await b.upsertCables([record(inPart('Ulla Otherman, Ambassador\nKarl Thirdman, Counselor'), 1), record(whole, 2)])
    await configurePortionAccess(a, true)
    await configurePortionAccess(b, true)
    expect(JSON.stringify(await archivePeople(b, U))).toBe(JSON.stringify(await archivePeople(a, U)))
  })

  it.skipIf(engine.skip)('should weigh the edges of his rendering: the cable read in part counts, the unreadable one does not', async () => {
    const store = await engine.open()
    await store.upsertCables([record(inPart(), 1), record(whole, 2), record(none, 3)])
    await configurePortionAccess(store, true)
    expect(await edges(store, U)).toEqual({
      edges: {
        'AMEMBASSY QUORIN>SECSTATE WASHDC': [2, 2, 0, { '2008': 2 }],
        'AMEMBASSY QUORIN>AMEMBASSY VELLORA': [1, 0, 1, { '2008': 1 }],
      },
      nodes: { 'AMEMBASSY QUORIN': [2, 0], 'SECSTATE WASHDC': [0, 2], 'AMEMBASSY VELLORA': [0, 1] },
    })
    expect((await edges(store, U, 2008)).edges).toEqual((await edges(store, U)).edges)
    expect((await edges(store, S)).edges).toMatchObject({ 'AMEMBASSY VELLORA>AMEMBASSY QUORIN': [1, 1, 0, { '2008': 1 }] })
  })
})

describe.each(await storeEngines('portion-access-version-list'))('the versions of a cable read in part on $name', (engine) => {
  it.skipIf(engine.skip)('should say they are withheld at his clearance, not "not found", and never how many there are', async () => {
    const store = await engine.open()
    await store.upsertCables([record(inPart(), 1)])
    await configurePortionAccess(store, true)
    const one = await cableVersions(store, '08QUORIN101', U).then(() => null, (e: unknown) => e)
    await store.upsertCables([record(inPart().replace('will fail.', 'will fail badly.'), 2)])
    expect((await store.versions('08QUORIN101'))?.length).toBe(2)
    const two = await cableVersions(store, '08QUORIN101', U).then(() => null, (e: unknown) => e)
    expect(two).toBeInstanceOf(ReadInPartError)
    expect((two as Error).message).toContain('you may read this cable only in part')
    expect((two as Error).message).toContain('versions are withheld at your clearance')
    expect((two as Error).message).not.toMatch(/Hiddenword|badly|\b2\b|two/i)
    // said the same with one version as with two
    expect((one as Error).message).toBe((two as Error).message)
    expect((await cableVersions(store, '08QUORIN101', S))!.map((v) => v.version)).toEqual([1, 2])
    expect(await cableVersions(store, '08QUORIN103', U)).toBeNull()
  })
})

describe('cable people, network and show --versions for a reader in part (SQLite file)', () => {
  it('should list the people and edges of his rendering and refuse the versions list plainly (exit 1)', async () => {
    writeFileSync(join(root, '08QUORIN101.txt'), inPart())
    writeFileSync(join(root, '08QUORIN103.txt'), none)
    const opts = { cwd: root }
    const db = join(root, 'p.db')
    expect((await runCable(['import', '08QUORIN101.txt', '08QUORIN103.txt', '--db', db], opts)).code).toBe(0)
    expect((await runCable(['archive-config', 'portion-access', 'on', '--db', db], opts)).code).toBe(0)
    const people = await runCable(['people', '--clearance', 'UNCLASSIFIED', '--format', 'json', '--db', db], opts)
    expect(people.code).toBe(0)
    expect((JSON.parse(people.stdout) as { key: string }[]).map((p) => p.key).sort()).toEqual(['OPENMAN P', 'QUILL A', 'VELT M'])
    expect(people.stdout).not.toMatch(/Hiddenman|Secretman|Unseenman/)
    const net = await runCable(['network', '--clearance', 'UNCLASSIFIED', '--format', 'csv', '--db', db], opts)
    // edges in any order
    expect([net.code, net.stdout.trimEnd().split('\n').sort()]).toEqual([0, ['AMEMBASSY QUORIN,AMEMBASSY VELLORA,2008,1', 'AMEMBASSY QUORIN,SECSTATE WASHDC,2008,1', 'source,target,year,weight']])
    const versions = await runCable(['show', '08QUORIN101', '--versions', '--clearance', 'UNCLASSIFIED', '--db', db], opts)
    expect(versions.code).toBe(1)
    expect(versions.stderr).toContain('versions are withheld at your clearance')
    expect(versions.stderr).not.toContain('not in the archive')
    const absent = await runCable(['show', '08QUORIN103', '--versions', '--clearance', 'UNCLASSIFIED', '--db', db], opts)
    expect([absent.code, absent.stderr]).toEqual([1, 'cable: 08QUORIN103 is not in the archive\n'])
  })
})
