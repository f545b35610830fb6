import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cableNetwork, networkCsv, networkDot, networkJson } from '../../src/archive/network.js'
import { archivePeople, mentionsIn, normalizePeople, peopleNamed, splitName, type Person } from '../../src/archive/people.js'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { runCable } from '../memory-io.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-people-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const cable = (o: { dtg: string; from: string; to: string[]; info?: string[]; serial: number; origin: string; cls?: string; body: string; signer: string }) =>
  `R ${o.dtg}\nFM ${o.from}\n${o.to.map((t, i) => `${i ? '' : 'TO '}${t} 0001`).join('\n')}\n${(o.info ?? []).map((t, i) => `${i ? '' : 'INFO '}${t} 0002`).join('\n')}\n\n${o.cls ?? 'C O N F I D E N T I A L'} ${o.origin} ${String(o.serial).padStart(6, '0')}\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL XY\nSUBJECT: INVENTED MEETING ${o.serial}\n\n${o.body}\n\n${o.signer}\n`

const CABLES: Record<string, string> = {
  '08QUORIN11.txt': cable({
    dtg: '031200Z FEB 08', from: 'AMEMBASSY QUORIN', to: ['SECSTATE WASHDC'], info: ['AMEMBASSY VELLORA'], serial: 11, origin: 'QUORIN', signer: 'NOBODY',
    body: 'Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).\n\n1. (C) Participants:\n\nU.S.\nAmbassador Nobody\nPeter Quint, Political Officer (notetaker)\n\nQuorin\nForeign Minister Zorbek Talliv\n\n2. (C) Text.',
  }),
  '09QUORIN12.txt': cable({
    dtg: '031200Z FEB 09', from: 'AMEMBASSY QUORIN', to: ['SECSTATE WASHDC'], serial: 12, origin: 'QUORIN', signer: 'NOBODY',
    body: 'Classified By: DCM Peter J. Quint, reasons 1.4 (d).\n\n1. (C) Text.',
  }),
  '09STATE500.txt': cable({
    dtg: '041200Z MAR 09', from: 'SECSTATE WASHDC', to: ['AMEMBASSY QUORIN', 'AMEMBASSY VELLORA'], serial: 500, origin: 'STATE', cls: 'UNCLAS', signer: 'CLINTON',
    body: '1. (U) Text.',
  }),
}

describe('people', () => {
  it('should split titles from names', () => {
    expect(splitName('Ambassador W.R. Pearson')).toMatchObject({ title: 'Ambassador', first: 'W.R.', last: 'Pearson' })
    expect(splitName('Matt Lowe, Special Assistant')).toMatchObject({ title: 'Special Assistant', first: 'Matt', last: 'Lowe' })
    expect(splitName('POLITICAL MINISTER COUNSELOR SHARON WIENER')).toMatchObject({ title: 'Political Minister Counselor', first: 'Sharon', last: 'Wiener' })
    expect(splitName('END TEXT. CLINTON')).toMatchObject({ first: '', last: 'Clinton' })
    expect(splitName('Tajikistan Delegation 2009')).toBeNull()
  })

  it('should find signers, Classified-by names and participants, and merge a bare surname into its one person', () => {
    const mentions = Object.entries(CABLES).flatMap(([f, t]) => mentionsIn(f.replace('.txt', ''), t))
    const people = normalizePeople(mentions)
    const byKey = new Map(people.map((p) => [p.key, p]))
    expect([...byKey.keys()].sort()).toEqual(['CLINTON', 'NOBODY A', 'QUINT P', 'TALLIV Z'])
    expect(byKey.get('NOBODY A')).toMatchObject({ name: 'Ada B. Nobody', roles: ['signer', 'classifier', 'participant'], cables: ['08QUORIN11', '09QUORIN12'] })
    expect(byKey.get('QUINT P')).toMatchObject({ name: 'Peter J. Quint', roles: ['classifier', 'participant'], titles: ['Political Officer', 'DCM'] })
    expect(byKey.get('TALLIV Z')).toMatchObject({ roles: ['participant'], titles: ['Foreign Minister'] })
    // two people of one surname keep a bare surname apart rather than guess
    const two = normalizePeople([
      { cable: 'a', role: 'classifier', written: 'Ann Smith', title: null },
      { cable: 'b', role: 'classifier', written: 'Bob Smith', title: null },
      { cable: 'c', role: 'signer', written: 'SMITH', title: null },
    ])
    expect(two.map((p) => p.key).sort()).toEqual(['SMITH', 'SMITH A', 'SMITH B'])
  })
})

