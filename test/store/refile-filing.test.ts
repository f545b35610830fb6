/**
 * Re-filing an archive filed by older rules (QA 14 leftover 4; docs/archive.md, "Filing rules"): an archive whose
 * stored filing-rules version is older than the code's (or absent: an archive built before it kept one) is re-filed
 * from its stored texts and sources when it is opened, before anything is served, on both engines. The test builds
 * an archive, forces the stored filing of its cables down to what older rules might have stored (and the rules
 * version back), reopens it and checks the filing, the reader's view, the versions' filing and the stored portions.
 * Synthetic cables of the invented post QUORIN only.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { openArchiveForReading } from '../../src/archive/open-archive.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { parseCable } from '../../src/format/parse.js'
import { FILING_RULES, FILING_SETTING } from '../../src/store/filing.js'
import { openStore } from '../../src/store/open-store.js'
import type { Access, Store } from '../../src/store/store.js'
import { freshDatabase, probePostgres, type TestDatabase } from '../support/postgres.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-refile-'))
const databases: TestDatabase[] = []
afterAll(async () => {
  rmSync(root, { recursive: true, force: true })
  for (const d of databases) await d.drop()
})

/** SECRET//NOFORN by its (S//NF) paragraph; a (C) paragraph a CONFIDENTIAL reader reads in part. */
const secret = (serial: number, end = 'fail.') => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004

S E C R E T QUORIN 000${serial}

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (C) INVENTED TALKS ${serial}

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

1. (C) Openword${serial} the talks resumed.

