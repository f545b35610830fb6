/**
 * Snapshots and the saver's access (issue 14, M2 and M3): an id covers the access it was saved with, so a
 * second saver with other access never receives an id he cannot show; with portion-level access on, a
 * snapshot records exactly the result set the reader's search returns. Both engines (PostgreSQL skipped
 * outside CI when no server answers). Synthetic cables only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { loadSnapshot, saveSnapshot, verifySnapshot } from '../../src/archive/snapshots.js'
import { parseCable } from '../../src/format/parse.js'
import { openStore } from '../../src/store/open-store.js'
import type { Access, Store } from '../../src/store/store.js'
import { freshDatabase, usePostgres, type TestDatabase } from '../support/postgres.js'
import { runCable } from '../memory-io.js'
import { SECRET_CABLE_HEAD } from './secret-cable.js'

const pg = await usePostgres('snapshot-access')
const root = mkdtempSync(join(tmpdir(), 'cablegram-snapacc-'))
const stores: Store[] = []
const databases: TestDatabase[] = []
afterAll(async () => {
  for (const s of stores) await s.close()
  for (const d of databases) await d.drop()
  rmSync(root, { recursive: true, force: true })
})

/** A SECRET//NOFORN cable with a (C) paragraph holding `word` and a (S) one holding `hidden`. */
const partly = (word: string, hidden: string) => `${SECRET_CABLE_HEAD}1. (C) The ${word} review is routine.

2. (S) The ${hidden} matter stays closed.

QUILL
`

