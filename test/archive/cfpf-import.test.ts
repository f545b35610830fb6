import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { accessMarking, cfpfRecord, cfpfShapeOf } from '../../src/archive/import/cfpf-columns.js'
import { arrayElements } from '../../src/archive/import/read-json.js'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { LEVEL_RANK } from '../../src/format/classification.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { freshDatabase, usePostgres, type TestDatabase } from '../support/postgres.js'

// Synthetic CFPF exports (test/fixtures/cfpf): invented subjects and texts; station names are real only so that
// document numbers resolve against the directory of stations.
const fixtures = join(import.meta.dirname, '../fixtures/cfpf')
const root = mkdtempSync(join(tmpdir(), 'cablegram-cfpf-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const clock = () => new Date('2026-03-01T00:00:00Z')

// The same suite on every engine: SQLite in a temporary file, PostgreSQL on a fresh database per archive
// (skipped outside CI, with the reason, when no server is reachable).
const pg = await usePostgres('cfpf-import')
const databases: TestDatabase[] = []
const stores: Store[] = []
afterAll(async () => {
  for (const s of stores) await s.close()
  for (const d of databases) await d.drop()
})

interface Engine {
  name: string
  skip: boolean
  open(label: string): Promise<Store>
}

const ENGINES: Engine[] = [
  { name: 'sqlite', skip: false, open: async (label) => track(openStore(join(root, `${label}.db`))) },
  {
    name: 'postgres',
    skip: !pg.available,
    open: async (label) => {
      const db = await freshDatabase(`cfpf ${label}`)
      databases.push(db)
      return track(openStore(db.url))
    },
  },
]

function track(store: Store): Store {
  stores.push(store)
  return store
}

/** A stored cable's fields in the engine's terms: lists space-joined, as the archive keeps them. */
async function row(store: Store, key: string) {
  const c = await store.getCable(key)
  if (!c) return undefined
  return { id: c.id, raw_id: c.rawId, date: c.date, origin: c.origin, classification: c.classification, level: c.level, caveats: c.caveats.join(' '), subject: c.subject, tags: c.tags.join(', ') }
}

/** Everything an import may change, in key order: fields, text hashes and sources. */
async function snapshot(store: Store) {
  const digests: string[] = []
  for await (const d of store.digests()) digests.push(`${d.key} ${d.textSha256}`)
  const cables = []
  for (const key of digests.map((d) => d.split(' ')[0]).sort()) {
    const c = (await store.getCable(key))!
    cables.push({ ...(await row(store, key)), sources: c.sources.map((s) => [s.locator, s.sha256, s.importedAt, s.metadata]).sort() })
  }
  return { digests: digests.sort(), cables }
}

describe('CFPF shapes are known by their columns', () => {
  it('should recognise the AAD and History Lab layouts and nothing else', () => {
    expect(cfpfShapeOf(['Document Number', 'Draft Date', 'From', 'To', 'Subject', 'TAGS', 'Message Text'])).toBe('nara-aad')
    expect(cfpfShapeOf(['document number', 'DATE', 'subject'])).toBe('nara-aad')
    expect(cfpfShapeOf(['doc_nbr', 'date', 'from_field', 'to_field', 'body'])).toBe('history-lab')
    expect(cfpfShapeOf(['id', 'from_field', 'to_field', 'subject'])).toBe('history-lab')
    // cables.csv's header, the parsed model and a lone id column are not CFPF records
    expect(cfpfShapeOf(['id', 'date', 'refid', 'origin', 'classification', 'references', 'header', 'body'])).toBeNull()
    expect(cfpfShapeOf(['id', 'segments', 'diagnostics', 'subject', 'date'])).toBeNull()
    expect(cfpfShapeOf(['Document Number', 'Notes'])).toBeNull()
  })

  it('should file a record under its highest stated classification with every handling restriction', () => {
    expect(accessMarking(['UNCLASSIFIED', 'CONFIDENTIAL'], ['EXDIS'])).toBe('CONFIDENTIAL//EXDIS')
    expect(accessMarking(['SECRET', 'UNCLASSIFIED'], ['NODIS, CHEROKEE'])).toBe('SECRET//NODIS//CHEROKEE')
    expect(accessMarking(['LIMITED OFFICIAL USE'], [])).toBe('LIMITED OFFICIAL USE')
    expect(accessMarking(['CONFIDENTIAL', 'SECRT-ISH'], [])).toBe('SECRT-ISH')
    expect(accessMarking([], [])).toBeNull()
  })

  it('should keep unknown columns as metadata and read History Lab arrays and PostgreSQL array literals as lists', () => {
    const aad = cfpfRecord('nara-aad', { 'Document Number': '1975STATE012345', 'Film Number': 'D750091-0123', 'Review Flags': 'X', Enclosure: 'n/a', 'Message Text': 'TEXT' })
    expect(aad.text).toBe('TEXT')
    expect(aad.metadata).toMatchObject({ shape: 'nara-aad', 'document number': '1975STATE012345', 'film number': 'D750091-0123', 'review flags': 'X' })
    expect(aad.metadata).not.toHaveProperty('enclosure')
    const hl = cfpfRecord('history-lab', { doc_nbr: '1974STATE000001', tags: ['PFOR', 'HUMAN RIGHTS'], concepts: '{WHEAT,"IMPORT QUOTAS"}', page_count: 3, body: null })
    expect(hl.metadata).toMatchObject({ tags: 'PFOR, HUMAN RIGHTS', concepts: 'WHEAT, IMPORT QUOTAS', page_count: '3' })
    expect(hl.text).toBe('')
  })
})

describe.each(ENGINES)('cable import of CFPF exports ($name)', (engine) => void describe.skipIf(engine.skip)(engine.name, () => {
  let store: Store
  let report: Awaited<ReturnType<typeof importArchive>>

  it('should import every readable record of the AAD CSV, the History Lab JSON Lines and CSV, and report the rest at file:line', async () => {
    store = await engine.open('cfpf')
    report = await importArchive(store, [fixtures], { now: clock, parallel: false })
    expect(report.problems).toEqual([
      { locator: `${join(fixtures, 'aad-export.csv')}:25`, reason: expect.stringMatching(/expected 18 columns \(nara-aad header\), found 4/) },
      { locator: `${join(fixtures, 'history-lab.jsonl')}#line=3`, reason: expect.stringMatching(/not JSON/) },
    ])
    expect(report.cables).toBe(9)
    expect(await store.count(null)).toBe(9)
  })

  it('should read a full AAD record from its text: lower-case DTG, REF lines, multi-word TAGS, handling as caption', async () => {
    expect(await row(store, '75STATE12345')).toMatchObject({ date: '1975-03-15T16:46:00Z', origin: 'SECSTATE WASHDC', classification: 'CONFIDENTIAL//EXDIS', level: LEVEL_RANK.CONFIDENTIAL, caveats: 'EXDIS', tags: 'PFOR, HUMAN RIGHTS, CG' })
    const c = await store.getCable('75STATE12345')
    expect(c?.references.map((r) => r.id)).toEqual(['75KINSHASA1122', '74STATE998877'])
    expect(c?.captions).toEqual(['EXDIS'])
    expect(c?.text.startsWith('r 151646z mar 75\nFM SECSTATE WASHDC\n')).toBe(true)
    expect(c?.sources[0]).toMatchObject({ rendering: 'csv', locator: `${join(fixtures, 'aad-export.csv')}#row=2` })
    expect(c?.sources[0].metadata).toMatchObject({ shape: 'nara-aad', 'film number': 'D750091-0123', concepts: 'RIVER TRANSPORT', 'current classification': 'UNCLASSIFIED', classification: 'CONFIDENTIAL//EXDIS' })
  })

  it('should repair a six-letter NARA origin and take date and id from the record when the text has neither', async () => {
    expect(await row(store, '75KINSHASA1234')).toMatchObject({ id: '75KINSHASA1234', raw_id: '1975KINSHA01234', date: '1975-03-18T00:00:00Z', origin: 'AMEMBASSY KINSHASA', level: 0, tags: 'EAGR, CG', subject: 'INVENTED COFFEE PRICES' })
    const c = await store.getCable('75KINSHASA1234')
    expect(c?.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['ID_FROM_METADATA', 'ID_REPAIRED', 'DATE_FROM_CONTAINER', 'TAGS_FROM_CONTAINER', 'SUBJECT_FROM_CONTAINER']))
  })

  it('should store text-unavailable records with their metadata, level and caveats', async () => {
    expect(await row(store, '76NEWDELHI42')).toMatchObject({ raw_id: '1976NEWDE000042', date: '1976-01-09T00:00:00Z', classification: 'SECRET//NODIS', level: LEVEL_RANK.SECRET, caveats: 'NODIS', subject: 'INVENTED MONSOON FORECAST', tags: 'PFOR, IN' })
    // an empty text column is a text-unavailable record too, named by the record's locator
    expect(await row(store, '77STATE777')).toMatchObject({ date: '1977-06-30T00:00:00Z', level: LEVEL_RANK.SBU, subject: 'INVENTED VISA FEES' })
    const empty = await store.getCable('77STATE777')
    expect(empty?.text).toBe('')
    expect(empty?.diagnostics.find((d) => d.code === 'TEXT_UNAVAILABLE')?.message).toMatch(/TEXT ON MICROFILM/)
    expect(empty?.errorCount).toBe(0)
    expect(await row(store, '74KINSHASA1299')).toMatchObject({ raw_id: '1974KINSHA001299', origin: 'AMEMBASSY KINSHASA', level: LEVEL_RANK.SBU, tags: 'EAGR, CG', date: '1974-05-02T00:00:00Z' })
    expect(await row(store, '78STATE123')).toMatchObject({ level: 0, subject: 'INVENTED STAFF TRAVEL', origin: 'SECSTATE WASHDC' })
  })

  it('should fail closed on a classification nobody can read', async () => {
    expect(await row(store, '77KINSHASA5555')).toMatchObject({ classification: 'TOP SECRET (marking not understood)', level: LEVEL_RANK['TOP SECRET'] })
  })

  it('should read History Lab records: text over metadata, handling restrictions as caveats, array TAGS', async () => {
    expect(await row(store, '74STATE54321')).toMatchObject({ date: '1974-03-09T15:53:00Z', classification: 'SECRET//NODIS', level: LEVEL_RANK.SECRET, caveats: 'NODIS', tags: 'EAGR, GAZA DISENGAGEMENT, CG' })
    const c = await store.getCable('74STATE54321')
    expect(c?.references.map((r) => r.id)).toEqual(['74KINSHASA777', '74NEWDELHI3456'])
    expect(c?.sources[0]).toMatchObject({ rendering: 'jsonl', locator: `${join(fixtures, 'history-lab.jsonl')}#line=2` })
    expect(c?.sources[0].metadata).toMatchObject({ shape: 'history-lab', film: 'D740070-0999', 'current classification': 'UNCLASSIFIED' })
    expect(await row(store, '79KINSHASA808')).toMatchObject({ classification: 'CONFIDENTIAL//LIMDIS', caveats: 'LIMDIS', tags: 'EAID, HUMAN RIGHTS, CG', date: '1979-02-14T00:00:00Z' })
  })

  it('should change nothing when the same exports are imported again', async () => {
    const before = await snapshot(store)
    const again = await importArchive(store, [fixtures], { now: () => new Date('2030-01-01T00:00:00Z') })
    expect(again).toMatchObject({ inserted: 0, replaced: 0, versionsAdded: 0, sourcesAdded: 0, unchanged: 9 })
    expect(await snapshot(store)).toEqual(before)
  })
}))

describe.each(ENGINES)('one cable from an AAD export and a text file ($name)', (engine) => void describe.skipIf(engine.skip)(engine.name, () => {
  const aad = join(fixtures, 'aad-export.csv')

  it('should store the same record read from both as one cable with two sources, and a different text as a version', async () => {
    const dir = join(root, `both-${engine.name}`)
    mkdirSync(dir)
    copyFileSync(aad, join(dir, 'aad-export.csv'))
    const store = await engine.open('both')
    await importArchive(store, [join(dir, 'aad-export.csv')], { now: clock, parallel: false })
    const fromCsv = await store.getCable('75STATE12345')
    writeFileSync(join(dir, '1975STATE012345.txt'), fromCsv!.text)
    const same = await importArchive(store, [join(dir, '1975STATE012345.txt')], { now: clock, parallel: false })
    expect(same).toMatchObject({ inserted: 0, versionsAdded: 0, sourcesAdded: 1 })
    expect((await store.getCable('75STATE12345'))?.sources.map((s) => s.rendering).sort()).toEqual(['csv', 'text'])

    writeFileSync(join(dir, 'later.txt'), fromCsv!.text.replace('MORE INVENTED TEXT ON THE SAME TALKS.', 'MORE INVENTED TEXT ON THE SAME TALKS, RELEASED IN FULL.'))
    const later = await importArchive(store, [join(dir, 'later.txt')], { now: clock, parallel: false })
    expect(later).toMatchObject({ inserted: 0, versionsAdded: 1 })
    expect(await store.versions('75STATE12345')).toHaveLength(2)
    expect(await store.count(null)).toBe(5)
  })
}))

describe('JSON arrays of CFPF records', () => {
  it('should split an array into its elements with their lines, and say where a truncated one breaks', () => {
    const text = '[\n  {"a": "x,]}"},\n  {"b": [1, 2]}\n]\n'
    expect(arrayElements(text)).toEqual({ elements: [{ text: '{"a": "x,]}"}', line: 2 }, { text: '{"b": [1, 2]}', line: 3 }], error: null })
    expect(arrayElements('[{"a": 1},\n{"b": "cut').error).toEqual({ line: 2, message: expect.stringMatching(/not closed/) })
  })

})

describe.each(ENGINES)('JSON arrays of CFPF records ($name)', (engine) => void describe.skipIf(engine.skip)(engine.name, () => {
  it('should import the records of a .json array and report the broken ones at file:line', async () => {
    const dir = join(root, `json-${engine.name}`)
    mkdirSync(dir)
    const rec = (n: string, body: string) => JSON.stringify({ doc_nbr: n, date: '1976-02-03T00:00:00', from_field: 'KINSHASA', to_field: 'STATE', subject: 'INVENTED', body, origclass: 'CONFIDENTIAL', orighand: 'n/a', tags: ['PFOR'] })
    writeFileSync(join(dir, 'api.json'), `[\n${rec('1976KINSHA00011', '')},\n{"not": "a cable"},\n${rec('1976KINSHA00012', 'MRN: 1976KINSHA000012 TEXT ON MICROFILM')}\n]\n`)
    const store = await engine.open('json')
    const report = await importArchive(store, [dir], { now: clock, parallel: false })
    expect(report.problems).toEqual([{ locator: `${join(dir, 'api.json')}:3`, reason: expect.stringMatching(/not a CFPF record/) }])
    expect(await row(store, '76KINSHASA11')).toMatchObject({ level: LEVEL_RANK.CONFIDENTIAL, origin: 'AMEMBASSY KINSHASA', tags: 'PFOR' })
    expect(await row(store, '76KINSHASA12')).toMatchObject({ date: '1976-02-03T00:00:00Z' })
  })
}))
