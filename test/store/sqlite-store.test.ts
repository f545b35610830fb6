import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ARCHIVE_MIGRATIONS } from '../../src/store/sqlite/archive-migrations.js'
import { packText } from '../../src/store/pack-text.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { runMigrations } from '../../src/store/sqlite/migrations.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { writeCable } from '../../src/store/sqlite/sqlite-writer.js'
import { countFacets } from '../../src/store/sqlite/sqlite-stats.js'
import type { Access, SearchHit } from '../../src/store/store.js'
import { makeRecord } from './make-record.js'
// the filing rule an archive filed by older rules is re-filed with when it is opened (as in every Cablegram process)
import '../../src/archive/cable-record.js'

async function keys(it: AsyncIterable<SearchHit>): Promise<string[]> {
  const out: string[] = []
  for await (const h of it) out.push(h.key)
  return out
}

function fixture() {
  const store = openSqliteStore(':memory:')
  const records = [
    makeRecord({ key: '09STATE1', origin: 'SECSTATE WASHDC', originKey: 'STATE', date: '2009-01-05', tags: ['PREL', 'PGOV'], subject: 'NUCLEAR TALKS', text: 'The nuclear talks in Geneva went well. Enriched uranium was discussed.', precedence: 'IMMEDIATE' }),
    makeRecord({ key: '09HARARE2', date: '2009-10-01', tags: ['PGOV', 'ZI'], subject: 'ELECTIONS', text: 'ZANU-PF and the MDC discussed elections; no uranium.', classification: 'CONFIDENTIAL', level: 2, references: [{ letter: 'A', id: '09STATE1', text: 'STATE 1', kind: 'cable' }] }),
    makeRecord({ key: '09HARARE3', date: '2009-12-31', tags: ['PREL'], subject: 'SECRET THINGS', text: 'Uranium enrichment at a secret site near Harare.', classification: 'SECRET//NOFORN', level: 3, caveats: ['NOFORN'], captions: ['NOFORN', 'SIPDIS'], references: [{ letter: null, id: '09STATE1', text: 'STATE 1', kind: 'cable' }] }),
    makeRecord({ key: '10LONDON4', origin: 'AMEMBASSY LONDON', originKey: 'LONDON', date: '2010-02-02', tags: ['ECON'], subject: 'BANKING', text: 'Banks in London. The talks on nuclear matters were enriching.', addressees: [{ role: 'info', name: 'AMEMBASSY PARIS', route: null, precedence: null }] }),
  ]
  return { store, records }
}

