/**
 * Portion-level access to a cable with several texts (docs/search.md; QA 14 finding 05): a new version that differs
 * only inside a paragraph withheld from a reader changes nothing he sees (search, show, snapshot verify), whether
 * the portions are written with the new version or when the setting is turned on afterwards. A version that changes
 * a paragraph he may read (a later release restoring a name, the docs' example) withholds that paragraph's demand
 * from readers in part, whatever else it changes, so two archives whose versions differ only in a withheld paragraph
 * give him the same results, counts, facets, renderings and snapshot hashes (QA 14r7 F3); a version that marks
 * higher, or withholds, text another shows him leaves the cable to the whole-cable rule. Both engines. Synthetic
 * cables only.
 */
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { VERSIONS_DIFFER } from '../../src/archive/redact.js'
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

  it.skipIf(engine.skip)('should not show a reader a paragraph of his the texts differ in (the shown text is chosen over withheld text too)', async () => {
    const store = await engine.open()
    await configurePortionAccess(store, true)
    await store.upsertCables([record(cable('fail.'), 1), record(cable('fail.', 'Alphacanary the talks resumed late.'), 2)])
    expect((await store.versions('08QUORIN101'))?.length).toBe(2)
    for (const q of ['alphacanary', 'schedule', 'late', 'betacanary', 'budget']) expect([q, (await searchArchive(store, { query: q, access: C, limit: 10 })).total]).toEqual([q, 0])
    expect(await showCable(store, '08QUORIN101', C)).toBeNull()
    expect((await searchArchive(store, { query: 'alphacanary', access: { level: 3, caveats: [] }, limit: 10 })).total).toBe(1)
  })

  it.skipIf(engine.skip)('should withhold the restored paragraph of the docs example from a reader in part and show him the rest', async () => {
    const store = await engine.open()
    await configurePortionAccess(store, true)
    const NF: Access = { level: 2, caveats: ['NOFORN'] }
    await store.upsertCables([restored('XXXXXXXXXXXX', 1)])
    await store.upsertCables([restored('Minister Zorbek Talliv', 2)])
    expect((await store.versions('08QUORIN777'))?.length).toBe(2)
    // the (U) paragraph and the header are the same in both releases: found by them, not by the (C) paragraph
    for (const q of ['weather', 'vellora']) expect([q, (await searchArchive(store, { query: q, access: NF, limit: 10 })).total]).toEqual([q, 1])
    for (const q of ['cabinet', 'zorbek', 'xxxxxxxxxxxx', 'deltacanary']) expect([q, (await searchArchive(store, { query: q, access: NF, limit: 10 })).total]).toEqual([q, 0])
    const view = (await showCable(store, '08QUORIN777', NF))!
    expect(view.cable.text).toContain(`1. (C) [Paragraph 1 withheld: marked CONFIDENTIAL, ${VERSIONS_DIFFER}]`)
    expect(view.cable.text).toContain('3. (U) The weather in Vellora was mild.')
    expect(view.cable.text).toContain('2. (S//NF) [Paragraph 2 withheld: marked SECRET//NOFORN, above CONFIDENTIAL]')
    expect(view.cable.text).not.toMatch(/Deltacanary|Zorbek|XXXX|cabinet/)
    // no NOFORN: no portion of a NOFORN cable
    expect((await searchArchive(store, { query: 'weather', access: { level: 3, caveats: [] }, limit: 10 })).total).toBe(0)
  })

  it.skipIf(engine.skip).each([
    ['moves withheld text into a paragraph he may read', cable('fail.', 'Alphacanary resumed, the budget would fail.'), cable('fail.', 'Alphacanary resumed.')],
    ['shows him a word another version withholds from him', cable('fail betacanary.', 'Alphacanary betacanary resumed.'), cable('fail betacanary.', 'Alphacanary resumed.')],
    ['differs in what he may read and in what he may not', cable('fail at once.', 'Alphacanary resumed at last.'), cable('fail.', 'Alphacanary resumed.')],
    ['marks a paragraph lower', cable('fail.').replace('2. (S)', '2. (C)'), cable('fail.')],
  ])('should leave a cable to the whole-cable rule when a version %s', async (_why, a, b) => {
    const store = await engine.open()
    await configurePortionAccess(store, true)
    await store.upsertCables([record(a, 1), record(b, 2)])
    expect((await store.versions('08QUORIN101'))?.length).toBe(2)
    expect((await searchArchive(store, { query: 'alphacanary', access: C, limit: 10 })).total).toBe(0)
    expect(await showCable(store, '08QUORIN101', C)).toBeNull()
    expect((await searchArchive(store, { query: 'alphacanary', access: { level: 3, caveats: [] }, limit: 10 })).total).toBe(1)
  })
})

