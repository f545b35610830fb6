import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { synthCables } from '../../src/archive/synth/synth-cable.js'
import { cableText, csvLine } from '../../src/archive/synth/write-synth.js'
import { parseCable } from '../../src/format/parse.js'
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-import-'))
afterAll(() => { if (!process.env.KEEP) rmSync(root, { recursive: true, force: true }) })

// Synthetic cables written by our generator: no real cable text in the repo or the test.
const cables = [...synthCables(6, 11)]
const [c1, c2, c3, c4, c5] = cables

function page(c: (typeof cables)[number]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '&#x000A;')
  return `<html><body><table><tr><td>Reference ID</td><td>${c.id}</td></tr><tr><td>Classification</td><td>${c.classification}</td></tr></table>
<pre>${esc(c.header)}</pre>
<pre>${esc(c.body)}</pre></body></html>`
}

function writeInputs(dir: string) {
  mkdirSync(join(dir, 'a'), { recursive: true })
  writeFileSync(join(dir, 'a', `${c1.id}.txt`), cableText(c1))
  writeFileSync(join(dir, 'a', `${c2.id}.txt`), cableText(c2))
  writeFileSync(join(dir, 'page.html'), page(c1))
  const tricky = { ...c3, body: c3.body.replace('SIPDIS', 'SIPDIS\nHE SAID "NO" C:\\TEMP\\X') }
  writeFileSync(join(dir, 'rows.csv'), csvLine(1, c1) + csvLine(2, tricky) + csvLine(3, c4) + '"4","1/1/2009 10:00","09STATE9","Secretary of State","SECRET","","header","truncated body')
  const parsed = parseCable(cableText(c5))
  writeFileSync(join(dir, 'parsed.jsonl'), JSON.stringify(parsed) + '\n{not json\n{"id":"x"}\n')
  writeFileSync(join(dir, 'empty.txt'), '')
  writeFileSync(join(dir, 'blob.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]))
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x43, 0x41, 0x46, 0xe9, 0x20, 0x41]))
  writeFileSync(join(dir, 'notes.md'), '# notes')
  writeFileSync(join(dir, 'garbage.txt'), 'hello world, this is no telegram at all\n')
}

async function snapshot(store: SqliteStore) {
  return {
    cables: store.db.prepare('SELECT key, text_sha256, error_count, tags FROM cables JOIN cable_details USING (rowid) ORDER BY key').all(),
    sources: store.db.prepare('SELECT cable, locator, sha256, imported_at FROM cable_sources ORDER BY cable, locator').all(),
    refs: store.db.prepare('SELECT * FROM cable_refs ORDER BY cable, ord').all(),
  }
}

describe('import of every input form', () => {
  const dir = join(root, 'in')
  writeInputs(dir)
  const store = openSqliteStore(join(root, 'a.db'))
  const clock = () => new Date('2026-01-02T03:04:05Z')

  it('should store each cable once with all its sources and report every unreadable input', async () => {
    const report = await importArchive(store, [dir], { now: clock, batchSize: 3 })
    const reasons = Object.fromEntries(report.problems.map((p) => [p.locator.replace(dir, ''), p.reason]))
    expect(reasons['/empty.txt']).toBe('empty file')
    expect(reasons['/blob.txt']).toMatch(/binary/)
    expect(reasons['/latin1.txt']).toBe('not UTF-8 text')
    expect(reasons['/notes.md']).toMatch(/not a cable file type/)
    expect(Object.entries(reasons).find(([k]) => k.startsWith('/rows.csv'))?.[1]).toMatch(/not closed before the end of the file/)
    expect(reasons['/parsed.jsonl#line=2']).toMatch(/not JSON/)
    expect(reasons['/parsed.jsonl#line=3']).toMatch(/not a parsed cable/)
    expect(report.problems).toHaveLength(7)
    expect(report.cables).toBe(8) // c1 three times (txt, html, csv), c2, c3, c4, c5, garbage
    expect(report.inserted).toBe(6)
    expect(await store.count(null)).toBe(6)

    const one = await store.getCable(c1.id)
    expect(one?.sources.map((s) => s.rendering).sort()).toEqual(['csv', 'html', 'text'])
    expect(one?.tags).toEqual(c1.tags)
    expect(one?.text).toBe(cableText(c1))
    const three = await store.getCable(c3.id)
    expect(three?.text).toContain('HE SAID "NO" C:\\TEMP\\X')
    expect(three?.sources[0].metadata).toMatchObject({ refid: c3.id, classification: c3.classification })
    expect((await store.getCable(c5.id))?.sources[0].rendering).toBe('jsonl')
    const garbage = (await store.db.prepare("SELECT key, error_count FROM cables WHERE key LIKE 'sha256:%'").all()) as { key: string }[]
    expect(garbage).toHaveLength(1)
    expect((await store.getCable(garbage[0].key))?.text).toBe('hello world, this is no telegram at all\n')
  })

  it('should change nothing when the same inputs are imported again', async () => {
    const before = await snapshot(store)
    const report = await importArchive(store, [dir], { now: () => new Date('2030-01-01T00:00:00Z') })
    expect(report).toMatchObject({ inserted: 0, replaced: 0, sourcesAdded: 0, unchanged: 8 })
    expect(await snapshot(store)).toEqual(before)
  })

  it('should keep everything stored when later inputs are broken', async () => {
    const before = await snapshot(store)
    const bad = join(root, 'bad')
    mkdirSync(bad)
    writeFileSync(join(bad, 'cut.csv'), csvLine(1, cables[5]).slice(0, 200))
    writeFileSync(join(bad, 'zero.html'), '')
    const report = await importArchive(store, [bad, join(root, 'missing-dir')])
    expect(report.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/cannot read: ENOENT/), expect.stringMatching(/not closed before the end of the file/), 'empty file'])
    expect(await snapshot(store)).toEqual(before)
  })

  it('should find imported cables by query', async () => {
    const hits: string[] = []
    for await (const h of store.search(parseQuery(`id:${c3.id} OR cites:${c3.id}`), { sort: 'date' })) hits.push(h.key)
    expect(hits[0]).toBe(c3.id)
  })
})
