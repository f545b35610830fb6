/**
 * Portion-level access and the date (docs/search.md): for a reader below a cable's level, the cable's date in his
 * hits, `date:` filters, year facet, histogram and date order is the date his redacted rendering gives, never one
 * read from text it withholds (a partial record's publisher dateline, unmarked at the overall level). Both engines;
 * synthetic cables only.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive, type ArchiveHit } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { parseCable } from '../../src/format/parse.js'
import { openStore } from '../../src/store/open-store.js'
import type { Access, SortOrder, Store } from '../../src/store/store.js'
import { freshDatabase, usePostgres, type TestDatabase } from '../support/postgres.js'

const pg = await usePostgres('portion-access-date')
const root = mkdtempSync(join(tmpdir(), 'cablegram-portion-date-'))
const stores: Store[] = []
const databases: TestDatabase[] = []
afterAll(async () => {
  for (const s of stores) await s.close()
  for (const d of databases) await d.drop()
  rmSync(root, { recursive: true, force: true })
})

/**
 * A SECRET partial record (no DTG) whose only full date is the publisher's dateline above the class line: unmarked,
 * so at the overall level and withheld below it. The DECL date (ten years on) gives the month, the id the year.
 */
const partial = (dateline: string) => `This record is a partial extract of the original cable. The full text of the original cable is not available.

${dateline}
S E C R E T SECTION 01 OF 01 QUORIN 000777

SIPDIS

E.O. 12958: DECL: 03/05/2012
TAGS: PREL XY
SUBJECT: (C) INVENTED HARBOUR TALKS

1. (C) The harbour talks resumed quietly.

2. (S) The annex stays closed.

DOE
`

/** A CONFIDENTIAL cable with a DTG, read whole by a CONFIDENTIAL reader. */
const confidential = `R 051200Z MAR 02
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 0001

C O N F I D E N T I A L QUORIN 000770

E.O. 12958: DECL: 03/05/2012
TAGS: PREL XY
SUBJECT: (C) INVENTED HARBOUR FOLLOW-UP

1. (C) The harbour follow-up is routine.

DOE
`

const record = (text: string, id: string) =>
  toCableRecord(parseCable(text, { hint: { id } }), text, { locator: `${id}.txt`, rendering: 'text', sha256: '0'.repeat(64), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })

const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }

interface Engine {
  name: string
  skip: boolean
  open(): Promise<Store>
}

const engines: Engine[] = [
  { name: 'SQLite', skip: false, open: async () => openStore(':memory:') },
  {
    name: 'PostgreSQL',
    skip: !pg.available,
    open: async () => {
      const db = await freshDatabase('portion date')
      databases.push(db)
      return openStore(db.url)
    },
  },
]

async function collect(hits: AsyncIterable<ArchiveHit>): Promise<ArchiveHit[]> {
  const out: ArchiveHit[] = []
  for await (const h of hits) out.push(h)
  return out
}

/** What a reader is shown of a query: hits (key, date, date source) in both orders and both paths, total, facets, histograms. */
async function seen(store: Store, query: string, access: Access) {
  const out: Record<string, unknown> = {}
  for (const sort of ['date', 'date-desc'] as SortOrder[]) {
    const paged = await searchArchive(store, { query, access, limit: 10, sort, facets: true, histogram: 'day' })
    const streamed = await searchArchive(store, { query, access, sort })
    const row = (h: ArchiveHit) => [h.key, h.date, h.dateSource]
    out[sort] = { total: paged.total, years: paged.facets!.year, days: paged.histogram, hits: (await collect(paged.hits)).map(row), streamed: (await collect(streamed.hits)).map(row) }
  }
  return out
}

describe.each(engines)('portion-level access: the date a reader in part is shown, on $name', (engine) => {
  async function archive(dateline: string): Promise<Store> {
    const store = await engine.open()
    stores.push(store)
    await store.upsertCables([record(partial(dateline), '02QUORIN777'), record(confidential, '02QUORIN770')])
    await configurePortionAccess(store, true)
    return store
  }

  it.skipIf(engine.skip)('should date a cable read in part by its rendering, not by a withheld dateline', async () => {
    const store = await archive('Thursday, 07 March 2002, 10:13')
    // the archive's own date: the dateline, read to the minute (a SECRET reader reads the cable whole)
    const whole = await collect((await searchArchive(store, { query: 'date:2002-03-07', access: S })).hits)
    expect(whole.map((h) => [h.key, h.date])).toEqual([['02QUORIN777', '2002-03-07T10:13:00Z']])
    // a CONFIDENTIAL reader reads it in part: his rendering withholds the dateline and shows the DECL date
    const hits = await collect((await searchArchive(store, { query: 'harbour', access: C, sort: 'date' })).hits)
    expect(hits.map((h) => [h.key, h.date, h.redacted ?? false])).toEqual([
      ['02QUORIN777', '2002-03', true],
      ['02QUORIN770', '2002-03-05T12:00:00Z', false],
    ])
    expect(hits[0].dateSource).toEqual({ basis: 'inferred', precision: 'month', from: ['decl-month', 'id-hint'] })
    expect((await searchArchive(store, { query: 'date:2002-03-07', access: C })).total).toBe(0)
    expect((await searchArchive(store, { query: 'date>2002-03-06', access: C })).total).toBe(0)
    expect((await searchArchive(store, { query: 'date:2002-03', access: C })).total).toBe(2)
    // `cable show` gives him the same date, the SECRET reader the stored one
    const view = (await showCable(store, '02QUORIN777', C))!
    expect([view.cable.date, view.cable.text.includes('07 March')]).toEqual(['2002-03', false])
    expect((await showCable(store, '02QUORIN777', C))?.cable.dateSource).toEqual({ basis: 'inferred', precision: 'month', from: ['decl-month', 'id-hint'] })
    expect((await showCable(store, '02QUORIN777', S))?.cable.date).toBe('2002-03-07T10:13:00Z')
    const days = (await searchArchive(store, { query: '*', access: C, limit: 0, histogram: 'day' })).histogram
    expect(days).toEqual([
      { value: '2002-03', count: 1 },
      { value: '2002-03-05', count: 1 },
    ])
  })

  it.skipIf(engine.skip)('should show a reader in part the same dates, filters, counts and order whatever the withheld dateline says', async () => {
    const a = await archive('Thursday, 07 March 2002, 10:13')
    const b = await archive('Saturday, 30 November 2002, 23:59')
    for (const q of ['*', 'harbour', 'date:2002-03-07', 'date:2002-11', 'date<2002-03-06', 'date>=2002-03-06', 'date:2002-03..2002-12']) {
      expect([q, await seen(a, q, C)]).toEqual([q, await seen(b, q, C)])
    }
    const shown = async (store: Store) => {
      const v = (await showCable(store, '02QUORIN777', C))!
      return [v.cable.date, v.cable.dateSource, v.cable.text]
    }
    expect(await shown(a)).toEqual(await shown(b))
    // the SECRET reader reads each archive's own date
    expect((await searchArchive(a, { query: 'date:2002-11', access: S })).total).toBe(0)
    expect((await searchArchive(b, { query: 'date:2002-11', access: S })).total).toBe(1)
  })
})

