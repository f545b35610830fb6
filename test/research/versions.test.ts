import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cableVersions, countWords, diffVersions } from '../../src/archive/cable-versions.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { contentSha256, withheldRuns } from '../../src/store/version-identity.js'
import type { SearchHit } from '../../src/store/store.js'
import { runCable } from '../memory-io.js'
import { makeRecord } from '../store/make-record.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-versions-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function keys(it: AsyncIterable<SearchHit>): Promise<string[]> {
  const out: string[] = []
  for await (const h of it) out.push(h.key)
  return out
}

const REDACTED = 'CONFIDENTIAL VELLORA 000042\n\n1. (C) XXXXXXXXXXXX met the envoy at the harbour.\n\n2. (C) Second paragraph.\n'
const RESTORED = REDACTED.replace('XXXXXXXXXXXX', 'Deputy Minister Orsa Belkin')
const CORRECTED = RESTORED.replace('harbour', 'airport')
const src = (locator: string, at: string) => ({ locator, rendering: 'text' as const, sha256: locator.padEnd(64, '0').slice(0, 64), importedAt: at, metadata: {} })

function record(text: string, locator: string, at: string, over: Partial<Parameters<typeof makeRecord>[0]> = {}) {
  return makeRecord({ key: '08VELLORA42', text, classification: 'CONFIDENTIAL', level: 2, source: src(locator, at), ...over })
}

describe('version identity', () => {
  it('should hash renderings of one text alike and a one-word change differently', () => {
    expect(contentSha256('A B\r\n\r\n \r\nC\n')).toBe(contentSha256('A B\n\nC'))
    expect(contentSha256('A B C')).not.toBe(contentSha256('A B D'))
    // a line broken elsewhere moves a line start, which the portion structure reads (QA 14 F9)
    expect(contentSha256('A B\nC')).not.toBe(contentSha256('A B C'))
    expect(contentSha256('A B\n\nC')).not.toBe(contentSha256('A B\nC'))
    expect(withheldRuns('XXXXXXXXXXXX told XXXXXX; TAXXXXXX XXXXX')).toBe(2)
  })
})

