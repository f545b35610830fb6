/**
 * The archive `Store` contract, run on every engine: the same records, queries and readers must give the
 * same answers on SQLite and PostgreSQL. PostgreSQL runs on a fresh database per store (test harness);
 * outside CI it is skipped with the reason when no server is reachable.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { UNREADABLE_MARKING_LABEL } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { parseCable } from '../../src/format/parse.js'
import { openStore } from '../../src/store/open-store.js'
import type { Access, CableRecord, SearchHit, Store } from '../../src/store/store.js'
import { freshDatabase, usePostgres, type TestDatabase } from '../support/postgres.js'
import { makeRecord } from './make-record.js'

const pg = await usePostgres('archive-contract')

interface Engine {
  name: string
  open(): Promise<Store>
}

const databases: TestDatabase[] = []
const stores: Store[] = []
afterAll(async () => {
  for (const s of stores) await s.close()
  for (const d of databases) await d.drop()
})

const engines: Engine[] = [
  { name: 'sqlite', open: async () => track(openStore(':memory:')) },
  {
    name: 'postgres',
    open: async () => {
      const db = await freshDatabase('archive contract')
      databases.push(db)
      return track(openStore(db.url))
    },
  },
]

function track(store: Store): Store {
  stores.push(store)
  return store
}

async function keys(it: AsyncIterable<SearchHit>): Promise<string[]> {
  const out: string[] = []
  for await (const h of it) out.push(h.key)
  return out
}

const sorted = (xs: string[]) => [...xs].sort()

// a word 300 times (more positions than PostgreSQL keeps per lexeme), then a phrase of it at the end
const repeated = `${'alpha '.repeat(300)}the alpha omega finale`

function records(): CableRecord[] {
  return [
    makeRecord({ key: '09STATE1', origin: 'SECSTATE WASHDC', originKey: 'STATE', date: '2009-01-05', tags: ['PREL', 'PGOV'], subject: 'NUCLEAR TALKS', text: 'The nuclear talks in Geneva went well. Enriched uranium was discussed at the Café Genève.', precedence: 'IMMEDIATE' }),
    makeRecord({ key: '09HARARE2', date: '2009-10-01', tags: ['PGOV', 'ZI'], subject: 'ELECTIONS', text: 'ZANU-PF and the MDC discussed elections; no uranium.', classification: 'CONFIDENTIAL', level: 2, references: [{ letter: 'A', id: '09STATE1', text: 'STATE 1', kind: 'cable' }] }),
    makeRecord({ key: '09HARARE3', date: '2009-12-31', tags: ['PREL'], subject: 'SECRET THINGS', text: 'Uranium enrichment at a secret site near Harare. Reactor inspectors were refused entry by the guards.', classification: 'SECRET//NOFORN', level: 3, caveats: ['NOFORN'], captions: ['NOFORN', 'SIPDIS'], references: [{ letter: null, id: '09STATE1', text: 'STATE 1', kind: 'cable' }, { letter: 'B', id: '08HARARE9', text: 'HARARE 9', kind: 'cable' }] }),
    makeRecord({ key: '10LONDON4', origin: 'AMEMBASSY LONDON', originKey: 'LONDON', date: '2010-02-02', tags: ['ECON'], subject: 'BANKING', text: 'Banks in London. The talks on nuclear matters were enriching.', addressees: [{ role: 'info', name: 'AMEMBASSY PARIS', route: null, precedence: null }, { role: 'info', name: 'USMISSION GENEVA', route: null, precedence: null }] }),
    makeRecord({ key: '10STATE5', origin: 'SECSTATE WASHDC', originKey: 'STATE', date: null, tags: [], subject: 'REACTOR REVIEW', text: `Inspectors visited. The reactor was closed. ${repeated}`, precedence: 'PRIORITY', captions: ['SIPDIS'] }),
  ]
}

describe.each(engines)('archive store contract on $name', (engine) => {
  const skip = engine.name === 'postgres' && !pg.available
  let fixture: Store
  const loaded = async () => {
    if (!fixture) {
      fixture = await engine.open()
      await fixture.upsertCables(records())
    }
    return fixture
  }

  describe.skipIf(skip)(engine.name, () => {
    it('should store once, add sources, and replace a text only with a copy of it that parsed better', async () => {
      const store = await engine.open()
      const a = makeRecord({ key: '09X1', errorCount: 2, text: 'damaged copy of the text\n' })
      expect(await store.upsertCables([a])).toEqual({ inserted: 1, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 0, sourcesAdded: 1, releasedKept: 0 })
      expect(await store.upsertCables([a])).toEqual({ inserted: 0, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 1, sourcesAdded: 0, releasedKept: 0 })
      // the same lines with other line ends: the same version, a worse copy of it
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
      // the facets of the whole archive follow the replacement
      expect((await store.facets(null)).tag).toEqual([{ value: 'ECON', count: 1 }])
      expect((await store.stats()).sources).toBe(3)
    })

    it('should select by the exact classification a facet lists, (none) included', async () => {
      const store = await engine.open()
      await store.upsertCables([
        makeRecord({ key: '09C1', classification: 'CONFIDENTIAL', level: 2 }),
        makeRecord({ key: '09C2', classification: 'CONFIDENTIAL//NOFORN', level: 2, caveats: ['NOFORN'] }),
        makeRecord({ key: '09C3', classification: null, level: 4 }),
        makeRecord({ key: '09C4', classification: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY', level: 1 }),
      ])
      const facet = (await store.facets(null)).classification
      // every value the facet lists selects exactly as many cables as it counts
      for (const { value, count } of facet) {
        expect(await store.count(parseQuery(`classification:"${value}"`)), value).toBe(count)
      }
      expect(facet.map((f) => f.value).sort()).toEqual(['(none)', 'CONFIDENTIAL', 'CONFIDENTIAL//NOFORN', 'UNCLASSIFIED//FOR OFFICIAL USE ONLY'])
      expect(await store.count(parseQuery('class:CONFIDENTIAL'))).toBe(2)
      expect(await keys(store.search(parseQuery('-classification:CONFIDENTIAL class:CONFIDENTIAL'), { sort: 'date' }))).toEqual(['09C2'])
    })

    it('should label a cable with every caveat its text states (ORCON, EXDIS), alike in result, facet, filter and cable', async () => {
      const store = await engine.open()
      const cable = (serial: string, captions: string[]) =>
        ['R 041200Z FEB 09', 'FM AMEMBASSY QUORIN', 'TO SECSTATE WASHDC 0101', '', `C O N F I D E N T I A L QUORIN ${serial}`, '', ...captions, '', 'E.O. 12958: DECL: 02/04/2019', 'TAGS: PREL, XQ', 'SUBJECT: (C) INVENTED RESHUFFLE', '', '1. (C) The minister will step down.', '', 'QUILL', ''].join('\n')
      const source = (n: string) => ({ locator: `${n}.txt`, rendering: 'text' as const, sha256: n.padEnd(64, 'e'), importedAt: '2026-01-01T00:00:00.000Z', metadata: {} })
      const texts = { '09QUORIN211': cable('000211', ['ORCON', 'NOFORN']), '09QUORIN212': cable('000212', ['NOFORN', 'EXDIS']), '09QUORIN213': cable('000213', ['NOFORN']) }
      const records = Object.values(texts).map((t, i) => toCableRecord(parseCable(t), t, source(String(i))))
      expect(records.map((r) => [r.key, r.classification])).toEqual([
        ['09QUORIN211', 'CONFIDENTIAL//ORCON/NOFORN'],
        ['09QUORIN212', 'CONFIDENTIAL//NOFORN/EXDIS'],
        ['09QUORIN213', 'CONFIDENTIAL//NOFORN'],
      ])
      await store.upsertCables(records)
      const all = { level: 4, caveats: ['NOFORN', 'ORCON', 'EXDIS'] }
      const hits: SearchHit[] = []
      for await (const h of store.search(null, { sort: 'date' }, all)) hits.push(h)
      expect(hits.map((h) => [h.key, h.classification]).sort()).toEqual(records.map((r) => [r.key, r.classification]))
      expect(sorted((await store.facets(null, all)).classification.map((f) => `${f.value} ${f.count}`))).toEqual([
        'CONFIDENTIAL//NOFORN 1',
        'CONFIDENTIAL//NOFORN/EXDIS 1',
        'CONFIDENTIAL//ORCON/NOFORN 1',
      ])
      expect(await keys(store.search(parseQuery('classification:"CONFIDENTIAL//ORCON/NOFORN"'), { sort: 'date' }, all))).toEqual(['09QUORIN211'])
      expect(await keys(store.search(parseQuery('classification:"confidential//noforn"'), { sort: 'date' }, all))).toEqual(['09QUORIN213'])
      expect(await keys(store.search(parseQuery('class:ORCON'), { sort: 'date' }, all))).toEqual(['09QUORIN211'])
      expect((await store.getCable('09QUORIN212'))?.classification).toBe('CONFIDENTIAL//NOFORN/EXDIS')
      // a reader without ORCON neither finds the ORCON cable nor counts its label in the facet
      const noOrcon = { level: 4, caveats: ['NOFORN', 'EXDIS'] }
      expect(sorted((await store.facets(null, noOrcon)).classification.map((f) => f.value))).toEqual(['CONFIDENTIAL//NOFORN', 'CONFIDENTIAL//NOFORN/EXDIS'])
    })

    it('should store, show, facet and select a multi-word TAGS entry as written (QA 13, finding 06)', async () => {
      const store = await engine.open()
      const cable = (serial: string, tags: string) =>
        ['R 011200Z JUN 05', 'FM AMEMBASSY QUORIN', 'TO SECSTATE WASHDC 1001', '', `UNCLAS QUORIN ${serial}`, '', 'E.O. 12958: N/A', tags, 'SUBJECT: INVENTED TAGS', '', '1. Invented text.', '', 'NOBODY', ''].join('\n')
      const source = (n: string) => ({ locator: `${n}.txt`, rendering: 'text' as const, sha256: n.padEnd(64, 'f'), importedAt: '2026-01-01T00:00:00.000Z', metadata: {} })
      const texts = [cable('000771', 'TAGS: PHUM, XY, Human  Rights, OVIP (DOE, JANE)'), cable('000772', 'TAGS: PHUM, HUMAN RIGHTS, BORDER-POLICE'), cable('000773', 'TAGS: PREL XY')]
      const records = texts.map((t, i) => toCableRecord(parseCable(t), t, source(String(i))))
      expect(records[0].tags).toEqual(['PHUM', 'XY', 'HUMAN RIGHTS', 'OVIP (DOE, JANE)'])
      await store.upsertCables(records)
      expect((await store.getCable('05QUORIN771'))!.tags).toEqual(['PHUM', 'XY', 'HUMAN RIGHTS', 'OVIP (DOE, JANE)'])
      const found = async (q: string) => sorted(await keys(store.search(parseQuery(q), { sort: 'date' })))
      expect(await found('tag:"HUMAN RIGHTS"')).toEqual(['05QUORIN771', '05QUORIN772'])
      expect(await found('tag:" human   rights "')).toEqual(['05QUORIN771', '05QUORIN772'])
      expect(await found('tag:"OVIP (DOE, JANE)"')).toEqual(['05QUORIN771'])
      expect(await found('tag:HUM*')).toEqual(['05QUORIN771', '05QUORIN772'])
      // a hyphen is written, a blank is written: each selects its own spelling
      expect(await found('tag:HUMAN-RIGHTS')).toEqual([])
      expect(await found('tag:BORDER-POLICE')).toEqual(['05QUORIN772'])
      expect(await found('tag:"BORDER POLICE"')).toEqual([])
      const hits: SearchHit[] = []
      for await (const h of store.search(parseQuery('tag:"HUMAN RIGHTS"'), { sort: 'date' })) hits.push(h)
      expect(hits.map((h) => h.tags)).toEqual([['PHUM', 'XY', 'HUMAN RIGHTS', 'OVIP (DOE, JANE)'], ['PHUM', 'HUMAN RIGHTS', 'BORDER-POLICE']])
      const facet = (await store.facets(null)).tag.map((f) => `${f.value} ${f.count}`)
      expect(sorted(facet)).toEqual(['BORDER-POLICE 1', 'HUMAN RIGHTS 2', 'OVIP (DOE, JANE) 1', 'PHUM 2', 'PREL 1', 'XY 2'])
      expect(sorted((await store.facets(parseQuery('tag:"HUMAN RIGHTS"'))).tag.map((f) => `${f.value} ${f.count}`))).toEqual(['BORDER-POLICE 1', 'HUMAN RIGHTS 2', 'OVIP (DOE, JANE) 1', 'PHUM 2', 'XY 1'])
    })
    it('should file a cable whose marking cannot be read under one honest label everywhere: result, facet, filter, cable', async () => {
      const store = await engine.open()
      const text = ['R 011200Z JAN 26', 'FM AMEMBASSY ZANZIBAR', 'TO SECSTATE WASHDC 0001', '', 'UNCLAS ZANZIBAR 000031', '', 'E.O. 13526: N/A', 'TAGS: PREL, XX', 'SUBJECT: (U) T', '', '1. (U) One.', '', '2. (S//NOFRON) Two.', '', 'DOE', ''].join('\n')
      const record = toCableRecord(parseCable(text), text, { locator: 'z.txt', rendering: 'text', sha256: 'b'.repeat(64), importedAt: '2026-01-01T00:00:00.000Z', metadata: {} })
      // derived once, where the archive files it: TOP SECRET, and said why
      expect([record.classification, record.level]).toEqual([UNREADABLE_MARKING_LABEL, 4])
      await store.upsertCables([record])
      const hits: SearchHit[] = []
      for await (const h of store.search(null, { sort: 'date' })) hits.push(h)
      expect(hits.map((h) => h.classification)).toEqual([UNREADABLE_MARKING_LABEL])
      expect((await store.facets(null)).classification).toEqual([{ value: UNREADABLE_MARKING_LABEL, count: 1 }])
      expect(await store.count(parseQuery(`classification:"${UNREADABLE_MARKING_LABEL}"`))).toBe(1)
      expect(await store.count(parseQuery('classification:"(none)"'))).toBe(0)
      expect((await store.getCable(record.key))?.classification).toBe(UNREADABLE_MARKING_LABEL)
      // only the highest clearance reads it
      expect(await store.count(null, { level: 3, caveats: [] })).toBe(0)
    })

    it('should keep a different text as a version, show the best, index every one, and take the highest level', async () => {
      const store = await engine.open()
      const first = makeRecord({ key: '09V1', text: 'The minister XXXXXXXXXXXX said no.', errorCount: 0 })
      const fuller = makeRecord({ key: '09V1', text: 'The minister Mugabe said no.', classification: 'SECRET', level: 3, caveats: ['NOFORN'], source: { ...first.source, locator: 'later.txt', importedAt: '2026-02-01T00:00:00.000Z' } })
      expect(await store.upsertCables([first])).toMatchObject({ inserted: 1 })
      expect(await store.upsertCables([fuller])).toEqual({ inserted: 0, replaced: 0, versionsAdded: 1, sectionsAdded: 0, unchanged: 0, sourcesAdded: 1, releasedKept: 0 })
      expect(await store.upsertCables([first])).toEqual({ inserted: 0, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 1, sourcesAdded: 0, releasedKept: 0 })
      const versions = await store.versions('09V1')
      expect(versions?.map((v) => [v.version, v.current, v.withheldRuns, v.sources.map((s) => s.locator)])).toEqual([
        [1, false, 1, ['09V1.txt']],
        [2, true, 0, ['later.txt']],
      ])
      expect((await store.getCable('09V1'))?.text).toBe('The minister Mugabe said no.')
      expect(await keys(store.search(parseQuery('xxxxxxxxxxxx'), { sort: 'rank' }))).toEqual(['09V1'])
      expect(await keys(store.search(parseQuery('mugabe'), { sort: 'rank' }, { level: 2, caveats: ['NOFORN'] }))).toEqual([])
      expect(await store.versions('09V1', { level: 3, caveats: [] })).toBeNull()
      expect((await store.facets(null)).classification).toEqual([{ value: 'SECRET//NOFORN', count: 1 }])
      const digests: string[] = []
      for await (const d of store.digests()) digests.push(d.key)
      expect(digests).toEqual(['09V1', '09V1'])
    })

    it('should list referenced ids and keep saved snapshots', async () => {
      const store = await loaded()
      expect(await store.referencedIds()).toEqual([
        { id: '08HARARE9', citedBy: 1, lastCitedAt: '2009-12-31' },
        { id: '09STATE1', citedBy: 2, lastCitedAt: '2009-12-31' },
      ])
      // the latest citer's date is read from the cables the reader sees: the SECRET citer's date stays hidden
      expect(await store.referencedIds({ level: 2, caveats: [] })).toEqual([{ id: '09STATE1', citedBy: 1, lastCitedAt: '2009-10-01' }])
      await store.saveSnapshot({ id: 'abc', savedAt: '2026-01-01T00:00:00Z', body: '{"q":1}' })
      await store.saveSnapshot({ id: 'abc', savedAt: '2026-01-02T00:00:00Z', body: '{"q":2}' })
      expect(await store.snapshot('abc')).toEqual({ id: 'abc', savedAt: '2026-01-01T00:00:00Z', body: '{"q":1}' })
      expect(await store.snapshot('nope')).toBeNull()
    })

    it('should treat a key repeated in one batch as the same writes in sequence', async () => {
      const store = await engine.open()
      const first = makeRecord({ key: '09Y1', errorCount: 1, text: 'first', tags: ['AAA'] })
      const second = makeRecord({ key: '09Y1', errorCount: 0, text: 'second', tags: ['BBB'], source: { ...first.source, locator: 'y2.txt' } })
      const third = makeRecord({ key: '09Y1', errorCount: 0, text: 'third', source: { ...first.source, locator: 'y3.txt' } })
      expect(await store.upsertCables([first, second, third])).toEqual({ inserted: 1, replaced: 0, versionsAdded: 2, sectionsAdded: 0, unchanged: 0, sourcesAdded: 3, releasedKept: 0 })
      expect((await store.getCable('09Y1'))?.text).toBe('second')
      expect((await store.facets(null)).tag).toEqual([{ value: 'BBB', count: 1 }])
      expect(await store.count(parseQuery('tag:AAA'))).toBe(0)
    })

    it.each([
      ['uranium', ['09HARARE3', '09HARARE2', '09STATE1']],
      ['"enriched uranium"', ['09STATE1']],
      ['enrich*', ['09HARARE3', '09STATE1', '10LONDON4']],
      ['nuclear AND talks', ['09STATE1', '10LONDON4']],
      ['uranium -secret', ['09HARARE2', '09STATE1']],
      ['uranium NOT (tag:PREL)', ['09HARARE2']],
      ['banks OR elections', ['09HARARE2', '10LONDON4']],
      ['(banks OR elections) AND -zanu', ['10LONDON4']],
      ['nuclear NEAR/0 talks', ['09STATE1']],
      ['nuclear NEAR/1 talks', ['09STATE1', '10LONDON4']],
      ['talks NEAR/0 nuclear', ['09STATE1']],
      ['reactor NEAR/1 inspectors', ['09HARARE3']],
      ['reactor NEAR/3 inspectors', ['09HARARE3', '10STATE5']],
      ['uranium NEAR/4 secret NEAR/4 site', ['09HARARE3']],
      ['site NEAR/4 uranium NEAR/4 secret', ['09HARARE3']],
      ['uranium NEAR/3 secret NEAR/3 site', []],
      ['uranium NEAR/1 secret NEAR/1 harare', []],
      ['uranium NEAR/4 secr* NEAR/4 site', ['09HARARE3']],
      ['uranium NEAR/3 enrich NEAR/3 site', []],
      // a phrase past the 256th position of its word, as one operand of three
      ['"the alpha" NEAR/1 omega NEAR/1 finale', ['10STATE5']],
      ['"secret site" NEAR/2 harare', ['09HARARE3']],
      ['insp* NEAR/1 reactor', ['09HARARE3']],
      ['"alpha omega"', ['10STATE5']],
      ['"the alpha"', ['10STATE5']],
      ['alpha NEAR/1 finale', ['10STATE5']],
      ['alpha NEAR/0 finale', []],
      ['finale NEAR/0 omega', ['10STATE5']],
      ['zanu-pf', ['09HARARE2']],
      ['"zanu pf"', ['09HARARE2']],
      ['cafe geneve', ['09STATE1']],
      ['CAFÉ', ['09STATE1']],
      ['tag:PREL', ['09HARARE3', '09STATE1']],
      ['tag:PG*', ['09HARARE2', '09STATE1']],
      ['tag:(ECON OR ZI)', ['09HARARE2', '10LONDON4']],
      // three set conditions: PostgreSQL lists from the first and checks the other two (driverWhere)
      ['tag:PREL tag:PGOV -caption:SIPDIS', ['09STATE1']],
      ['tag:PREL caption:SIPDIS tag:PGOV', []],
      ['origin:HARARE', ['09HARARE2', '09HARARE3']],
      ['origin:"Secretary of State"', ['09STATE1', '10STATE5']],
      ['origin:LON*', ['10LONDON4']],
      ['to:paris', ['10LONDON4']],
      ['to:"amembassy paris"', ['10LONDON4']],
      ['to:"paris usmission"', []],
      ['to:"secstate washdc" date:2009', ['09HARARE2', '09HARARE3', '09STATE1']],
      ['to:geneva', ['10LONDON4']],
      ['geneva', ['09STATE1']],
      ['class:SECRET', ['09HARARE3']],
      ['class>=CONFIDENTIAL', ['09HARARE2', '09HARARE3']],
      ['class<CONFIDENTIAL', ['09STATE1', '10LONDON4', '10STATE5']],
      ['class:NOFORN', ['09HARARE3']],
      ['class:"SECRET//NOFORN"', ['09HARARE3']],
      ['classification:"SECRET//NOFORN"', ['09HARARE3']],
      ['classification:"secret//noforn"', ['09HARARE3']],
      ['classification:SECRET', []],
      ['classification:CONFIDENTIAL', ['09HARARE2']],
      ['caption:SIPDIS', ['09HARARE3', '10STATE5']],
      ['caption:NOF*', ['09HARARE3']],
      ['precedence:IMMEDIATE', ['09STATE1']],
      ['precedence:P', ['10STATE5']],
      // values in lower case, and prefixes of every field that takes one
      ['precedence:prior*', ['10STATE5']],
      ['precedence:I*', ['09STATE1']],
      ['tag:prel', ['09HARARE3', '09STATE1']],
      ['tag:pg*', ['09HARARE2', '09STATE1']],
      ['caption:sipdis', ['09HARARE3', '10STATE5']],
      ['caption:nof*', ['09HARARE3']],
      ['id:09harare*', ['09HARARE2', '09HARARE3']],
      ['cites:09sta*', ['09HARARE2', '09HARARE3']],
      ['cites:08harare9', ['09HARARE3']],
      ['origin:lon*', ['10LONDON4']],
      ['-cites:09STATE1', ['09STATE1', '10LONDON4', '10STATE5']],
      ['class<=CONFIDENTIAL class:NOFORN', []],
      ['class>CONFIDENTIAL', ['09HARARE3']],
      ['class>=SECRET class:NOFORN', ['09HARARE3']],
      ['tag:" prel "', ['09HARARE3', '09STATE1']],
      // a prosign names its precedence (O: IMMEDIATE), exactly, not as the start of a word
      ['precedence:O', ['09STATE1']],
      // an undated cable is outside every date range, so inside its negation
      ['-date:2009', ['10LONDON4', '10STATE5']],
      ['-date>=2010', ['09HARARE2', '09HARARE3', '09STATE1', '10STATE5']],
      ['subject:nuclear', ['09STATE1']],
      ['subject:(banking OR elections)', ['09HARARE2', '10LONDON4']],
      // the field's OR stays one alternative beside the word: (banking OR elections) AND zanu
      ['subject:(banking OR elections) zanu', ['09HARARE2']],
      ['subject:"reactor review"', ['10STATE5']],
      ['subject:uranium', []],
      // a phrase or NEAR beside other conditions (PostgreSQL checks its positions after them)
      ['"nuclear talks" date:2009', ['09STATE1']],
      ['"nuclear talks" tag:ECON', []],
      ['"uranium enrichment" class>=SECRET', ['09HARARE3']],
      ['reactor NEAR/3 inspectors -date:2010', ['09HARARE3', '10STATE5']],
      ['id:09STATE01', ['09STATE1']],
      ['id:09HARARE*', ['09HARARE2', '09HARARE3']],
      // NARA document numbers and PlusD forms, exact and as prefixes, are found like the canonical ids (QA 13)
      ['id:2009STATE000001', ['09STATE1']],
      ['id:2009HARARE00002_b', ['09HARARE2']],
      ['id:2009HARARE*', ['09HARARE2', '09HARARE3']],
      ['id:2009HARARE0000*', ['09HARARE2', '09HARARE3']],
      ['id:2009STATE00001*', ['09STATE1']],
      ['id:2009*', ['09HARARE2', '09HARARE3', '09STATE1']],
      ['cites:2009STA*', ['09HARARE2', '09HARARE3']],
      ['cites:2008HARARE0009', ['09HARARE3']],
      ['cites:09STATE1', ['09HARARE2', '09HARARE3']],
      ['cites:09STA*', ['09HARARE2', '09HARARE3']],
      ['cites:08HARARE9', ['09HARARE3']],
      ['date:2009-09..2009-12', ['09HARARE2', '09HARARE3']],
      ['date:..2009-06', ['09STATE1']],
      ['date>=2010', ['10LONDON4']],
      ['date:2009-12-31', ['09HARARE3']],
      ['-tag:PREL', ['09HARARE2', '10LONDON4', '10STATE5']],
      ['reactor OR tag:ECON', ['09HARARE3', '10LONDON4', '10STATE5']],
      ['-uranium', ['10LONDON4', '10STATE5']],
    ])('should find %s', async (q, expected) => {
      const store = await loaded()
      expect(sorted(await keys(store.search(parseQuery(q), { sort: 'rank' })))).toEqual(sorted(expected))
      expect(await store.count(parseQuery(q))).toBe(expected.length)
      const page = await store.facetedPage(parseQuery(q), { sort: 'rank', limit: 50 })
      expect(page.total).toBe(expected.length)
      expect(sorted(page.hits.map((h) => h.key))).toEqual(sorted(expected))
    })

    // An OR with an alternative that is no full text: SQLite gathers the full-text alternatives into one MATCH
    // and the plain `id:` values into one IN list, and adds the rest one by one; each query mixes those kinds.
    // The expected set is the fixture filtered by each alternative written as a test of the record's own
    // fields, so it owes nothing to how an engine compiles the query.
    it('should answer an OR of ids, id prefixes and other conditions with every cable some alternative selects', async () => {
      const store = await engine.open()
      // a cable whose id could not be read: filed under a text hash, found by the id as its text wrote it
      const unnumbered = makeRecord({ key: `sha256:${'c'.repeat(64)}`, id: null, rawId: 'UNNUMBERED-HARARE', tags: ['PGOV'], subject: 'NO NUMBER', text: 'A cable with no readable number.' })
      const fixture = [...records(), unnumbered]
      await store.upsertCables(fixture)
      type Test = (r: CableRecord) => boolean
      const key = (k: string): Test => (r) => r.key === k
      const keyStarts = (p: string): Test => (r) => r.key.startsWith(p)
      const word = (w: string): Test => (r) => new RegExp(`\\b${w}\\b`, 'i').test(`${r.subject} ${r.text}`)
      const cases: [string, Test[]][] = [
        ['id:09STATE1 OR id:09HARARE* OR origin:LONDON', [key('09STATE1'), keyStarts('09HARARE'), (r) => r.originKey === 'LONDON']],
        ['id:10LONDON4 OR tag:ZI', [key('10LONDON4'), (r) => r.tags.includes('ZI')]],
        ['id:09HARARE* OR id:10LONDON4', [keyStarts('09HARARE'), key('10LONDON4')]],
        // an id as the reader writes it (lower case, serial zero-padded) beside another, and a tag
        ['id:09state01 OR id:10STATE5 OR tag:ECON', [key('09STATE1'), key('10STATE5'), (r) => r.tags.includes('ECON')]],
        // a raw id that names no canonical id matches the cable filed under a text hash
        ['id:UNNUMBERED-HARARE OR precedence:PRIORITY', [(r) => r.rawId === 'UNNUMBERED-HARARE', (r) => r.precedence === 'PRIORITY']],
        ['id:UNNUMBERED-HARARE OR id:09HARARE2 OR origin:LONDON', [(r) => r.rawId === 'UNNUMBERED-HARARE', key('09HARARE2'), (r) => r.originKey === 'LONDON']],
        // two full-text alternatives (one MATCH holding both), an id and a tag
        ['uranium OR banks OR id:10STATE5 OR tag:ZI', [word('uranium'), word('banks'), key('10STATE5'), (r) => r.tags.includes('ZI')]],
        ['(tag:PREL tag:PGOV) OR id:10LONDON4', [(r) => r.tags.includes('PREL') && r.tags.includes('PGOV'), key('10LONDON4')]],
        ['id:09STATE1 OR -origin:HARARE', [key('09STATE1'), (r) => r.originKey !== 'HARARE']],
        // an exclusion of a word as one alternative: no full-text expression (FTS5 has no unary NOT)
        ['banks OR -uranium', [word('banks'), (r) => !word('uranium')(r)]],
        ['(nuclear -geneva) OR -uranium OR id:09HARARE2', [(r) => word('nuclear')(r) && !word('geneva')(r), (r) => !word('uranium')(r), key('09HARARE2')]],
      ]
      for (const [q, alternatives] of cases) {
        const expected = fixture.filter((r) => alternatives.some((t) => t(r))).map((r) => r.key)
        // every alternative selects something and none selects everything: a dropped one would show
        for (const t of alternatives) expect(fixture.some(t) && !fixture.every(t), q).toBe(true)
        expect(sorted(await keys(store.search(parseQuery(q), { sort: 'rank' }))), q).toEqual(sorted(expected))
        expect(await store.count(parseQuery(q)), q).toBe(expected.length)
      }
    })

    it('should match an origin exactly, and as the start of a longer one only when asked with *', async () => {
      const store = await engine.open()
      await store.upsertCables([
        makeRecord({ key: '09LIMA1', origin: 'AMEMBASSY LIMA', originKey: 'LIMA' }),
        makeRecord({ key: '09LIMASSOL2', origin: 'AMCONSUL LIMASSOL', originKey: 'LIMASSOL' }),
      ])
      expect(await keys(store.search(parseQuery('origin:LIMA'), { sort: 'date' }))).toEqual(['09LIMA1'])
      expect(sorted(await keys(store.search(parseQuery('origin:LIMA*'), { sort: 'date' })))).toEqual(['09LIMA1', '09LIMASSOL2'])
      expect(await keys(store.search(parseQuery('-origin:LIMA'), { sort: 'date' }))).toEqual(['09LIMASSOL2'])
    })

    it('should rank subject hits first, score only ranked queries, sort by date with undated cables first, and page', async () => {
      const store = await loaded()
      const ranked = await keys(store.search(parseQuery('nuclear'), { sort: 'rank' }))
      expect(ranked[0]).toBe('09STATE1')
      const hits: SearchHit[] = []
      for await (const h of store.search(parseQuery('nuclear'), { sort: 'rank', limit: 10 })) hits.push(h)
      expect(hits.every((h) => typeof h.score === 'number')).toBe(true)
      for await (const h of store.search(parseQuery('tag:PREL'), { sort: 'rank', limit: 10 })) expect(h.score).toBeNull()
      expect(await keys(store.search(null, { sort: 'date' }))).toEqual(['10STATE5', '09STATE1', '09HARARE2', '09HARARE3', '10LONDON4'])
      expect(await keys(store.search(null, { sort: 'date-desc' }))).toEqual(['10LONDON4', '09HARARE3', '09HARARE2', '09STATE1', '10STATE5'])
      expect(await keys(store.search(null, { sort: 'date-desc', limit: 2, offset: 1 }))).toEqual(['09HARARE3', '09HARARE2'])
      expect(await keys(store.search(parseQuery('uranium'), { sort: 'date' }))).toEqual(['09STATE1', '09HARARE2', '09HARARE3'])
      const page = await store.facetedPage(parseQuery('uranium OR reactor'), { sort: 'date', limit: 2, offset: 1 })
      expect(page.hits.map((h) => h.key)).toEqual(['09STATE1', '09HARARE2'])
      expect(page.total).toBe(4)
    })

    it('should stream a whole export in order with texts', async () => {
      const store = await loaded()
      const all: SearchHit[] = []
      for await (const h of store.search(null, { sort: 'date', withText: true })) all.push(h)
      expect(all.map((h) => h.key)).toEqual(['10STATE5', '09STATE1', '09HARARE2', '09HARARE3', '10LONDON4'])
      expect(all[1].text).toContain('Café Genève')
      const page: SearchHit[] = []
      for await (const h of store.search(parseQuery('uranium'), { sort: 'date', limit: 1, withText: true })) page.push(h)
      expect(page.map((h) => [h.key, h.text?.startsWith('The nuclear')])).toEqual([['09STATE1', true]])
    })

    it('should count facets over the whole result set, and of the whole archive', async () => {
      const store = await loaded()
      const f = await store.facets(parseQuery('uranium OR banks'))
      expect(f.origin).toEqual([{ value: 'HARARE', count: 2 }, { value: 'LONDON', count: 1 }, { value: 'STATE', count: 1 }])
      expect(f.year).toEqual([{ value: '2009', count: 3 }, { value: '2010', count: 1 }])
      expect(f.tag).toEqual([{ value: 'PGOV', count: 2 }, { value: 'PREL', count: 2 }, { value: 'ECON', count: 1 }, { value: 'ZI', count: 1 }])
      expect(f.classification.find((c) => c.value === 'UNCLASSIFIED')?.count).toBe(2)
      expect(f.precedence).toEqual([{ value: 'ROUTINE', count: 3 }, { value: 'IMMEDIATE', count: 1 }])
      const all = await store.facets(null)
      expect(all.year).toEqual([{ value: '(none)', count: 1 }, { value: '2009', count: 3 }, { value: '2010', count: 1 }])
      expect(all.origin).toEqual([{ value: 'STATE', count: 2 }, { value: 'HARARE', count: 2 }, { value: 'LONDON', count: 1 }].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)))
      expect((await store.facets(null, undefined, 1)).tag).toEqual([{ value: 'PGOV', count: 2 }])
      const page = await store.facetedPage(null, { sort: 'date-desc', limit: 1 })
      expect(page.total).toBe(5)
      expect(page.facets).toEqual(all)
      expect(page.hits.map((h) => h.key)).toEqual(['10LONDON4'])
      expect(await store.count(null)).toBe(5)
    })

    it('should count captions as a facet, each value selecting as many visible cables as it counts', async () => {
      const store = await loaded()
      const unclass: Access = { level: 0, caveats: ['NOFORN'] }
      const secretNoforn: Access = { level: 3, caveats: ['NOFORN'] }
      expect((await store.facets(null)).caption).toEqual([{ value: 'SIPDIS', count: 2 }, { value: 'NOFORN', count: 1 }])
      // the SECRET//NOFORN cable's captions are counted only for a reader who may see it
      expect((await store.facets(null, unclass)).caption).toEqual([{ value: 'SIPDIS', count: 1 }])
      expect((await store.facets(parseQuery('uranium OR reactor'), { level: 2, caveats: [] })).caption).toEqual([{ value: 'SIPDIS', count: 1 }])
      for (const access of [undefined, unclass, secretNoforn]) {
        for (const q of [null, 'uranium OR reactor', 'inspectors', 'date:2009']) {
          const query = q === null ? null : parseQuery(q)
          const page = await store.facetedPage(query, { sort: 'date', limit: 1 }, access)
          expect(page.facets.caption).toEqual((await store.facets(query, access)).caption)
          for (const { value, count } of page.facets.caption) {
            const narrowed = parseQuery(q === null ? `caption:"${value}"` : `(${q}) caption:"${value}"`)
            expect(await store.count(narrowed, access)).toBe(count)
          }
        }
      }
      // repeated captions on a record count once; a replacement moves the counts with it
      const other = await engine.open()
      await other.upsertCables([makeRecord({ key: '09X7', errorCount: 2, captions: ['EXDIS', 'EXDIS'], text: 'first  copy' })])
      expect((await other.facets(null)).caption).toEqual([{ value: 'EXDIS', count: 1 }])
      await other.upsertCables([makeRecord({ key: '09X7', errorCount: 0, captions: ['SIPDIS'], text: 'first copy', source: { ...makeRecord({ key: '09X7' }).source, locator: 'b.csv#row=1', rendering: 'csv' } })])
      expect((await other.facets(null)).caption).toEqual([{ value: 'SIPDIS', count: 1 }])
      expect((await other.facets(parseQuery('copy'))).caption).toEqual([{ value: 'SIPDIS', count: 1 }])
      // a caption of two words is found however its blanks and case are typed
      await other.upsertCables([makeRecord({ key: '09X8', captions: ['SPECAT EXCLUSIVE'], text: 'second' })])
      for (const q of ['caption:"SPECAT EXCLUSIVE"', 'caption:" specat   exclusive "', 'caption:"Specat\tExclusive"']) {
        expect([q, await keys(other.search(parseQuery(q), { sort: 'date' }))]).toEqual([q, ['09X8']])
        expect([q, await other.count(parseQuery(q))]).toEqual([q, 1])
      }
      expect(await other.count(parseQuery('caption:"SPECATEXCLUSIVE"'))).toBe(0)
    })

    it('should hide what the reader may not see on every read path', async () => {
      const store = await loaded()
      const confidential: Access = { level: 2, caveats: [] }
      const secretNoNoforn: Access = { level: 3, caveats: [] }
      const secretNoforn: Access = { level: 3, caveats: ['NOFORN'] }
      const unclass: Access = { level: 0, caveats: ['NOFORN'] }
      expect(sorted(await keys(store.search(parseQuery('uranium'), { sort: 'rank' }, confidential)))).toEqual(['09HARARE2', '09STATE1'])
      expect(await store.count(parseQuery('uranium'), secretNoNoforn)).toBe(2)
      expect(await store.count(parseQuery('uranium'), secretNoforn)).toBe(3)
      expect(await store.count(null, secretNoNoforn)).toBe(4)
      expect((await store.facets(parseQuery('uranium'), unclass)).origin).toEqual([{ value: 'STATE', count: 1 }])
      expect((await store.facets(null, unclass)).classification).toEqual([{ value: 'UNCLASSIFIED', count: 3 }])
      const page = await store.facetedPage(null, { sort: 'date', limit: 10 }, confidential)
      expect(page.total).toBe(4)
      expect(page.hits.map((h) => h.key)).not.toContain('09HARARE3')
      expect(await store.getCable('09HARARE3', secretNoNoforn)).toBeNull()
      expect(await store.getCable('09HARARE3', secretNoforn)).not.toBeNull()
      expect((await store.citing('09STATE1', confidential)).map((c) => c.key)).toEqual(['09HARARE2'])
      expect([...(await store.resolve(['09HARARE2', '09HARARE3'], unclass)).keys()]).toEqual([])
      const stats = await store.stats(confidential)
      expect(stats.cables).toBe(4)
      expect(stats.sources).toBe(4)
      expect(stats.byClassification.map((c) => c.value)).not.toContain('SECRET//NOFORN')
      expect((await store.stats()).cables).toBe(5)
    })

    it('should read a cable back whole, with references and cited-by', async () => {
      const store = await loaded()
      const c = await store.getCable('09HARARE3')
      expect(c).toMatchObject({ key: '09HARARE3', level: 3, caveats: ['NOFORN'], captions: ['NOFORN', 'SIPDIS'], tags: ['PREL'], errorCount: 0 })
      expect(c?.references).toEqual([{ letter: null, id: '09STATE1', text: 'STATE 1', kind: 'cable' }, { letter: 'B', id: '08HARARE9', text: 'HARARE 9', kind: 'cable' }])
      expect(c?.addressees).toEqual(records()[2].addressees)
      expect(c?.sources).toEqual([records()[2].source])
      expect(c?.text).toBe(records()[2].text)
      expect(await store.getCable('NO SUCH')).toBeNull()
      expect((await store.citing('09STATE1')).map((x) => x.key)).toEqual(['09HARARE2', '09HARARE3'])
      expect(await store.citing('08HARARE9')).toEqual([{ key: '09HARARE3', id: '09HARARE3', date: '2009-12-31', origin: 'AMEMBASSY HARARE', classification: 'SECRET//NOFORN', subject: 'SECRET THINGS' }])
      const resolved = await store.resolve(['09STATE1', '10LONDON4', 'MISSING'])
      expect([...resolved.keys()].sort()).toEqual(['09STATE1', '10LONDON4'])
    })

    it('should keep how each date was found and the kind of each reference, on every read path', async () => {
      const store = await engine.open()
      const inferred = { basis: 'inferred' as const, precision: 'month' as const, from: ['decl-month', 'id'] }
      const container = { basis: 'container' as const, precision: 'day' as const, from: ['csv:draft date'] }
      await store.upsertCables([
        makeRecord({ key: '00HARARE1', date: '2000-09', dateSource: inferred, subject: 'PARTIAL RECORD', references: [
          { letter: 'A', id: '00STATE5', text: 'STATE 5', kind: 'cable' },
          { letter: 'B', id: null, text: 'EMBASSY MEMO OF 3 MAY', kind: 'memo' },
          { letter: 'C', id: null, text: 'JONES-SMITH EMAIL 4/2', kind: 'email' },
        ] }),
        makeRecord({ key: '75KINSHASA2', date: '1975-03-18T00:00:00Z', dateSource: container }),
        makeRecord({ key: '09HARARE3', date: '2009-09-24T19:36:00Z', dateSource: { basis: 'read', precision: 'minute', from: ['dtg'] } }),
        makeRecord({ key: '09HARARE4', date: null, dateSource: null }),
      ])
      const c = await store.getCable('00HARARE1')
      expect(c?.dateSource).toEqual(inferred)
      expect(c?.references.map((r) => [r.letter, r.id, r.kind])).toEqual([['A', '00STATE5', 'cable'], ['B', null, 'memo'], ['C', null, 'email']])
      expect((await store.getCable('75KINSHASA2'))?.dateSource).toEqual(container)
      expect((await store.getCable('09HARARE4'))?.dateSource).toBeNull()
      // a memo or an e-mail is never a cited cable
      expect(await store.referencedIds()).toEqual([{ id: '00STATE5', citedBy: 1, lastCitedAt: '2000-09' }])
      const byKey = (hits: SearchHit[]) => Object.fromEntries(hits.map((h) => [h.key, h.dateSource]))
      const expected = { '00HARARE1': inferred, '75KINSHASA2': container, '09HARARE3': { basis: 'read', precision: 'minute', from: ['dtg'] }, '09HARARE4': null }
      const streamed: SearchHit[] = []
      for await (const h of store.search(null, { sort: 'date' })) streamed.push(h)
      expect(byKey(streamed)).toEqual(expected)
      const paged: SearchHit[] = []
      for await (const h of store.search(null, { sort: 'date', limit: 10 })) paged.push(h)
      expect(byKey(paged)).toEqual(expected)
      expect(byKey((await store.facetedPage(null, { sort: 'date-desc', limit: 10 })).hits)).toEqual(expected)
      expect(byKey((await store.facetedPage(parseQuery('partial'), { sort: 'rank', limit: 10 })).hits)).toEqual({ '00HARARE1': inferred })
    })

    it('should match a date known only to its month or year when its whole period is in the range', async () => {
      const store = await engine.open()
      await store.upsertCables([
        makeRecord({ key: 'MONTH', date: '2000-09', dateSource: { basis: 'inferred', precision: 'month', from: ['decl-month', 'id'] } }),
        makeRecord({ key: 'YEAR', date: '2000', dateSource: { basis: 'inferred', precision: 'year', from: ['id'] } }),
        makeRecord({ key: 'MINUTE', date: '2000-09-24T19:36:00Z', dateSource: { basis: 'read', precision: 'minute', from: ['dtg'] } }),
        makeRecord({ key: 'JANUARY', date: '2001-01', dateSource: { basis: 'inferred', precision: 'month', from: ['decl-month', 'id'] } }),
      ])
      const matching = async (q: string) => sorted(await keys(store.search(parseQuery(q), { sort: 'date' })))
      expect(await matching('date:2000')).toEqual(['MINUTE', 'MONTH', 'YEAR'])
      expect(await matching('date:2000-09')).toEqual(['MINUTE', 'MONTH'])
      // a day inside the month: only the cable known to that day
      expect(await matching('date:2000-09-24')).toEqual(['MINUTE'])
      expect(await matching('date:2000-09-01..2000-09-30')).toEqual(['MINUTE', 'MONTH'])
      expect(await matching('date:2000-09-02..2000-09-30')).toEqual(['MINUTE'])
      // a range starting on the first day of a period holds that period
      expect(await matching('date:2000-01-01..2000-12-31')).toEqual(['MINUTE', 'MONTH', 'YEAR'])
      expect(await matching('date>=2000-01')).toEqual(['JANUARY', 'MINUTE', 'MONTH', 'YEAR'])
      expect(await matching('date>=2001-01-01')).toEqual(['JANUARY'])
      // an upper bound inside a period leaves it out: September 2000 may be after the 10th
      expect(await matching('date<2000-09-10')).toEqual([])
      expect(await matching('date<2000-10')).toEqual(['MINUTE', 'MONTH'])
      expect(await matching('date<=2000-12')).toEqual(['MINUTE', 'MONTH', 'YEAR'])
      expect(await matching('date:..2001-01-15')).toEqual(['MINUTE', 'MONTH', 'YEAR'])
      expect(await store.count(parseQuery('date:2000-09-10..2000-09-30'))).toBe(1)
    })

    it('should count a result per year, month and day', async () => {
      const store = await loaded()
      expect(await store.histogram(null, 'year')).toEqual([{ value: '(none)', count: 1 }, { value: '2009', count: 3 }, { value: '2010', count: 1 }])
      expect(await store.histogram(null, 'month', { level: 2, caveats: [] })).toEqual([{ value: '(none)', count: 1 }, { value: '2009-01', count: 1 }, { value: '2009-10', count: 1 }, { value: '2010-02', count: 1 }])
      expect(await store.histogram(parseQuery('uranium OR reactor'), 'day')).toEqual([{ value: '(none)', count: 1 }, { value: '2009-01-05', count: 1 }, { value: '2009-10-01', count: 1 }, { value: '2009-12-31', count: 1 }])
      expect(await store.histogram(parseQuery('uranium'), 'year')).toEqual([{ value: '2009', count: 3 }])
    })

    it('should give the same faceted pages on a first search as on later ones, and after a write', async () => {
      // engines count a first faceted search hit by hit and later ones with an in-memory facet index, rebuilt
      // when the archive changes: both must give the order `search` gives, and the same counts
      const store = await engine.open()
      const many = Array.from({ length: 36 }, (_, i) =>
        makeRecord({
          key: `08POST${String(i).padStart(2, '0')}`,
          originKey: ['PARIS', 'ROME', 'BERN'][i % 3],
          // equal dates (ties settled by key), undated cables, and a date known to its month
          date: i % 7 === 0 ? null : i % 5 === 0 ? '2008-03' : `2008-0${1 + (i % 4)}-1${i % 3}`,
          subject: i % 4 === 0 ? 'NUCLEAR MATTERS' : 'OTHER MATTERS',
          text: `Talks on ${i % 2 ? 'nuclear' : 'trade'} policy and uranium${i % 3 ? ' enrichment' : ''}.`,
          tags: i % 6 === 0 ? ['PREL', 'PREL', 'PGOV'] : ['ECON'],
          captions: i % 4 === 1 ? ['SIPDIS', 'NOFORN'] : [],
          classification: i % 4 === 1 ? 'SECRET//NOFORN' : 'UNCLASSIFIED',
          level: i % 4 === 1 ? 3 : 0,
          caveats: i % 4 === 1 ? ['NOFORN'] : [],
        }),
      )
      await store.upsertCables(many)
      const cases: [string | null, 'rank' | 'date' | 'date-desc', number, number, Access | undefined][] = [
        ['uranium', 'rank', 7, 0, undefined],
        ['uranium', 'rank', 7, 9, undefined],
        ['nuclear', 'rank', 5, 3, { level: 0, caveats: [] }],
        ['uranium -enrichment', 'date', 6, 2, undefined],
        ['tag:PREL', 'date-desc', 4, 1, undefined],
        ['tag:ECON uranium', 'date-desc', 30, 0, { level: 3, caveats: ['NOFORN'] }],
        ['origin:ROME OR nuclear', 'rank', 8, 4, undefined],
        ['nuclear NEAR/2 policy', 'date', 3, 0, undefined],
        ['uranium', 'date', 0, 0, undefined],
        // conditions that start from one table's set of cables (a prefix may list a cable twice)
        ['tag:P*', 'date-desc', 6, 0, undefined],
        ['caption:SIPDIS', 'rank', 4, 1, undefined],
        ['to:"SECSTATE WASHDC" -nuclear', 'date', 5, 2, undefined],
        ['tag:ECON class:NOFORN', 'date', 5, 0, undefined],
      ]
      const run = async () => {
        const out: unknown[] = []
        for (const [text, sort, limit, offset, access] of cases) {
          const query = text === null ? null : parseQuery(text)
          const page = await store.facetedPage(query, { sort, limit, offset }, access)
          const ordered = await keys(store.search(query, { sort, limit, offset }, access))
          expect(page.hits.map((h) => h.key), `${text} ${sort} ${offset}`).toEqual(ordered)
          expect(page.total).toBe(await store.count(query, access))
          out.push({ text, total: page.total, facets: page.facets, hits: page.hits.map((h) => [h.key, h.score === null]) })
        }
        return out
      }
      const first = await run()
      expect(await run()).toEqual(first)
      expect(await run()).toEqual(first)
      // a write moves the archive on: the next searches count it
      await store.upsertCables([makeRecord({ key: '08POST99', originKey: 'OSLO', date: '2008-02-11', subject: 'NUCLEAR', text: 'Uranium and nuclear talks.', tags: ['KNNP'] })])
      const after = await run()
      expect(after).not.toEqual(first)
      const page = await store.facetedPage(parseQuery('uranium'), { sort: 'rank', limit: 3 })
      expect(page.facets.origin.find((o) => o.value === 'OSLO')).toEqual({ value: 'OSLO', count: 1 })
      expect(await run()).toEqual(after)
    })

    it('should report archive statistics', async () => {
      const store = await loaded()
      const s = await store.stats()
      expect(s).toEqual({
        cables: 5,
        sources: 5,
        withErrors: 0,
        byYear: [{ value: '(none)', count: 1 }, { value: '2009', count: 3 }, { value: '2010', count: 1 }],
        byOrigin: [{ value: 'HARARE', count: 2 }, { value: 'STATE', count: 2 }, { value: 'LONDON', count: 1 }],
        byClassification: [{ value: 'UNCLASSIFIED', count: 3 }, { value: 'CONFIDENTIAL', count: 1 }, { value: 'SECRET//NOFORN', count: 1 }],
        byMonth: [{ value: '(none)', count: 1 }, { value: '2009-01', count: 1 }, { value: '2009-10', count: 1 }, { value: '2009-12', count: 1 }, { value: '2010-02', count: 1 }],
      })
    })
  })
})
