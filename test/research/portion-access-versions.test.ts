/**
 * Portion-level access to a cable with several texts (docs/search.md; QA 14 finding 05): a new version that differs
 * only inside a paragraph withheld from a reader changes nothing he sees (search, show, snapshot verify), whether
 * the portions are written with the new version or when the setting is turned on afterwards. A version that differs
 * in what he may read leaves the cable to the whole-cable rule. Both engines. Synthetic cables only.
 */
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { saveSnapshot, verifySnapshot } from '../../src/archive/snapshots.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access, Store } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable of the invented post QUORIN: a (C) paragraph the reader reads, an (S) one ending `secretEnd`. */
const cable = (secretEnd: string, open = 'Alphacanary the talks resumed on schedule.') => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004

S E C R E T QUORIN 000101

SIPDIS

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (C) BUDGET TALKS

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

1. (C) ${open}

2. (S) Betacanary the minister privately admitted the budget would ${secretEnd}

QUILL
`

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `v${n}/08QUORIN101.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n}T00:00:00.000Z`, metadata: {} })

const C: Access = { level: 2, caveats: [] }

/** What the CONFIDENTIAL reader sees of the cable: its hits and snippets, and `show`. */
async function seen(store: Store) {
  const found = await searchArchive(store, { query: 'alphacanary', access: C, limit: 10 })
  const hits = []
  for await (const h of found.hits) hits.push(h)
  return { total: found.total, hits: JSON.stringify(hits), show: JSON.stringify(await showCable(store, '08QUORIN101', C)) }
}

describe.each(await storeEngines('portion-versions'))('a second version on $name', (engine) => {
  it.skipIf(engine.skip).each([true, false])('should change nothing a reader below the cable sees when it differs only inside a withheld paragraph (setting on before the import: %s)', async (before) => {
    const store = await engine.open()
    if (before) await configurePortionAccess(store, true)
    await store.upsertCables([record(cable('fail.'), 1)])
    if (!before) await configurePortionAccess(store, true)
    const one = await seen(store)
    expect(one.total).toBe(1)
    const snap = await saveSnapshot(store, 'alphacanary', C)
    await store.upsertCables([record(cable('fail badly.'), 2)])
    expect((await store.versions('08QUORIN101'))?.length).toBe(2)
    if (!before) await configurePortionAccess(store, true)
    expect(await seen(store)).toEqual(one)
    expect((await verifySnapshot(store, snap, C)).identical).toBe(true)
    expect((await searchArchive(store, { query: 'betacanary', access: C, limit: 10 })).total).toBe(0)
  })

  it.skipIf(engine.skip)('should leave a cable whose texts differ in a readable paragraph to the whole-cable rule', async () => {
    const store = await engine.open()
    await configurePortionAccess(store, true)
    await store.upsertCables([record(cable('fail.'), 1), record(cable('fail.', 'Alphacanary the talks resumed late.'), 2)])
    expect((await store.versions('08QUORIN101'))?.length).toBe(2)
    expect((await searchArchive(store, { query: 'alphacanary', access: C, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'alphacanary', access: { level: 3, caveats: [] }, limit: 10 })).total).toBe(1)
  })
})