describe('cable versions in the store', () => {
  it('should keep a later release as a version, show the fuller one, and index the words of both', async () => {
    const store = openSqliteStore(':memory:')
    expect(await store.upsertCables([record(REDACTED, 'r1/a.txt', '2026-01-01T00:00:00.000Z')])).toMatchObject({ inserted: 1, versionsAdded: 0 })
    expect(await store.upsertCables([record(RESTORED, 'r2/a.txt', '2026-02-01T00:00:00.000Z')])).toMatchObject({ inserted: 0, versionsAdded: 1, unchanged: 0 })
    expect((await store.getCable('08VELLORA42'))?.text).toBe(RESTORED)
    expect(await keys(store.search(parseQuery('belkin'), { sort: 'rank' }))).toEqual(['08VELLORA42'])
    expect(await keys(store.search(parseQuery('harbour'), { sort: 'rank' }))).toEqual(['08VELLORA42'])
    const versions = (await store.versions('08VELLORA42'))!
    expect(versions.map((v) => [v.version, v.current, v.withheldRuns, v.sources.map((s) => s.locator)])).toEqual([
      [1, false, 1, ['r1/a.txt']],
      [2, true, 0, ['r2/a.txt']],
    ])
    expect(versions[0].text).toBe(REDACTED)
    // a re-import of either text changes nothing
    expect(await store.upsertCables([record(REDACTED, 'r1/a.txt', '2026-03-01T00:00:00.000Z')])).toMatchObject({ versionsAdded: 0, unchanged: 1, sourcesAdded: 0 })
    expect(await store.upsertCables([record(RESTORED, 'r2/a.txt', '2026-03-01T00:00:00.000Z')])).toMatchObject({ versionsAdded: 0, unchanged: 1, sourcesAdded: 0 })
    // a corrected copy is a third version; words of all three stay searchable
    expect(await store.upsertCables([record(CORRECTED, 'fix/a.txt', '2026-04-01T00:00:00.000Z')])).toMatchObject({ versionsAdded: 1 })
    expect((await store.versions('08VELLORA42'))!.length).toBe(3)
    expect(await store.count(parseQuery('airport'))).toBe(1)
    expect(await store.count(parseQuery('harbour'))).toBe(1)
    // a phrase never runs from the end of one version into the start of the next
    expect(await store.count(parseQuery('"paragraph confidential"'))).toBe(0)
    await store.close()
  })

  it('should show the same version whatever the import order', async () => {
    const a = openSqliteStore(':memory:')
    const b = openSqliteStore(':memory:')
    await a.upsertCables([record(REDACTED, 'r1', '2026-01-01T00:00:00.000Z')])
    await a.upsertCables([record(RESTORED, 'r2', '2026-01-02T00:00:00.000Z')])
    await b.upsertCables([record(RESTORED, 'r2', '2026-01-01T00:00:00.000Z')])
    await b.upsertCables([record(REDACTED, 'r1', '2026-01-02T00:00:00.000Z')])
    expect((await a.getCable('08VELLORA42'))?.text).toBe(RESTORED)
    expect((await b.getCable('08VELLORA42'))?.text).toBe(RESTORED)
    // numbered by rank, the same in both archives: the redacted text 1, the shown (restored) one 2
    expect((await b.versions('08VELLORA42'))!.map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ])
    expect((await b.versions('08VELLORA42'))!.map((v) => [v.version, v.textSha256])).toEqual((await a.versions('08VELLORA42'))!.map((v) => [v.version, v.textSha256]))
    expect(await b.count(parseQuery('xxxxxxxxxxxx'))).toBe(1)
    await a.close()
    await b.close()
  })

  it('should treat a rendering laid out otherwise (CR LF line ends, more blank lines) as the same version and keep the cleaner copy of it', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables([record(REDACTED, 'r1', '2026-01-01T00:00:00.000Z', { errorCount: 2 })])
    await store.upsertCables([record(RESTORED, 'r2', '2026-01-02T00:00:00.000Z')])
    const rewrapped = REDACTED.replace('\n\n2.', '\n\n\n2.').replace(/\n/g, '\r\n')
    expect(await store.upsertCables([record(rewrapped, 'r1.html', '2026-01-03T00:00:00.000Z', { errorCount: 0 })])).toMatchObject({ versionsAdded: 0, replaced: 1 })
    const versions = (await store.versions('08VELLORA42'))!
    expect(versions.length).toBe(2)
    expect(versions[0].text).toBe(rewrapped)
    expect(versions[0].sources.map((s) => s.locator)).toEqual(['r1', 'r1.html'])
    await store.close()
  })

  it('should give the cable the highest level and every caveat among its versions (fail closed)', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables([record(REDACTED, 'r1', '2026-01-01T00:00:00.000Z')])
    const higher = record(RESTORED.replace('(C) Deputy', '(S//NF) Deputy'), 'r2', '2026-01-02T00:00:00.000Z', { level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN', errorCount: 1 })
    await store.upsertCables([higher])
    const confidential = { level: 2, caveats: [] }
    expect(await store.getCable('08VELLORA42', confidential)).toBeNull()
    expect(await store.count(parseQuery('harbour'), confidential)).toBe(0)
    expect(await store.versions('08VELLORA42', confidential)).toBeNull()
    const stored = await store.getCable('08VELLORA42', { level: 3, caveats: ['NOFORN'] })
    expect([stored?.level, stored?.caveats, stored?.classification]).toEqual([3, ['NOFORN'], 'SECRET//NOFORN'])
    await store.close()
  })

  it('should diff two versions word by word', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables([record(REDACTED, 'r1', '2026-01-01T00:00:00.000Z')])
    await store.upsertCables([record(RESTORED, 'r2', '2026-01-02T00:00:00.000Z')])
    const d = (await diffVersions(store, '08VELLORA42'))!
    expect([d.from, d.to, d.removedWords, d.addedWords]).toEqual([1, 2, 1, 4])
    expect(d.parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text.trim()])).toEqual([
      ['removed', 'XXXXXXXXXXXX'],
      ['added', 'Deputy Minister Orsa Belkin'],
    ])
    await expect(diffVersions(store, '08VELLORA42', 1, 3)).rejects.toThrow('has no version 3')
    expect(await cableVersions(store, '08VELLORA0042')).toHaveLength(2)
    await store.close()
  })
})