/** A SECRET cable whose FM line the rendering withholds (no routing indicator: unmarked text at the overall level). */
const unroutedOrigin = (post: string) => `O 121438Z JAN 10
FM ${post}
TO RUEHC/SECSTATE WASHDC IMMEDIATE 0038

S E C R E T QUORIN 000013

E.O. 12958: DECL: 01/12/2020
TAGS: PREL XY
SUBJECT: (C) INVENTED HARBOUR TALKS

1. (C) The harbour talks resumed quietly.

2. (S) The annex stays closed.

DOE
`

describe.each(engines)('portion-level access: the origin a reader in part is shown, on $name', (engine) => {
  it.skipIf(engine.skip)('should show no origin from a withheld FM line in hits or show, whatever it says', async () => {
    const origins: unknown[] = []
    for (const post of ['IRAN RPO QUORIN', 'SECRET RPO ELSEWHERE']) {
      const store = await engine.open()
      stores.push(store)
      await store.upsertCables([record(unroutedOrigin(post), '10QUORIN13')])
      await configurePortionAccess(store, true)
      expect((await collect((await searchArchive(store, { query: 'harbour', access: S })).hits)).map((h) => h.origin)).toEqual([post])
      const paged = await collect((await searchArchive(store, { query: 'harbour', access: C, limit: 10, facets: true })).hits)
      const streamed = await collect((await searchArchive(store, { query: 'harbour', access: C })).hits)
      const view = (await showCable(store, '10QUORIN13', C))!
      origins.push([paged.map((h) => h.origin), streamed.map((h) => h.origin), view.cable.origin, view.cable.originKey])
    }
    // his facets and origin: filter read the station of the id, which every hit names
    expect(origins).toEqual([
      [[null], [null], null, 'QUORIN'],
      [[null], [null], null, 'QUORIN'],
    ])
  })
})

describe('portion-level access: the raw id of a cable read in part', () => {
  it('should not show a reader in part a raw id read from a withheld line', async () => {
    const store = openStore(':memory:')
    stores.push(store)
    // the raw id as written takes its year from the dateline
    await store.upsertCables([record(partial('Thursday, 07 March 2002, 10:13'), '02QUORIN777')])
    await configurePortionAccess(store, true)
    expect((await showCable(store, '02QUORIN777', S))?.cable.rawId).toBe('02QUORIN000777')
    const view = (await showCable(store, '02QUORIN777', C))!
    expect([view.cable.key, view.cable.id, view.cable.rawId]).toEqual(['02QUORIN777', '02QUORIN777', null])
  })
})

describe('portion-level access in an archive indexed before dates were stored per rendering', () => {
  it('should show a cable read in part with no date until the setting is turned on again, then the shown one', async () => {
    const path = join(root, 'before-dates.db')
    const store = openStore(path)
    await store.upsertCables([record(partial('Thursday, 07 March 2002, 10:13'), '02QUORIN777'), record(confidential, '02QUORIN770')])
    await configurePortionAccess(store, true)
    await store.close()
    // back to what archive-008 left: portions without dates, migration 009 not applied
    const { default: Database } = await import('better-sqlite3')
    const old = new Database(path)
    old.exec("DELETE FROM cable_portions WHERE kind IN ('date', 'date-source'); DROP INDEX cable_portions_date; DELETE FROM schema_migrations WHERE id = 'archive-009'")
    old.close()
    const upgraded = openStore(path)
    stores.push(upgraded)
    const dates = async () => (await collect((await searchArchive(upgraded, { query: 'harbour', access: C, sort: 'date' })).hits)).map((h) => [h.key, h.date])
    // fail closed: found by its words, dated by nothing
    expect(await dates()).toEqual([
      ['02QUORIN777', null],
      ['02QUORIN770', '2002-03-05T12:00:00Z'],
    ])
    expect((await searchArchive(upgraded, { query: 'date:2002', access: C })).total).toBe(1)
    await configurePortionAccess(upgraded, true)
    expect(await dates()).toEqual([
      ['02QUORIN777', '2002-03'],
      ['02QUORIN770', '2002-03-05T12:00:00Z'],
    ])
  })
})
