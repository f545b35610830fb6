/**
 * Version identity keeps line breaks (QA 14 F9; docs/research.md, "Versions"). Two copies of a cable that differ only
 * in a blank line, or in where a paragraph number stands (rewrapped), have different portion structures: a sentence
 * is part of a `(U)` paragraph in one and an unmarked block at the cable's level in the other. They were one version,
 * so what a reader in part read, and the snapshot hash, depended on which copy was imported first; they are two
 * versions now, and portion-level access withholds what they disagree on. Copies alike but for line ends or the
 * number of blank lines stay one version, and the copy kept of it is the same in
 * any import order (fewer parse errors, then the lower text SHA-256). Both engines. Synthetic cables of the invented
 * post QUORIN.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { saveSnapshot } from '../../src/archive/snapshots.js'
import { parseCable } from '../../src/format/parse.js'
import { openStore } from '../../src/store/open-store.js'
import { betterCopy, contentSha256, versionContent, versionLayout } from '../../src/store/version-identity.js'
import type { Access, CableRecord, Store } from '../../src/store/store.js'
import { freshDatabase, usePostgres, type TestDatabase } from '../support/postgres.js'
import { storeEngines } from '../support/store-engines.js'

/** A CONFIDENTIAL cable whose body is `body`: a (U) paragraph and what follows it. */
const cable = (body: string) => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004

C O N F I D E N T I A L QUORIN 000202

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (U) HARBOUR VISIT

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

${body}