describe('cable import, show --versions, diff', () => {
  it('should report "new version" and list, search and diff the texts', async () => {
    const text = (who: string) =>
      `R 031200Z FEB 08\nFM AMEMBASSY VELLORA\nTO SECSTATE WASHDC 0001\n\nC O N F I D E N T I A L VELLORA 000042\n\nE.O. 12958: DECL: 02/03/2018\nTAGS: PGOV XY\nSUBJECT: INVENTED HARBOUR MEETING\n\n1. (C) ${who} met the envoy.\n\nDOE\n`
    mkdirSync(join(root, 'one'))
    mkdirSync(join(root, 'two'))
    writeFileSync(join(root, 'one', '08VELLORA42.txt'), text('XXXXXXXXXXXX'))
    writeFileSync(join(root, 'two', '08VELLORA42.txt'), text('Councillor Imre Vasko'))
    const opts = { cwd: root }
    expect((await runCable(['import', 'one', '--db', 'v.db'], opts)).stdout).toContain('new 1, new version 0')
    const second = await runCable(['import', 'two', '--db', 'v.db'], opts)
    expect(second.stdout).toContain('new 0, new version 1')
    expect(second.stdout).toContain('already stored 0')
    const hit = await runCable(['search', 'vasko', '--db', 'v.db', '--format', 'csv'], opts)
    expect(hit.code).toBe(0)
    expect(hit.stdout).toContain('08VELLORA42')
    const listed = await runCable(['show', '08VELLORA42', '--versions', '--db', 'v.db'], opts)
    expect(listed.stdout).toMatch(/2 versions\n\s+1 +CONFIDENTIAL\s+1 withheld[^\n]*\n[^\n]*one\/08VELLORA42\.txt[\s\S]*2 \(shown\)[^\n]*\n[^\n]*two\/08VELLORA42\.txt/)
    const json = JSON.parse((await runCable(['show', '08VELLORA42', '--versions', '--format', 'json', '--db', 'v.db'], opts)).stdout)
    expect(json.versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ])
    const diff = await runCable(['diff', '08VELLORA42', '--db', 'v.db'], opts)
    expect(diff.stdout).toContain('1. (C) [-XXXXXXXXXXXX-]{+Councillor Imre Vasko+} met the envoy.')
    const bad = await runCable(['diff', '08VELLORA42', '1', '5', '--db', 'v.db'], opts)
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('has no version 5')])
    expect((await runCable(['diff', '08VELLORA99', '--db', 'v.db'], opts)).code).toBe(1)
  })
})

describe('an archive written before versions were kept', () => {
  it('should list the one version, digest and find no snapshot when opened read-only, and upgrade when written', async () => {
    const { default: Database } = await import('better-sqlite3')
    const { ARCHIVE_MIGRATIONS } = await import('../../src/store/sqlite/archive-migrations.js')
    const { runMigrations } = await import('../../src/store/sqlite/migrations.js')
    const { writeCable } = await import('../../src/store/sqlite/sqlite-writer.js')
    const path = join(root, 'old.db')
    const old = new Database(path)
    runMigrations(old, ARCHIVE_MIGRATIONS)
    old.transaction(() => writeCable(old, record(REDACTED, 'r1', '2026-01-01T00:00:00.000Z')))()
    // back to the schema of archive-004: no versions, no snapshots, no version on a source
    old.exec("DROP TABLE cable_versions; DROP TABLE archive_snapshots; ALTER TABLE cable_sources DROP COLUMN version; DELETE FROM schema_migrations WHERE id = 'archive-005'")
    old.close()
    const reading = openSqliteStore(path, { readonly: true })
    expect((await reading.versions('08VELLORA42'))?.map((v) => [v.version, v.current, v.sources.map((s) => s.locator)])).toEqual([[1, true, ['r1']]])
    const digests = []
    for await (const d of reading.digests()) digests.push(d.key)
    expect(digests).toEqual(['08VELLORA42'])
    expect(await reading.snapshot('cg-aaaaaaaaaa')).toBeNull()
    await reading.close()
    const writing = openSqliteStore(path)
    expect(await writing.upsertCables([record(RESTORED, 'r2', '2026-02-01T00:00:00.000Z')])).toMatchObject({ versionsAdded: 1 })
    expect((await writing.versions('08VELLORA42'))?.map((v) => v.sources.map((s) => s.locator))).toEqual([['r1'], ['r2']])
    await writing.close()
  })
})

describe('diff of a cable with one version', () => {
  it('should say there is one version, not that the texts differ in whitespace', async () => {
    const { diffText } = await import('../../src/archive/output/write-versions.js')
    const out = diffText({ key: '08QUORIN1', from: 1, to: 1, removedWords: 0, addedWords: 0, parts: [] } as never)
    expect(out).toContain('the same version')
    expect(out).not.toContain('whitespace')
  })
})

