import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OUTLIER_MIN_SERIALS, gapMap, splitId } from '../../src/archive/gap-map.js'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { saveSnapshot, verifySnapshot } from '../../src/archive/snapshots.js'
import { archivePeople, isTitleWord } from '../../src/archive/people.js'
import { MARKER_WORDS, ORGANISATION_WORDS, PROSE_WORDS } from '../../src/archive/data/person-titles.js'
import { addresseeStation, cableNetwork } from '../../src/archive/network.js'
import { shippedDirectory } from '../../src/messaging/routing-replay.js'
import { stationOfAddress } from '../../src/messaging/recipients.js'
import { breather } from '../../src/archive/breather.js'
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { CORPUS_CABLES, HAS_CORPUS } from './shared-corpus.js'

describe.skipIf(!HAS_CORPUS)('research tools on the real dev corpus (../shared/corpus or $CABLEGRAM_SHARED; skipped when absent)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-research-corpus-'))
  let store: SqliteStore
  beforeAll(async () => {
    store = openSqliteStore(join(dir, 'corpus.db'))
    await importArchive(store, [CORPUS_CABLES], { batchSize: 250 })
  }, 300_000)
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('should map the MRN gaps of every origin and year consistently with the archive', async () => {
    const rows = await gapMap(store)
    const held = new Set<string>()
    for await (const h of store.search(null, { sort: 'date' })) if (h.id && splitId(h.id)) held.add(h.id)
    await new Promise((r) => setImmediate(r))
    expect(rows.reduce((n, r) => n + r.held, 0)).toBe(held.size)
    for (const r of rows) {
      // an origin-year whose every serial was set aside as an outlier spans no range
      if (r.held + r.cited === 0) {
        expect(r).toMatchObject({ first: 0, last: 0, missing: 0, byMonth: [] })
        expect(r.outliers.length).toBeGreaterThan(0)
        continue
      }
      expect(r.first).toBeLessThanOrEqual(r.last)
      expect(r.held + r.missing).toBe(r.last - r.first + 1)
      expect(r.cited).toBeLessThanOrEqual(r.missing)
      expect(r.byMonth.reduce((n, m) => n + m.held, 0)).toBe(r.held)
      expect(r.byMonth.reduce((n, m) => n + m.missing, 0)).toBe(r.missing)
      expect(r.byMonth.reduce((n, m) => n + m.cited, 0)).toBe(r.cited)
      for (const m of r.byMonth) expect(m.cited).toBeLessThanOrEqual(m.missing)
      for (const id of r.citedMissing) expect(held.has(id)).toBe(false)
    }
    const cited = rows.flatMap((r) => r.citedMissing)
    expect(cited.length).toBeGreaterThan(1000)
    const harare = rows.find((r) => r.origin === 'HARARE' && r.year === 2009)!
    expect(harare.held).toBeGreaterThan(0)
  }, 120_000)

  it('should keep typo\'d cited serials out of the gap map: no origin-year range stretched by one outlier', async () => {
    const rows = await gapMap(store)
    const heldSerials = new Map<string, number[]>()
    for await (const h of store.search(null, { sort: 'date' })) {
      const p = h.id ? splitId(h.id) : null
      if (p) heldSerials.set(`${p.origin} ${p.year}`, [...(heldSerials.get(`${p.origin} ${p.year}`) ?? []), p.serial])
    }
    // the two typos the QA pass found: STATE 856708 cited in 2008, SECSTATE 515776 in 2009
    const state8 = rows.find((r) => r.origin === 'STATE' && r.year === 2008)!
    const state9 = rows.find((r) => r.origin === 'STATE' && r.year === 2009)!
    expect(state8.last).toBeLessThan(856708)
    expect(state9.last).toBeLessThan(515776)
    expect(state8.outliers.map((o) => o.id)).toContain('08STATE856708')
    expect(state9.outliers.map((o) => o.id)).toContain('09STATE515776')
    let outliers = 0
    for (const r of rows) {
      const held = new Set(heldSerials.get(`${r.origin} ${r.year}`) ?? [])
      for (const o of r.outliers) {
        outliers++
        expect(held.has(o.serial)).toBe(false)
        expect(r.citedMissing).not.toContain(o.id)
        expect(o.citedBy.length).toBeGreaterThan(0)
      }
      // the range ends are the held and cited serials left
      const all = [...held, ...r.citedMissing.map((id) => splitId(id)!.serial)].sort((a, b) => a - b)
      if (all.length === 0) continue
      expect([all[0], all.at(-1)]).toEqual([r.first, r.last])
      if (all.length < OUTLIER_MIN_SERIALS) continue
      // no cited serial at either end more than quintuples the span of the others (a typo stretches it far more:
      // 856708 in a year numbered to about 130000)
      const span = r.last - r.first + 1
      if (!held.has(r.last)) expect(span / (all.at(-2)! - all[0] + 1)).toBeLessThan(5)
      if (!held.has(r.first)) expect(span / (all.at(-1)! - all[1] + 1)).toBeLessThan(5)
    }
    expect(outliers).toBeGreaterThan(0)
  }, 120_000)

  it('should take the years REF items state, read later own serials as last year\'s, and judge small years by their post', async () => {
    const rows = await gapMap(store)
    const row = (origin: string, year: number) => rows.find((r) => r.origin === origin && r.year === year)
    // `LIMA 4516 (06)`, `LIMA 248 (06)`, `LIMA 37 (05)` in a 2007 LIMA cable: cables of 2006 and 2005
    expect(row('LIMA', 2007)?.citedMissing ?? []).not.toContain('07LIMA4516')
    expect(row('LIMA', 2007)?.citedMissing ?? []).not.toContain('07LIMA248')
    expect(row('LIMA', 2007)?.citedMissing ?? []).not.toContain('07LIMA37')
    expect(row('LIMA', 2006)?.citedMissing).toContain('06LIMA248')
    // `TAIPEI 133192` cited without a year by two TAIPEI cables of 2006 numbered below 3000: no post-year of
    // TAIPEI is stretched by it, and it is listed as an outlier wherever it is read
    for (const r of rows.filter((x) => x.origin === 'TAIPEI')) expect(r.missing).toBeLessThan(5000)
    expect(rows.flatMap((r) => r.outliers).some((o) => /^\d\dTAIPEI133192$/.test(o.id))).toBe(true)
    // no known-but-missing id of a year is cited only by cables of its own post and year numbered below it
    const cites = new Map<string, string[]>()
    for (const r of rows) for (const id of r.citedMissing) cites.set(id, (await store.citing(id)).map((c) => c.id ?? ''))
    for (const [id, citers] of cites) {
      const p = splitId(id)!
      const below = citers.every((c) => {
        const q = splitId(c)
        return q !== null && q.origin === p.origin && q.year === p.year && q.serial < p.serial
      })
      expect(below, `${id} cited by ${citers.join(' ')}`).toBe(false)
    }
  }, 120_000)

  it('should find the people of the corpus, each surname signature merged into its one person', async () => {
    const people = await archivePeople(store)
    expect(people.length).toBeGreaterThan(500)
    // every person's cables are cables of the archive, and every mention belongs to one of them
    const keys = new Set<string>()
    for await (const h of store.search(null, { sort: 'date' })) keys.add(h.key)
    for (const p of people.slice(0, 200)) {
      for (const c of p.cables) expect(keys.has(c)).toBe(true)
      expect(new Set(p.mentions.map((m) => m.cable))).toEqual(new Set(p.cables))
    }
    // signers who also classify cables are one person with both roles
    expect(people.filter((p) => p.roles.includes('signer') && p.roles.includes('classifier')).length).toBeGreaterThan(50)
    expect(people.some((p) => p.roles.includes('participant'))).toBe(true)
    // no name keeps a title word (misspelt ones included), a redaction placeholder or a block marker
    const words = (p: { name: string }) => p.name.split(/\s+/)
    expect(people.filter((p) => words(p).some(isTitleWord)).map((p) => p.name)).toEqual([])
    expect(people.filter((p) => words(p).some((w) => /^x{3,}\W*$/i.test(w))).map((p) => p.name)).toEqual([])
    expect(people.filter((p) => words(p).some((w) => MARKER_WORDS.has(w.toUpperCase().replace(/\W+$/, '')))).map((p) => p.name)).toEqual([])
    expect(people.filter((p) => /[’‘]/.test(p.name)).map((p) => p.name)).toEqual([])
    // no line of prose or heading is a person (QA 14 finding 06): no word of prose or of an organisation in a name
    const key = (w: string) => w.toUpperCase().replace(/^\W+|\W+$/g, '')
    expect(people.filter((p) => words(p).some((w) => PROSE_WORDS.has(key(w)) || ORGANISATION_WORDS.has(key(w)))).map((p) => p.name)).toEqual([])
    // no title carries the reasons clause of a Classified-by line, or a block marker
    expect(people.flatMap((p) => p.titles).filter((t) => /\breas\s?o|\b1\.4\b|^end\b/i.test(t))).toEqual([])
  }, 120_000)

  it('should build the origin→addressee network of the corpus with weights per year', async () => {
    const g = await cableNetwork(store)
    let pairs = 0
    const pause = breather()
    const directory = shippedDirectory()
    for await (const h of store.search(null, { sort: 'date' })) {
      await pause()
      const c = (await store.getCable(h.key))!
      if (!c.origin) continue
      const from = stationOfAddress(c.origin)
      const stations = await Promise.all(c.addressees.map((a) => addresseeStation(a, directory)))
      pairs += new Set(stations.filter((n) => n !== from)).size
    }
    let weight = 0
    g.forEachEdge((_e, a) => {
      weight += a.weight
      expect(Object.values(a.years).reduce((x, y) => x + y, 0)).toBe(a.weight)
    })
    expect(weight).toBe(pairs)
    expect(g.order).toBeGreaterThan(200)
    expect(g.hasNode('SECSTATE WASHDC')).toBe(true)
  }, 120_000)

  it('should verify a snapshot as identical after a re-import and list a cable added after it', async () => {
    const snapshot = await saveSnapshot(store, 'tag:ZI')
    expect(snapshot.count).toBeGreaterThan(10)
    const again = await importArchive(store, [CORPUS_CABLES], { batchSize: 250 })
    expect(again.inserted + again.versionsAdded + again.sectionsAdded + again.replaced).toBe(0)
    expect(await verifySnapshot(store, snapshot)).toMatchObject({ identical: true, sameArchive: true, count: snapshot.count })
    const extra = join(dir, '09HARARE9999.txt')
    writeFileSync(
      extra,
      'R 011200Z DEC 09\nFM AMEMBASSY HARARE\nTO SECSTATE WASHDC 0001\n\nUNCLAS HARARE 009999\n\nE.O. 12958: N/A\nTAGS: PGOV ZI\nSUBJECT: INVENTED ADDED CABLE\n\n1. (U) Synthetic text.\n\nDOE\n',
    )
    await importArchive(store, [extra])
    expect(await verifySnapshot(store, snapshot)).toMatchObject({ identical: false, added: ['09HARARE9999'], removed: [], changed: [] })
  }, 300_000)
})