describe('sqlite store', () => {
  it('should apply migrations once and accept migrations of other modules', () => {
    const store = openSqliteStore(':memory:', { migrations: [{ id: 'other-001', up: (db) => db.exec('CREATE TABLE other_t (x INTEGER)') }] })
    const again = runMigrations(store.db, [{ id: 'other-001', up: () => { throw new Error('must not run twice') } }])
    expect(again).toEqual([{ id: 'other-001', status: 'already-applied' }])
    const ids = store.db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').all()
    expect(ids).toEqual([{ id: 'archive-001' }, { id: 'archive-002' }, { id: 'archive-003' }, { id: 'archive-004' }, { id: 'archive-005' }, { id: 'archive-006' }, { id: 'archive-007' }, { id: 'archive-008' }, { id: 'archive-009' }, { id: 'archive-010' }, { id: 'archive-011' }, { id: 'archive-012' }, { id: 'other-001' }])
  })

  it('should upgrade a database written by the first schema without losing its cables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablegram-upgrade-'))
    const path = join(dir, 'old.db')
    const old = new Database(path)
    runMigrations(old, [ARCHIVE_MIGRATIONS[0]])
    old.prepare(
      `INSERT INTO cables (rowid, key, id, raw_id, date, origin, origin_key, precedence, classification, level, caveat_mask, caveats, subject, captions, tags, addressees, diagnostics, error_count, text_bytes, text_sha256)
       VALUES (1, '09OLD1', '09OLD1', '09OLD1', '2009-01-01', 'AMEMBASSY OLD', 'OLD', NULL, 'SECRET', 3, 0, '', 'OLD SUBJECT', '["SIPDIS"]', 'PREL', '[]', '[]', 0, 3, 'abc')`,
    ).run()
    old.prepare('INSERT INTO cable_texts (rowid, text) VALUES (1, ?)').run(packText('old'))
    old.close()
    const store = openSqliteStore(path)
    const cable = await store.getCable('09OLD1')
    // re-filed by the current rules from its stored text, which states no level: TOP SECRET, unlabelled (fail closed)
    expect(cable).toMatchObject({ key: '09OLD1', captions: ['SIPDIS'], text: 'old', level: 4, classification: null })
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('should move texts out of the cables table of the earliest archive-001 shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablegram-upgrade-'))
    const path = join(dir, 'oldest.db')
    const old = new Database(path)
    runMigrations(old, [ARCHIVE_MIGRATIONS[0], ARCHIVE_MIGRATIONS[1]])
    old.exec("DROP TABLE cable_texts; ALTER TABLE cables ADD COLUMN text BLOB")
    old.prepare(
      `INSERT INTO cables (rowid, key, id, raw_id, date, origin, origin_key, precedence, classification, level, caveat_mask, caveats, subject, tags, error_count, text_bytes, text)
       VALUES (1, '09OLD2', '09OLD2', '09OLD2', '2009-01-01', 'X', 'X', NULL, 'UNCLASSIFIED', 0, 0, '', 'S', '', 0, 9, ?)`,
    ).run(packText('very old'))
    old.prepare("INSERT INTO cable_details VALUES (1, '[]', '[]', '[]', 'abc')").run()
    old.close()
    const store = openSqliteStore(path)
    expect((await store.getCable('09OLD2'))?.text).toBe('very old')
    expect(store.db.prepare("SELECT name FROM pragma_table_info('cables') WHERE name = 'text'").all()).toEqual([])
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('should store once, add sources, and replace a text only with a copy of it that parsed better', async () => {
    const { store } = fixture()
    const a = makeRecord({ key: '09X1', errorCount: 2, text: 'damaged copy of the text\n' })
    expect(await store.upsertCables([a])).toEqual({ inserted: 1, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 0, sourcesAdded: 1, releasedKept: 0 })
    expect(await store.upsertCables([a])).toEqual({ inserted: 0, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 1, sourcesAdded: 0, releasedKept: 0 })
    // the same lines with other line ends are the same text: a worse copy of it only
    // adds its source
    const worse = makeRecord({ key: '09X1', errorCount: 3, text: 'damaged copy of the text\r\n', source: { ...a.source, locator: 'other.html', rendering: 'html' } })
    expect(await store.upsertCables([worse])).toEqual({ inserted: 0, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 1, sourcesAdded: 1, releasedKept: 0 })
    const better = makeRecord({ key: '09X1', errorCount: 0, text: 'damaged copy of the text', tags: ['ECON'], source: { ...a.source, locator: 'row.csv#row=3', rendering: 'csv' } })
    expect(await store.upsertCables([better])).toEqual({ inserted: 0, replaced: 1, versionsAdded: 0, sectionsAdded: 0, unchanged: 0, sourcesAdded: 1, releasedKept: 0 })
    const stored = await store.getCable('09X1')
    expect(stored?.text).toBe('damaged copy of the text')
    expect(stored?.tags).toEqual(['ECON'])
    expect(stored?.sources.map((s) => s.locator).sort()).toEqual(['09X1.txt', 'other.html', 'row.csv#row=3'])
    expect(await keys(store.search(parseQuery('damaged tag:ECON'), { sort: 'rank' }))).toEqual(['09X1'])
    expect(await store.count(parseQuery('tag:PREL'))).toBe(0)
    expect((await store.versions('09X1'))?.map((v) => v.sources.length)).toEqual([3])
  })

  it('should roll back every write of a failed transaction', async () => {
    const { store } = fixture()
    expect(() =>
      store.transaction((db) => {
        writeCable(db, makeRecord({ key: '09Y1' }))
        throw new Error('delivery failed')
      }),
    ).toThrow('delivery failed')
    expect(await store.getCable('09Y1')).toBeNull()
    expect(await store.count(null)).toBe(0)
  })

  it.each([
    ['uranium', ['09HARARE3', '09HARARE2', '09STATE1']],
    ['"enriched uranium"', ['09STATE1']],
    ['enrich*', ['09HARARE3', '09STATE1', '10LONDON4']],
    ['nuclear AND talks', ['09STATE1', '10LONDON4']],
    ['uranium -secret', ['09HARARE2', '09STATE1']],
    ['uranium NOT (tag:PREL)', ['09HARARE2']],
    ['banks OR elections', ['09HARARE2', '10LONDON4']],
    ['nuclear NEAR/0 talks', ['09STATE1']],
    ['nuclear NEAR/1 talks', ['09STATE1', '10LONDON4']],
    ['zanu-pf', ['09HARARE2']],
    ['tag:PREL', ['09HARARE3', '09STATE1']],
    ['tag:PG*', ['09HARARE2', '09STATE1']],
    ['tag:(ECON OR ZI)', ['09HARARE2', '10LONDON4']],
    ['origin:HARARE', ['09HARARE2', '09HARARE3']],
    ['origin:"Secretary of State"', ['09STATE1']],
    ['to:paris', ['10LONDON4']],
    ['to:"secstate washdc" date:2009', ['09HARARE2', '09HARARE3', '09STATE1']],
    ['class:SECRET', ['09HARARE3']],
    ['class>=CONFIDENTIAL', ['09HARARE2', '09HARARE3']],
    ['class:NOFORN', ['09HARARE3']],
    ['caption:SIPDIS', ['09HARARE3']],
    ['precedence:IMMEDIATE', ['09STATE1']],
    ['subject:nuclear', ['09STATE1']],
    ['subject:(banking OR elections)', ['09HARARE2', '10LONDON4']],
    ['id:09STATE01', ['09STATE1']],
    ['id:09HARARE*', ['09HARARE2', '09HARARE3']],
    ['cites:09STATE1', ['09HARARE2', '09HARARE3']],
    ['cites:09STA*', ['09HARARE2', '09HARARE3']],
    ['date:2009-09..2009-12', ['09HARARE2', '09HARARE3']],
    ['date:..2009-06', ['09STATE1']],
    ['date>=2010', ['10LONDON4']],
    ['-tag:PREL', ['09HARARE2', '10LONDON4']],
  ])('should find %s', async (q, expected) => {
    const { store, records } = fixture()
    await store.upsertCables(records)
    expect((await keys(store.search(parseQuery(q), { sort: 'rank' }))).sort()).toEqual(expected.sort())
    expect(await store.count(parseQuery(q))).toBe(expected.length)
  })

  it('should rank subject hits first, sort by date, and page', async () => {
    const { store, records } = fixture()
    await store.upsertCables(records)
    expect((await keys(store.search(parseQuery('nuclear'), { sort: 'rank' })))[0]).toBe('09STATE1')
    expect(await keys(store.search(null, { sort: 'date' }))).toEqual(['09STATE1', '09HARARE2', '09HARARE3', '10LONDON4'])
    expect(await keys(store.search(null, { sort: 'date-desc', limit: 2, offset: 1 }))).toEqual(['09HARARE3', '09HARARE2'])
  })

  it('should count facets over the whole result set', async () => {
    const { store, records } = fixture()
    await store.upsertCables(records)
    const f = await store.facets(parseQuery('uranium OR banks'))
    expect(f.origin).toEqual([{ value: 'HARARE', count: 2 }, { value: 'LONDON', count: 1 }, { value: 'STATE', count: 1 }])
    expect(f.year).toEqual([{ value: '2009', count: 3 }, { value: '2010', count: 1 }])
    expect(f.tag).toEqual([{ value: 'PGOV', count: 2 }, { value: 'PREL', count: 2 }, { value: 'ECON', count: 1 }, { value: 'ZI', count: 1 }])
    expect(f.classification.find((c) => c.value === 'UNCLASSIFIED')?.count).toBe(2)
    expect(f.precedence).toEqual([{ value: 'ROUTINE', count: 3 }, { value: 'IMMEDIATE', count: 1 }])
  })

  it('should hide what the reader may not see on every read path', async () => {
    const { store, records } = fixture()
    await store.upsertCables(records)
    const confidential: Access = { level: 2, caveats: [] }
    const secretNoNoforn: Access = { level: 3, caveats: [] }
    const secretNoforn: Access = { level: 3, caveats: ['NOFORN'] }
    const unclass: Access = { level: 0, caveats: ['NOFORN'] }
    expect((await keys(store.search(parseQuery('uranium'), { sort: 'rank' }, confidential))).sort()).toEqual(['09HARARE2', '09STATE1'])
    expect(await store.count(parseQuery('uranium'), secretNoNoforn)).toBe(2)
    expect(await store.count(parseQuery('uranium'), secretNoforn)).toBe(3)
    expect((await store.facets(parseQuery('uranium'), unclass)).origin).toEqual([{ value: 'STATE', count: 1 }])
    expect(await store.getCable('09HARARE3', secretNoNoforn)).toBeNull()
    expect(await store.getCable('09HARARE3', secretNoforn)).not.toBeNull()
    expect((await store.citing('09STATE1', confidential)).map((c) => c.key)).toEqual(['09HARARE2'])
    expect([...(await store.resolve(['09HARARE2', '09HARARE3'], unclass)).keys()]).toEqual([])
    const stats = await store.stats(confidential)
    expect(stats.cables).toBe(3)
    expect(stats.byClassification.map((c) => c.value)).not.toContain('SECRET//NOFORN')
    expect((await store.stats()).cables).toBe(4)
  })
})