2. (S//NF) Hiddenword${serial} the talks will ${end}

QUILL
`

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `r${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n}T00:00:00.000Z`, metadata: {} })

const C: Access = { level: 2, caveats: [] }
const SNF: Access = { level: 3, caveats: ['NOFORN'] }

/** One engine's archive at a location that can be reopened, and SQL on it as an older version would have left it. */
interface Engine {
  name: string
  skip: boolean
  location(): Promise<string>
  /** Runs statements on the archive at `location` (`?` placeholders become `$n` on PostgreSQL). */
  sql(location: string, statements: [string, unknown[]][]): Promise<unknown[][]>
}

const pgReason = await probePostgres()
const engines: Engine[] = [
  {
    name: 'sqlite',
    skip: false,
    location: async () => join(root, `a${Math.random().toString(36).slice(2)}.db`),
    async sql(location, statements) {
      const db = new Database(location)
      try {
        return statements.map(([q, params]) => (/^\s*SELECT/i.test(q) ? db.prepare(q).all(...params) : (db.prepare(q).run(...params), [])))
      } finally {
        db.close()
      }
    },
  },
  {
    name: 'postgres',
    skip: pgReason !== null,
    async location() {
      const d = await freshDatabase('refile filing')
      databases.push(d)
      return d.url
    },
    async sql(location, statements) {
      const client = new pg.Client({ connectionString: location })
      await client.connect()
      try {
        const out: unknown[][] = []
        for (const [q, params] of statements) {
          let n = 0
          out.push((await client.query(q.replace(/\?/g, () => `$${++n}`), params)).rows)
        }
        return out
      } finally {
        await client.end()
      }
    },
  },
]

/** Opens, runs `fn`, closes. */
async function withStore<T>(location: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = openStore(location)
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

/** What older rules stored: the cable (and, with versions, each version row) filed CONFIDENTIAL, no rules version. */
const staleFiling = (key: string): [string, unknown[]][] => [
  ['UPDATE cables SET level = 2, caveat_mask = 0, caveats = ?, classification = ? WHERE key = ?', ['', 'CONFIDENTIAL', key]],
  ['UPDATE cable_versions SET level = 2, caveats = ?, classification = ? WHERE cable IN (SELECT ' + '%ROW%' + ' FROM cables WHERE key = ?)', ['', 'CONFIDENTIAL', key]],
  ['DELETE FROM archive_settings WHERE name = ?', [FILING_SETTING]],
]

describe.each(engines)('re-filing an archive filed by older rules on $name', (engine) => {
  // PostgreSQL keeps facet counts per filing (`facet_counts`): an archive filed so by older rules counted it so
  // (each archive here holds one cable)
  const pgFacets: [string, unknown[]][] = [
    ['UPDATE facet_counts SET level = 2, caveat_mask = 0', []],
    ["UPDATE facet_counts SET value = 'CONFIDENTIAL' WHERE facet = 'classification'", []],
  ]
  const stale = (key: string) => [...staleFiling(key).map(([q, p]) => [q.replace('%ROW%', engine.name === 'sqlite' ? 'rowid' : 'id'), p] as [string, unknown[]]), ...(engine.name === 'postgres' ? pgFacets : [])]

  it.skipIf(engine.skip)('should record the current rules version in a new archive and re-file a stale one when it is opened', async () => {
    const location = await engine.location()
    await withStore(location, async (s) => {
      await s.upsertCables([record(secret(101), 1)])
      expect((await s.getCable('08QUORIN101'))!.classification).toBe('SECRET//NOFORN')
    })
    expect((await engine.sql(location, [['SELECT value FROM archive_settings WHERE name = ?', [FILING_SETTING]]]))[0]).toEqual([{ value: String(FILING_RULES) }])
    await engine.sql(location, stale('08QUORIN101'))
    await withStore(location, async (s) => {
      const c = (await s.getCable('08QUORIN101'))!
      expect([c.level, c.caveats, c.classification]).toEqual([3, ['NOFORN'], 'SECRET//NOFORN'])
      // the CONFIDENTIAL reader, whom the stale filing admitted, reads none of it, finds and counts nothing
      expect(await s.getCable('08QUORIN101', C)).toBeNull()
      expect(await s.count(null, C)).toBe(0)
      expect((await s.facets(null, C)).classification).toEqual([])
      expect(await s.getCable('08QUORIN101', SNF)).not.toBeNull()
    })
    expect((await engine.sql(location, [['SELECT value FROM archive_settings WHERE name = ?', [FILING_SETTING]]]))[0]).toEqual([{ value: String(FILING_RULES) }])
  })

  it.skipIf(engine.skip)('should re-file a stale rules version written as a lower number, and leave a current archive as it is', async () => {
    const location = await engine.location()
    await withStore(location, (s) => s.upsertCables([record(secret(102), 1)]).then(() => undefined))
    await engine.sql(location, [...stale('08QUORIN102'), ['INSERT INTO archive_settings (name, value) VALUES (?, ?)', [FILING_SETTING, String(FILING_RULES - 1)]]])
    await withStore(location, async (s) => expect((await s.getCable('08QUORIN102'))!.classification).toBe('SECRET//NOFORN'))
    // current: a filing forced after the rules version was recorded is not looked at again (nothing re-reads it)
    await engine.sql(location, [['UPDATE cables SET classification = ? WHERE key = ?', ['SECRET//NOFORN/EXDIS', '08QUORIN102']]])
    await withStore(location, async (s) => expect((await s.getCable('08QUORIN102'))!.classification).toBe('SECRET//NOFORN/EXDIS'))
  })

  it.skipIf(engine.skip)('should re-file each version of a cable with several texts, and the cable from them', async () => {
    const location = await engine.location()
    await withStore(location, (s) => s.upsertCables([record(secret(103), 1), record(secret(103, 'fail badly.'), 2)]).then(() => undefined))
    await engine.sql(location, stale('08QUORIN103'))
    await withStore(location, async (s) => {
      const versions = (await s.versions('08QUORIN103'))!
      expect(versions.map((v) => [v.version, v.level, v.caveats, v.classification])).toEqual([
        [1, 3, ['NOFORN'], 'SECRET//NOFORN'],
        [2, 3, ['NOFORN'], 'SECRET//NOFORN'],
      ])
      expect((await s.getCable('08QUORIN103'))!.classification).toBe('SECRET//NOFORN')
      expect(await s.versions('08QUORIN103', C)).toBeNull()
    })
  })

  it.skipIf(engine.skip)('should cut the stored portions again under the new filing (portion-level access on)', async () => {
    const location = await engine.location()
    await withStore(location, async (s) => {
      await s.upsertCables([record(secret(104), 1)])
      await configurePortionAccess(s, true)
    })
    // older rules filed it CONFIDENTIAL: a CONFIDENTIAL reader read it whole, so no portion was stored for him
    const row = engine.name === 'sqlite' ? 'rowid' : 'id'
    await engine.sql(location, [...stale('08QUORIN104'), [`DELETE FROM cable_portions WHERE cable IN (SELECT ${row} FROM cables WHERE key = ?)`, ['08QUORIN104']]])
    await withStore(location, async (s) => {
      // every portion demands the cable's caveats (NOFORN): a CONFIDENTIAL reader holding it reads the (C) ones
      const CNF: Access = { level: 2, caveats: ['NOFORN'] }
      expect(await s.getCable('08QUORIN104', CNF)).toBeNull()
      const part = await s.partialCable('08QUORIN104', { ...CNF, portions: true })
      expect(part?.key).toBe('08QUORIN104')
      const hits = []
      for await (const h of s.search(null, { sort: 'date' }, { ...CNF, portions: true })) hits.push(h)
      expect(hits.map((h) => [h.key, h.partial])).toEqual([['08QUORIN104', { level: 3, caveats: ['NOFORN'] }]])
    })
  })

  it.skipIf(engine.skip)('should cut the stored portions again by the new rules when the filing stays (portion-level access on)', async () => {
    const location = await engine.location()
    await withStore(location, async (s) => {
      await s.upsertCables([record(secret(107), 1)])
      await configurePortionAccess(s, true)
    })
    // older rules filed it as these do but cut its portions otherwise (here: none stored); only the rules version is stale
    const row = engine.name === 'sqlite' ? 'rowid' : 'id'
    await engine.sql(location, [
      [`DELETE FROM cable_portions WHERE cable IN (SELECT ${row} FROM cables WHERE key = ?)`, ['08QUORIN107']],
      ['DELETE FROM archive_settings WHERE name = ?', [FILING_SETTING]],
    ])
    await withStore(location, async (s) => {
      const CNF: Access = { level: 2, caveats: ['NOFORN'] }
      expect((await s.getCable('08QUORIN107'))!.classification).toBe('SECRET//NOFORN')
      const hits = []
      for await (const h of s.search(null, { sort: 'date' }, { ...CNF, portions: true })) hits.push(h)
      expect(hits.map((h) => [h.key, h.partial])).toEqual([['08QUORIN107', { level: 3, caveats: ['NOFORN'] }]])
    })
  })
})

describe('a read-only open of a SQLite archive filed by older rules', () => {
  it('should re-file it in place where the file can be written', async () => {
    const location = join(root, 'ro.db')
    await withStore(location, (s) => s.upsertCables([record(secret(105), 1)]).then(() => undefined))
    await engines[0].sql(location, staleFiling('08QUORIN105').map(([q, p]) => [q.replace('%ROW%', 'rowid'), p]))
    const store = openArchiveForReading(location)
    try {
      expect((await store.getCable('08QUORIN105'))!.classification).toBe('SECRET//NOFORN')
      expect(await store.getCable('08QUORIN105', C)).toBeNull()
    } finally {
      await store.close()
    }
  })

  it('should refuse it, saying why, where the file cannot be written (never served stale)', async () => {
    const dir = mkdtempSync(join(root, 'ro-'))
    const location = join(dir, 'ro.db')
    await withStore(location, (s) => s.upsertCables([record(secret(106), 1)]).then(() => undefined))
    await engines[0].sql(location, staleFiling('08QUORIN106').map(([q, p]) => [q.replace('%ROW%', 'rowid'), p]))
    // root writes through permission bits (CI runs as root): the immutable attribute stops every writer
    const asRoot = process.getuid?.() === 0
    if (asRoot) execFileSync('chattr', ['+i', location, dir])
    else {
      chmodSync(location, 0o444)
      chmodSync(dir, 0o555)
    }
    try {
      expect(() => openArchiveForReading(location)).toThrow(/re-filing under this version's filing rules/)
    } finally {
      if (asRoot) execFileSync('chattr', ['-i', location, dir])
      else {
        chmodSync(dir, 0o755)
        chmodSync(location, 0o644)
      }
    }
  })
})