QUILL
`

/** Betacanary continues the (U) paragraph: shown to an UNCLASSIFIED reader. */
const JOINED = cable('1. (U) Alphacanary the harbour visit went ahead.\nBetacanary the minister will resign next week.')
/** Betacanary is an unmarked block of its own: at the cable's level, CONFIDENTIAL. */
const SPLIT = cable('1. (U) Alphacanary the harbour visit went ahead.\n\nBetacanary the minister will resign next week.')
/** Paragraph 2 (unmarked: CONFIDENTIAL) opens its line. */
const NUMBERED = cable('1. (U) Alphacanary the harbour visit went ahead.\n2. Betacanary the minister will resign next week.')
/** The same words rewrapped: `2.` mid-line, Betacanary a line of the (U) paragraph. */
const REWRAPPED = cable('1. (U) Alphacanary the harbour visit went ahead. 2.\nBetacanary the minister will resign next week.')

const record = (text: string, n: number): CableRecord =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `c${n}/08QUORIN202.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n}T00:00:00.000Z`, metadata: {} })

const U: Access = { level: 0, caveats: [] }
const C: Access = { level: 2, caveats: [] }

/** What the UNCLASSIFIED reader in part, and the CONFIDENTIAL reader, see of the archive. */
async function seen(store: Store) {
  const totals: number[] = []
  for (const a of [U, C]) for (const q of ['alphacanary', 'betacanary', 'minister']) totals.push((await searchArchive(store, { query: q, access: a, limit: 10 })).total)
  const view = await showCable(store, '08QUORIN202', U)
  const snap = await saveSnapshot(store, 'quorin', U)
  return { totals, show: view?.cable.text ?? null, archiveHash: snap.archiveHash, resultHash: snap.resultHash, cables: snap.cables }
}

describe('version layout', () => {
  it('should keep line breaks and fold what never moves a line start', () => {
    expect(versionLayout('1. (U) A  b.\r\n \t\r\n\r\n\n2. (C) C.\r')).toBe('1. (U) A  b.\n\n2. (C) C.')
    expect(versionLayout('\n\n  A\t \n')).toBe('  A\t ')
    // a line that ends in a blank is read as wrapped (a Classified By line continued), doubled gaps otherwise too
    expect(versionLayout('reasons 1.  \n4 (b)')).not.toBe(versionLayout('reasons 1.\n4 (b)'))
    expect(versionLayout('SENSITIVE  BUT UNCLASSIFIED')).not.toBe(versionLayout('SENSITIVE BUT UNCLASSIFIED'))
    expect(contentSha256(JOINED)).not.toBe(contentSha256(SPLIT))
    expect(contentSha256(NUMBERED)).not.toBe(contentSha256(REWRAPPED))
    expect(contentSha256(SPLIT.replace(/\n/g, '\r\n').replace('\n\nBetacanary', '\n\n \n\nBetacanary'))).toBe(contentSha256(SPLIT))
  })

  it('should prefer the copy with fewer errors, then the lower text hash', () => {
    expect(betterCopy({ errorCount: 0, textSha256: 'f' }, { errorCount: 1, textSha256: 'a' })).toBe(true)
    expect(betterCopy({ errorCount: 1, textSha256: 'a' }, { errorCount: 0, textSha256: 'f' })).toBe(false)
    expect(betterCopy({ errorCount: 0, textSha256: 'a' }, { errorCount: 0, textSha256: 'b' })).toBe(true)
    expect(betterCopy({ errorCount: 0, textSha256: 'b' }, { errorCount: 0, textSha256: 'a' })).toBe(false)
    expect(betterCopy({ errorCount: 0, textSha256: 'a' }, { errorCount: 0, textSha256: 'a' })).toBe(false)
  })
})

describe.each(await storeEngines('version-layout'))('copies that differ in layout on $name', (engine) => {
  it.skipIf(engine.skip).each([
    ['a blank line', JOINED, SPLIT],
    ['a paragraph number moved mid-line by rewrapping', REWRAPPED, NUMBERED],
  ])('should keep copies that differ in %s as two versions, and show a reader in part the same in any order', async (_, open, closed) => {
    // the premise: alone, the first copy shows Betacanary to the UNCLASSIFIED reader, the second withholds it
    const alone = async (text: string) => {
      const store = await engine.open()
      await configurePortionAccess(store, true)
      await store.upsertCables([record(text, 1)])
      return (await searchArchive(store, { query: 'betacanary', access: U, limit: 10 })).total
    }
    expect([await alone(open), await alone(closed)]).toEqual([1, 0])
    const both = async (texts: string[]) => {
      const store = await engine.open()
      await configurePortionAccess(store, true)
      for (const [i, t] of texts.entries()) await store.upsertCables([record(t, i + 1)])
      expect((await store.versions('08QUORIN202'))?.length).toBe(2)
      return seen(store)
    }
    const first = await both([open, closed])
    // the copies disagree in what the UNCLASSIFIED reader reads: he is shown none of it; the CONFIDENTIAL reader all
    expect(first.totals).toEqual([0, 0, 0, 1, 1, 1])
    expect(first.show ?? '').not.toMatch(/Betacanary/)
    expect(await both([closed, open])).toEqual(first)
  })

  it.skipIf(engine.skip)('should keep copies that differ in line ends and blank-line runs as one version, the same copy in any order', async () => {
    const crlf = SPLIT.replace(/\n/g, '\r\n')
    const spaced = SPLIT.replace('\n\nBetacanary', '\n\n  \n\nBetacanary').replace('\n\nQUILL', '\n\t\n\nQUILL')
    const stored = async (texts: string[]) => {
      const store = await engine.open()
      await configurePortionAccess(store, true)
      for (const [i, t] of texts.entries()) await store.upsertCables([record(t, i + 1)])
      const versions = (await store.versions('08QUORIN202'))!
      const digests: string[] = []
      for await (const d of store.digests()) digests.push(`${d.key} ${d.textSha256}`)
      return { versions: versions.length, sources: versions[0].sources.length, text: (await store.getCable('08QUORIN202'))?.text, digests, seen: await seen(store) }
    }
    const a = await stored([SPLIT, crlf, spaced])
    expect([a.versions, a.sources]).toEqual([1, 3])
    for (const order of [[crlf, SPLIT, spaced], [spaced, crlf, SPLIT], [spaced, SPLIT, crlf]]) expect(await stored(order)).toEqual(a)
  })
})

/** The identity rule before QA 14 F9 (every run of white space one blank): what an older archive stored. */
const olderSha = (text: string) => createHash('sha256').update(versionContent(text).replace(/\s+/g, ' ').trim(), 'utf8').digest('hex')

const server = await usePostgres('version-identity-migration')
const made: TestDatabase[] = []
const archives = [
  {
    name: 'sqlite',
    skip: false,
    migration: 'archive-011',
    make: async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'cg-version-identity-')), 'old.db')
      return { location: path, exec: async (sql: string) => void new Database(path).exec(sql).close() }
    },
  },
  {
    name: 'postgres',
    skip: !server.available,
    migration: 'archive-008',
    make: async () => {
      const db = await freshDatabase('version identity migration')
      made.push(db)
      return {
        location: db.url,
        exec: async (sql: string) => {
          const client = new pg.Client({ connectionString: db.url })
          await client.connect()
          try {
            await client.query(sql)
          } finally {
            await client.end()
          }
        },
      }
    },
  },
]

describe.each(archives)('an archive whose versions were told apart by the older rule on $name', (engine) => {
  it.skipIf(engine.skip)('should hash its versions again from their texts: a copy laid out otherwise joins its version, a copy that breaks lines elsewhere is a new one', async () => {
    const { location, exec } = await engine.make()
    const later = SPLIT.replace('resign', 'retire')
    let store = openStore(location)
    await store.upsertCables([record(SPLIT, 1)])
    await store.upsertCables([record(later, 2)])
    await store.close()
    // back to the archive the older rule wrote: its hashes, the migration not applied
    await exec(`UPDATE cable_versions SET content_sha256 = CASE version WHEN 1 THEN '${olderSha(SPLIT)}' ELSE '${olderSha(later)}' END;
      DELETE FROM schema_migrations WHERE id = '${engine.migration}';`)
    store = openStore(location)
    try {
      expect(await store.upsertCables([record(SPLIT.replace(/\n/g, '\r\n'), 3)])).toMatchObject({ versionsAdded: 0 })
      expect(await store.upsertCables([record(JOINED, 4)])).toMatchObject({ versionsAdded: 1 })
      const versions = (await store.versions('08QUORIN202'))!
      // numbered by rank (docs/research.md, "Version numbers"), so compared as a set
      expect(versions.map((v) => v.sources.map((x) => x.locator)).sort()).toEqual([['c1/08QUORIN202.txt', 'c3/08QUORIN202.txt'], ['c2/08QUORIN202.txt'], ['c4/08QUORIN202.txt']])
    } finally {
      await store.close()
      for (const d of made.splice(0)) await d.drop()
    }
  })
})