describe('one-pass faceted page', () => {
  it('should give the same page, total and facets as search, count and facets do separately', async () => {
    const store = openSqliteStore(':memory:')
    const words = ['uranium', 'talks', 'banks', 'elections', 'geneva']
    const records = Array.from({ length: 60 }, (_, i) =>
      makeRecord({
        key: `09POST${i}`,
        date: i % 7 === 0 ? null : `2009-0${1 + (i % 9)}-1${i % 10}`,
        originKey: ['HARARE', 'LONDON', 'STATE'][i % 3],
        tags: [['PREL'], ['PGOV', 'ZI'], ['ECON', 'PREL']][i % 3],
        classification: ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET'][i % 3],
        level: [0, 2, 3][i % 3],
        text: `${words[i % 5]} ${words[(i * 3) % 5]} ${words[i % 5]} and some ${i % 2 ? 'uranium' : 'other'} words`,
      }),
    )
    await store.upsertCables(records)
    for (const q of ['uranium', 'talks OR banks', 'tag:PREL', '*', 'uranium -tag:ECON', 'class>=CONFIDENTIAL elections']) {
      const tree = q === '*' ? null : parseQuery(q)
      for (const sort of ['rank', 'date', 'date-desc'] as const) {
        for (const [limit, offset] of [[5, 0], [7, 3], [0, 0], [100, 2]]) {
          for (const access of [undefined, { level: 2, caveats: [] }]) {
            const page = await store.facetedPage(tree, { sort, limit, offset, withText: true }, access)
            expect(page.hits.map((h) => h.key)).toEqual(await keys(store.search(tree, { sort, limit, offset }, access)))
            expect(page.total).toBe(await store.count(tree, access))
            expect(page.facets).toEqual(await store.facets(tree, access))
            for (const h of page.hits) expect(h.text).toBe(records.find((r) => r.key === h.key)!.text)
          }
        }
      }
    }
  })
})

