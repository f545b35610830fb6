import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importArchive, type ImportReport } from '../../src/archive/import/import-archive.js'
import { indexTokens } from '../../src/archive/query/ast.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const shared = fileURLToPath(new URL('../../../shared', import.meta.url))
const cablesDir = join(shared, 'corpus', 'cables')
const present = existsSync(cablesDir)

/** Cables whose text holds the phrase, by a plain scan of each file's words (no index involved). */
function scan(words: Map<string, string>, phrase: string): Set<string> {
  const want = ` ${indexTokens(phrase).join(' ')} `
  return new Set([...words].filter(([, w]) => w.includes(want)).map(([f]) => f))
}

describe.skipIf(!present)('archive of the real corpus (../shared/corpus; skipped when absent)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-corpus-'))
  let store: SqliteStore
  let report: ImportReport
  let files: string[]
  let keyOf: Map<string, string>
  let words: Map<string, string>

  beforeAll(async () => {
    store = openSqliteStore(join(dir, 'corpus.db'))
    report = await importArchive(store, [cablesDir])
    files = readdirSync(cablesDir).sort().map((f) => join(cablesDir, f))
    words = new Map(files.map((f) => [f, ` ${indexTokens(readFileSync(f, 'utf8')).join(' ')} `]))
    const rows = store.db.prepare('SELECT s.locator, c.key FROM cable_sources s JOIN cables c ON c.rowid = s.cable').all() as { locator: string; key: string }[]
    keyOf = new Map(rows.map((r) => [r.locator, r.key]))
  }, 120_000)
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('should import every file and keep every one as a source', () => {
    expect(report.problems).toEqual([])
    expect(report.cables).toBe(files.length)
    expect(keyOf.size).toBe(files.length)
    // copies whose ids canonicalise to the same cable are stored once (spec §6.2); a different text of one is a version
    expect(report.inserted + report.unchanged + report.replaced + report.versionsAdded + report.sectionsAdded).toBe(files.length)
  })

  it.each(['graceful exit', 'human rights', 'nuclear weapons', 'strategic dialogue', 'xxxxxxxxxxxx said', 'end summary'])(
    'should return exactly the cables a plain scan finds for "%s"',
    async (phrase) => {
      const expected = new Set([...scan(words, phrase)].map((f) => keyOf.get(f)!))
      const got = new Set<string>()
      for await (const h of store.search(parseQuery(`"${phrase}"`), { sort: 'rank' })) got.add(h.key)
      expect(got.size).toBeGreaterThan(0)
      expect([...got].sort()).toEqual([...expected].sort())
    },
  )

  it('should count facets as independent SQL aggregates do', async () => {
    const r = await searchArchive(store, { query: 'government', facets: true, limit: 0 })
    const facets = r.facets!
    const ids = new Set<string>()
    for await (const h of store.search(parseQuery('government'), { sort: 'rank' })) ids.add(h.key)
    expect(r.total).toBe(ids.size)
    const rows = store.db.prepare('SELECT key, origin_key, substr(date, 1, 4) AS year, classification FROM cables').all() as Record<string, string | null>[]
    const inSet = rows.filter((row) => ids.has(row.key!))
    const tally = (col: string) => {
      const m = new Map<string, number>()
      for (const row of inSet) m.set(row[col] ?? '(none)', (m.get(row[col] ?? '(none)') ?? 0) + 1)
      return m
    }
    expect(new Map(facets.year.map((f) => [f.value, f.count]))).toEqual(tally('year'))
    const cls = tally('classification')
    for (const f of facets.classification) expect(f.count).toBe(cls.get(f.value))
    const origins = tally('origin_key')
    for (const f of facets.origin) expect(f.count).toBe(origins.get(f.value))
    const tagRows = store.db.prepare('SELECT t.tag, c.key FROM cable_tags t JOIN cables c ON c.rowid = t.cable').all() as { tag: string; key: string }[]
    for (const f of facets.tag) expect(f.count).toBe(tagRows.filter((t) => t.tag === f.value && ids.has(t.key)).length)
  })

  it('should hide SECRET and NOFORN cables from a CONFIDENTIAL reader in counts and facets', async () => {
    const reader = { level: 2, caveats: [] }
    const visible = (store.db.prepare("SELECT count(*) AS n FROM cables WHERE level <= 2 AND caveats = ''").get() as { n: number }).n
    expect(await store.count(null, reader)).toBe(visible)
    const facets = await store.facets(null, reader)
    expect(facets.classification.map((f) => f.value).filter((v) => /SECRET|NOFORN/.test(v))).toEqual([])
    expect(visible).toBeLessThan(await store.count(null))
  })

  it('should change nothing when files are imported again', async () => {
    const some = files.slice(0, 300)
    const again = await importArchive(store, some)
    expect(again).toMatchObject({ cables: 300, inserted: 0, replaced: 0, sourcesAdded: 0, unchanged: 300 })
  })
})