describe('people and network of an archive', () => {
  it('should weigh origin→addressee edges per year and write json, dot and csv', async () => {
    for (const [f, t] of Object.entries(CABLES)) writeFileSync(join(root, f), t)
    const store = openSqliteStore(join(root, 'p.db'))
    await importArchive(store, Object.keys(CABLES).map((f) => join(root, f)))
    const g = await cableNetwork(store)
    expect(g.order).toBe(3)
    expect(g.getEdgeAttributes('AMEMBASSY QUORIN', 'SECSTATE WASHDC')).toEqual({ weight: 2, years: { '2008': 1, '2009': 1 }, action: 2, info: 0 })
    expect(g.getEdgeAttributes('AMEMBASSY QUORIN', 'AMEMBASSY VELLORA')).toEqual({ weight: 1, years: { '2008': 1 }, action: 0, info: 1 })
    expect(g.getNodeAttributes('SECSTATE WASHDC')).toEqual({ sent: 1, received: 2 })
    expect((await cableNetwork(store, undefined, 2008)).size).toBe(2)
    // a reader cleared below CONFIDENTIAL sees only the unclassified cable's edges
    expect((await cableNetwork(store, { level: 0, caveats: [] })).size).toBe(2)
    expect(networkCsv(g)).toContain('AMEMBASSY QUORIN,SECSTATE WASHDC,2008,1\nAMEMBASSY QUORIN,SECSTATE WASHDC,2009,1\n')
    expect(networkDot(g)).toContain('"AMEMBASSY QUORIN" -> "SECSTATE WASHDC" [weight=2')
    expect(JSON.parse(networkJson(g)).edges).toHaveLength(4)
    expect((await archivePeople(store, { level: 0, caveats: [] })).map((p) => p.key)).toEqual(['CLINTON'])
    await store.close()
    const people = await runCable(['people', '--db', 'p.db', '--name', 'Nobody'], { cwd: root })
    expect(people.stdout).toMatch(/Ada B\. Nobody\s+2\s+signer,classifier,participant/)
    expect(people.stdout).toContain('08QUORIN11  participant  Ambassador Nobody')
    const dot = await runCable(['network', '--db', 'p.db', '--format', 'dot'], { cwd: root })
    expect(dot.stdout).toMatch(/^digraph cables \{/)
    expect((await runCable(['network', '--db', 'p.db', '--format', 'png'], { cwd: root })).code).toBe(2)
    expect((await runCable(['people', '--db', 'p.db', '--name', 'Nemo'], { cwd: root })).code).toBe(1)
  })
})

describe('peopleNamed: the people a written name denotes', () => {
  const person = (key: string) => ({ key }) as unknown as Person
  const people = ['QUINT P', 'QUINT PETER', 'QUINT PAUL', 'QUINTON A', 'DOE J'].map(person)
  const keys = (name: string) => peopleNamed(people, name).map((p) => p.key)

  it('finds every holder of a surname, in any letter case, and no longer surname it opens', () => {
    expect(keys('quint')).toEqual(['QUINT P', 'QUINT PETER', 'QUINT PAUL'])
  })

  it('narrows by first name: an initial or the same first name, never another first name', () => {
    expect(keys('Peter Quint')).toEqual(['QUINT P', 'QUINT PETER'])
    expect(keys('QUINT, Paul')).toEqual(['QUINT P', 'QUINT PAUL'])
    expect(keys('P. Quint')).toEqual(['QUINT P', 'QUINT PETER', 'QUINT PAUL'])
  })

  it('finds nobody for a surname nobody holds', () => {
    expect(keys('Smith')).toEqual([])
  })
})