describe('facet index', () => {
  it('should count as hit-by-hit tallying does and follow every write, own, foreign or rolled back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablegram-facets-'))
    try {
      const path = join(dir, 'a.db')
      const store = openSqliteStore(path)
      const other = openSqliteStore(path)
      const { records } = fixture()
      await store.upsertCables(records.slice(0, 2))
      const tally = (s: typeof store, q: string, access?: Access) => {
        const f = (s as unknown as { from(q: unknown, a: unknown): { from: string; where: string; params: unknown[] } }).from(q === '*' ? null : parseQuery(q), access)
        return countFacets(s.db, f.from, f.where, f.params, 10)
      }
      const check = async (expected: number) => {
        for (const q of ['*', 'uranium', 'tag:PREL', 'tag:PGOV nuclear', 'class>=CONFIDENTIAL'])
          for (const access of [undefined, { level: 2, caveats: [] }]) {
            // the first call of a connection tallies hit by hit, later ones use the index
            for (let i = 0; i < 2; i++) expect(await store.facets(q === '*' ? null : parseQuery(q), access)).toEqual(tally(store, q, access))
            const page = await store.facetedPage(q === '*' ? null : parseQuery(q), { sort: 'date-desc', limit: 2 }, access)
            expect(page.total).toBe(await store.count(q === '*' ? null : parseQuery(q), access))
          }
        expect((await store.facetedPage(null, { sort: 'date', limit: 10 })).total).toBe(expected)
      }
      await check(2)
      await store.upsertCables([records[2]])
      await check(3)
      await other.upsertCables([records[3]])
      await check(4)
      expect(() =>
        store.transaction((db) => {
          writeCable(db, makeRecord({ key: '11ROLLBACK5', originKey: 'ROME', tags: ['ZZZZ'] }))
          throw new Error('abort')
        }),
      ).toThrow('abort')
      await check(4)
      expect((await store.facets(null)).tag.map((t) => t.value)).not.toContain('ZZZZ')
      await other.close()
      await store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('should count a whole result per year, month and day, within the reader\'s access', async () => {
    const { store, records } = fixture()
    await store.upsertCables([...records, makeRecord({ key: 'sha256:abc', date: null, subject: 'UNDATED', text: 'uranium with no date' })])
    expect(await store.histogram(null, 'year')).toEqual([
      { value: '(none)', count: 1 },
      { value: '2009', count: 3 },
      { value: '2010', count: 1 },
    ])
    expect(await store.histogram(parseQuery('uranium'), 'month')).toEqual([
      { value: '(none)', count: 1 },
      { value: '2009-01', count: 1 },
      { value: '2009-10', count: 1 },
      { value: '2009-12', count: 1 },
    ])
    // the SECRET//NOFORN cable of 2009-12-31 is not counted for a CONFIDENTIAL reader
    expect(await store.histogram(parseQuery('uranium'), 'day', { level: 2, caveats: [] })).toEqual([
      { value: '(none)', count: 1 },
      { value: '2009-01-05', count: 1 },
      { value: '2009-10-01', count: 1 },
    ])
    const total = await store.count(parseQuery('tag:PREL'))
    expect((await store.histogram(parseQuery('tag:PREL'), 'day')).reduce((n, b) => n + b.count, 0)).toBe(total)
    await store.close()
  })
})