/** A CONFIDENTIAL cable a CONFIDENTIAL reader reads whole. */
const confidential = (serial: number, word: string) => `O 141530Z MAR 09
FM AMEMBASSY DUSHANBE
TO SECSTATE WASHDC IMMEDIATE 0044

C O N F I D E N T I A L DUSHANBE 000${serial}

SIPDIS

E.O. 12958: DECL: 03/12/2019
TAGS: PGOV TI
SUBJECT: (C) ${word} FOLLOW-UP

Classified By: Ambassador Ada Quill, reasons 1.4 (b) and (d).

1. (C) The ${word} follow-up is routine.

QUILL
`

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `c${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })

// the SECRET cable is captioned NOFORN, demanded of each of its portions: the CONFIDENTIAL reader holds it
const C: Access = { level: 2, caveats: ['NOFORN'] }

const engines = [
  { name: 'SQLite', skip: false, location: async () => ':memory:' },
  {
    name: 'PostgreSQL',
    skip: !pg.available,
    location: async () => {
      const db = await freshDatabase('snapshot access')
      databases.push(db)
      return db.url
    },
  },
]

describe.each(engines)('snapshots and the saver access on $name', (engine) => {
  async function archiveOf(texts: string[], portions: boolean): Promise<Store> {
    const store = openStore(await engine.location())
    stores.push(store)
    await store.upsertCables(texts.map(record))
    if (portions) await configurePortionAccess(store, true)
    return store
  }

  it.skipIf(engine.skip)('should give two savers with different access two ids, each showable by its saver', async () => {
    const store = await archiveOf([confidential(125, 'ZANZIBAR'), confidential(126, 'ZANZIBAR')], false)
    const all = await saveSnapshot(store, 'zanzibar', undefined)
    const low = await saveSnapshot(store, 'zanzibar', C)
    // the same cables and content, but saved with other access: another snapshot
    expect([all.count, low.count]).toEqual([2, 2])
    expect(low.id).not.toBe(all.id)
    expect((await loadSnapshot(store, low.id, C))!.access).toEqual({ level: 2, caveats: ['NOFORN'] })
    expect((await verifySnapshot(store, (await loadSnapshot(store, low.id, C))!, C)).identical).toBe(true)
    // the same saver again: the same id
    expect((await saveSnapshot(store, 'zanzibar', { level: 2, caveats: ['NOFORN'] })).id).toBe(low.id)
    // other caveats are other access too
    expect((await saveSnapshot(store, 'zanzibar', { level: 2, caveats: [] })).id).not.toBe(low.id)
  })

  it.skipIf(engine.skip)('should record, with portion-level access on, exactly what the reader search returns', async () => {
    const store = await archiveOf([partly('ZANZIBAR', 'OBSIDIAN'), confidential(125, 'ZANZIBAR')], true)
    const search = await searchArchive(store, { query: 'zanzibar', access: C })
    const keys: string[] = []
    for await (const h of search.hits) keys.push(h.key)
    expect(keys.sort()).toEqual(['09DUSHANBE123', '09DUSHANBE125'])
    const s = await saveSnapshot(store, 'zanzibar', C)
    expect(s.count).toBe(search.total)
    expect(s.cables.map((c) => c.key)).toEqual(['09DUSHANBE123', '09DUSHANBE125'])
    // the words of the withheld paragraph find nothing, as in search
    expect((await saveSnapshot(store, 'obsidian', C)).count).toBe(0)
    expect((await verifySnapshot(store, s, C)).identical).toBe(true)
    // the partial cable is hashed over what the reader sees: a change to its withheld paragraph alone
    // changes nothing he may read, so neither the result nor the archive hash
    const changed = await archiveOf([partly('ZANZIBAR', 'BASALT'), confidential(125, 'ZANZIBAR')], true)
    const again = await saveSnapshot(changed, 'zanzibar', C)
    expect([again.resultHash, again.archiveHash]).toEqual([s.resultHash, s.archiveHash])
    // a reader cleared for it whole sees the difference
    const SNF: Access = { level: 3, caveats: ['NOFORN'] }
    expect((await saveSnapshot(changed, 'zanzibar', SNF)).resultHash).not.toBe((await saveSnapshot(store, 'zanzibar', SNF)).resultHash)
  })
})

describe('snapshot access on the CLI', () => {
  it('should never print an id the second saver cannot show, and match search with portion access on', async () => {
    writeFileSync(join(root, 'a.txt'), partly('ZANZIBAR', 'OBSIDIAN'))
    writeFileSync(join(root, 'b.txt'), confidential(125, 'ZANZIBAR'))
    const opts = { cwd: root }
    expect((await runCable(['import', 'a.txt', 'b.txt', '--db', 'p.db'], opts)).code).toBe(0)
    const first = await runCable(['snapshot', 'save', 'origin:DUSHANBE', '--db', 'p.db', '--format', 'json'], opts)
    const second = await runCable(['snapshot', 'save', 'origin:DUSHANBE', '--clearance', 'CONFIDENTIAL', '--db', 'p.db', '--format', 'json'], opts)
    const [a, b] = [JSON.parse(first.stdout).id as string, JSON.parse(second.stdout).id as string]
    expect(b).not.toBe(a)
    const shown = await runCable(['snapshot', 'show', b, '--clearance', 'CONFIDENTIAL', '--db', 'p.db'], opts)
    expect([shown.code, shown.stdout]).toEqual([0, expect.stringContaining(`Snapshot ${b}`)])
    expect((await runCable(['archive-config', 'portion-access', 'on', '--db', 'p.db'], opts)).code).toBe(0)
    const found = await runCable(['search', 'zanzibar', '--clearance', 'CONFIDENTIAL', '--caveats', 'NOFORN', '--db', 'p.db', '--format', 'json'], opts)
    const saved = await runCable(['snapshot', 'save', 'zanzibar', '--clearance', 'CONFIDENTIAL', '--caveats', 'NOFORN', '--db', 'p.db', '--format', 'json'], opts)
    expect(JSON.parse(saved.stdout).count).toBe(2)
    expect(found.stdout).toContain('09DUSHANBE123')
  })

  it('should refuse empty ids and origins, a missing snapshot file and a malformed one, saying what and where', async () => {
    const opts = { cwd: root }
    writeFileSync(join(root, 'b.txt'), confidential(125, 'ZANZIBAR'))
    expect((await runCable(['import', 'b.txt', '--db', 'l.db'], opts)).code).toBe(0)
    const route = await runCable(['route', '', '--db', 'l.db'], opts)
    expect([route.code, route.stderr]).toEqual([2, expect.stringContaining('the cable id is empty')])
    const gaps = await runCable(['gaps', '--origin', ' ', '--db', 'l.db'], opts)
    expect([gaps.code, gaps.stderr]).toEqual([2, expect.stringContaining('--origin: empty')])
    const missing = await runCable(['snapshot', 'verify', 'missing.json', '--db', 'l.db'], opts)
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('missing.json: no such file')])
    const saved = JSON.parse((await runCable(['snapshot', 'save', 'zanzibar', '--db', 'l.db', '--format', 'json'], opts)).stdout)
    const { count: _count, ...noCount } = saved
    writeFileSync(join(root, 'nocount.json'), JSON.stringify(noCount))
    const bad = await runCable(['snapshot', 'verify', 'nocount.json', '--db', 'l.db'], opts)
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('nocount.json: not a snapshot of format 1: count: expected a whole number')])
    writeFileSync(join(root, 'badtext.json'), JSON.stringify({ ...saved, cables: [{ key: saved.cables[0].key, texts: ['x'] }] }))
    expect((await runCable(['snapshot', 'verify', 'badtext.json', '--db', 'l.db'], opts)).stderr).toContain('cables[0].texts[0]: expected a SHA-256')
    writeFileSync(join(root, 'good.json'), JSON.stringify(saved))
    expect((await runCable(['snapshot', 'verify', 'good.json', '--db', 'l.db'], opts)).code).toBe(0)
  })
})