/** The docs' example (docs/research.md, "Versions"): SECRET//NOFORN, a (C) paragraph naming a source `who`, an (S//NF) one. */
const restored = (who: string, n: number) => {
  const text = `R 051200Z MAR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 0001
INFO AMEMBASSY VELLORA 0002

S E C R E T QUORIN 000777

NOFORN

E.O. 12958: DECL: 03/05/2018
TAGS: PGOV XX
SUBJECT: (C) INVENTED CABINET GOSSIP

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (C) ${who} told poloff the cabinet would fall.

2. (S//NF) Deltacanary the army chief plans to resign.

3. (U) The weather in Vellora was mild.

NOBODY
`
  return toCableRecord(parseCable(text, { plain: true }), text, { locator: `r${n}/08QUORIN777.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n}T00:00:00.000Z`, metadata: {} })
}

/**
 * QA 14r7 F3: whether a cable read in part is found, and everything about it a reader sees, must not depend on a
 * withheld paragraph. Two archives hold the same first version and a second version that differs between them
 * only inside the (S) paragraph: for a CONFIDENTIAL reader they must be indistinguishable. (They used to differ: a
 * second version changing only a paragraph he may read kept his portions, one changing the (S) paragraph too lost
 * them, so his totals, facets, hits and snapshot hashes told him the (S) paragraph had changed.)
 */
const triple = (u: string | null, open: string, secretEnd: string) =>
  cable(secretEnd, open).replace('1. (C)', `${u === null ? '' : `3. (U) ${u}\n\n`}1. (C)`)

/** Everything the reader sees of an archive holding `first` then `second` as two versions of 08QUORIN101. */
async function everything(store: Store, first: string, second: string, reader: Access) {
  await configurePortionAccess(store, true)
  await store.upsertCables([record(first, 1)])
  await store.upsertCables([record(second, 2)])
  expect((await store.versions('08QUORIN101'))?.length).toBe(2)
  const out: unknown[] = []
  for (const query of ['quorin', 'gammacanary', 'alphacanary', 'late', 'betacanary', 'badly', 'origin:QUORIN', '*']) {
    const found = await searchArchive(store, { query, access: reader, limit: 10, facets: true, snippets: true, histogram: 'year' })
    const hits = []
    for await (const h of found.hits) hits.push(h)
    const snapshot = await saveSnapshot(store, query, reader, new Date('2026-03-01T00:00:00Z'))
    out.push({ query, total: found.total, facets: found.facets, histogram: found.histogram, hits, snapshot })
  }
  out.push(await showCable(store, '08QUORIN101', reader))
  return JSON.stringify(out)
}

describe.each(await storeEngines('portion-versions-f3'))('versions differing only in a withheld paragraph on $name', (engine) => {
  const U = 'Gammacanary the weather was fine.'
  const C0 = 'Alphacanary the talks resumed on schedule.'
  const C1 = 'Alphacanary the talks resumed late.'
  it.skipIf(engine.skip).each([
    ['the second version changes his (C) paragraph (the QA repro)', triple(null, C0, 'fail.'), triple(null, C1, 'fail.'), triple(null, C1, 'fail badly.')],
    ['the second version changes his (C) paragraph, a (U) one standing by', triple(U, C0, 'fail.'), triple(U, C1, 'fail.'), triple(U, C1, 'fail badly.')],
    ['the second version changes the (U) paragraph', triple(U, C0, 'fail.'), triple('Gammacanary the weather was poor.', C0, 'fail.'), triple('Gammacanary the weather was poor.', C0, 'fail badly.')],
  ])('should give a CONFIDENTIAL reader the same results, counts, facets, renderings and snapshots when %s', async (_why, first, a, b) => {
    const inA = await everything(await engine.open(), first, a, C)
    const inB = await everything(await engine.open(), first, b, C)
    expect(inB).toEqual(inA)
    expect(inA).not.toMatch(/Betacanary the|fail badly/i)
  })

  it.skipIf(engine.skip)('should still find the cable by the paragraph every version gives alike', async () => {
    const seen = JSON.parse(await everything(await engine.open(), triple(U, C0, 'fail.'), triple(U, C1, 'fail badly.'), C)) as { query: string; total: number }[]
    expect(seen.slice(0, 8).map((r) => [r.query, r.total])).toEqual([['quorin', 1], ['gammacanary', 1], ['alphacanary', 0], ['late', 0], ['betacanary', 0], ['badly', 0], ['origin:QUORIN', 1], ['*', 1]])
  })
})