describe('a copy with an archive trailer after the signature', () => {
  const base = 'R 061419Z MAR 75\nFM AMEMBASSY VELLORA\nTO SECSTATE WASHDC PRIORITY 1234\nBT\nCONFIDENTIAL VELLORA 000042\n\nSUBJECT: INVENTED TALKS\n\n1. (C) XXXXXXXXXXXX met the envoy at the harbour.\n\n2. (C) Second paragraph.\n\nDOE\n'
  const stamped = `${base}BT\n#0042\nNNNN\n\n\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n`
  const attributes = `${base}\n<< END OF DOCUMENT >>\n\nMessage Attributes\nCapture Date: 01 JAN 1994\nChannel Indicators: n/a\n`

  it('should hash the copies alike, and a changed word apart', () => {
    expect(contentSha256(stamped)).toBe(contentSha256(base))
    expect(contentSha256(attributes)).toBe(contentSha256(base))
    expect(contentSha256(stamped.replace('harbour', 'airport'))).not.toBe(contentSha256(base))
    // a stamp is no content of a text that is nothing else
    expect(contentSha256('NNNN\n')).not.toBe(contentSha256(''))
  })

  it('should keep one version with a source for each copy, and a later release with a stamp as a second one', async () => {
    const store = openSqliteStore(':memory:')
    const rec = (text: string, locator: string, at: string) => makeRecord({ key: '75VELLORA42', text, classification: 'CONFIDENTIAL', level: 2, source: src(locator, at) })
    await store.upsertCables([rec(base, 'cablegate/a.txt', '2026-01-01T00:00:00.000Z')])
    expect(await store.upsertCables([rec(stamped, 'nara/a.txt', '2026-02-01T00:00:00.000Z')])).toMatchObject({ versionsAdded: 0, sourcesAdded: 1 })
    expect(await store.upsertCables([rec(attributes, 'aad/a.txt', '2026-02-02T00:00:00.000Z')])).toMatchObject({ versionsAdded: 0, sourcesAdded: 1 })
    expect((await store.versions('75VELLORA42'))!.map((v) => v.sources.map((s) => s.locator))).toEqual([['cablegate/a.txt', 'nara/a.txt', 'aad/a.txt']])
    const restored = stamped.replace('XXXXXXXXXXXX', 'Deputy Minister Orsa Belkin')
    expect(await store.upsertCables([rec(restored, 'nara2/a.txt', '2026-03-01T00:00:00.000Z')])).toMatchObject({ versionsAdded: 1 })
    expect((await store.versions('75VELLORA42'))!.length).toBe(2)
  })
})

describe('diff word counts: punctuation is no word (QA 14 R4)', () => {
  const text = (body: string) => `CONFIDENTIAL VELLORA 000042\n\n1. (C) ${body}\n\n2. (C) Second paragraph.\n`

  it('should count words, not commas, and say when only punctuation changed', async () => {
    const { diffText } = await import('../../src/archive/output/write-versions.js')
    const store = openSqliteStore(':memory:')
    await store.upsertCables([record(text('The envoy met the minister at the harbour.'), 'r1', '2026-01-01T00:00:00.000Z')])
    await store.upsertCables([record(text('The envoy, tired, met the minister, at the harbour.'), 'r2', '2026-01-02T00:00:00.000Z')])
    await store.upsertCables([record(text('The envoy, tired, met the minister; at the harbour.'), 'r3', '2026-01-03T00:00:00.000Z')])
    const d = (await diffVersions(store, '08VELLORA42', 1, 2))!
    expect([d.removedWords, d.addedWords]).toEqual([0, 1])
    expect(diffText(d)).toContain('0 words removed, 1 added')
    const p = (await diffVersions(store, '08VELLORA42', 2, 3))!
    expect([p.removedWords, p.addedWords]).toEqual([0, 0])
    expect(diffText(p)).toContain('(only punctuation differs)')
    expect(diffText(p)).toContain('[-,-]{+;+}')
    expect(diffText(p)).not.toContain('whitespace')
    expect(countWords(', Deputy Minister Orsa Belkin,')).toBe(4)
    expect(countWords(' -- ( ) . ')).toBe(0)
    expect(countWords('1.4 (b)')).toBe(2)
    await store.close()
  })
})
