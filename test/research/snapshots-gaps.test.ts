import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { gapMap, splitId } from '../../src/archive/gap-map.js'
import { saveSnapshot, takeSnapshot, verifySnapshot, SnapshotError, loadSnapshot } from '../../src/archive/snapshots.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { CableRecord } from '../../src/store/store.js'
import { runCable } from '../memory-io.js'
import { makeRecord } from '../store/make-record.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { parseCable } from '../../src/format/parse.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-snap-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const records: CableRecord[] = [
  makeRecord({ key: '08QUORIN10', date: '2008-01-15', tags: ['PREL'], text: 'first cable about the harbour' }),
  makeRecord({ key: '08QUORIN20', date: '2008-03-15', tags: ['PREL', 'ECON'], text: 'second cable about the harbour' }),
  makeRecord({ key: '08QUORIN40', date: '2008-05-15', tags: ['ECON'], text: 'third cable', references: [
    { letter: 'A', id: '08QUORIN30', text: 'QUORIN 30', kind: 'cable' },
    { letter: 'B', id: '08QUORIN45', text: 'QUORIN 45', kind: 'cable' },
    { letter: 'C', id: '08QUORIN20', text: 'QUORIN 20', kind: 'cable' },
  ] }),
  makeRecord({ key: '08VELLORA3', date: '2008-02-01', tags: ['PREL'], text: 'secret harbour', classification: 'SECRET', level: 3 }),
]

describe('query snapshots', () => {
  it('should give the same hashes and id whatever the import order, and verify identical after a re-import', async () => {
    const a = openSqliteStore(':memory:')
    const b = openSqliteStore(':memory:')
    await a.upsertCables(records)
    await b.upsertCables([...records].reverse())
    const sa = await takeSnapshot(a, 'tag:PREL', undefined, new Date('2026-01-01T00:00:00Z'))
    const sb = await takeSnapshot(b, 'tag:PREL', undefined, new Date('2026-01-01T00:00:00Z'))
    expect(sa).toEqual(sb)
    expect(sa.id).toMatch(/^cg-[a-z2-7]{10}$/)
    expect([sa.count, sa.archiveCables, sa.cables.map((c) => c.key)]).toEqual([3, 4, ['08QUORIN10', '08QUORIN20', '08VELLORA3']])
    await a.upsertCables(records.map((r) => ({ ...r, source: { ...r.source, importedAt: '2027-01-01T00:00:00Z' } })))
    expect(await verifySnapshot(a, sa)).toMatchObject({ identical: true, sameArchive: true, added: [], removed: [], changed: [] })
    // an archive without the matching cables is another archive: the check says what differs
    const other = openSqliteStore(':memory:')
    await other.upsertCables(records.slice(1))
    expect(await verifySnapshot(other, sa)).toMatchObject({ identical: false, sameArchive: false, added: [], removed: ['08QUORIN10'], count: 2, savedCount: 3 })
    for (const s of [a, b, other]) await s.close()
  })

  it('should list a cable added, a cable whose text changed, and keep the first save of an id', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables(records)
    const saved = await saveSnapshot(store, 'harbour', undefined, new Date('2026-01-01T00:00:00Z'))
    expect((await saveSnapshot(store, 'harbour', undefined, new Date('2026-06-01T00:00:00Z'))).savedAt).toBe('2026-01-01T00:00:00.000Z')
    expect(await loadSnapshot(store, saved.id.toUpperCase(), undefined)).toEqual(saved)
    await store.upsertCables([
      makeRecord({ key: '09QUORIN5', date: '2009-01-01', text: 'a new harbour cable' }),
      { ...records[0], text: 'first cable about the harbour, corrected', source: { ...records[0].source, locator: 'fix.txt' } },
    ])
    expect(await verifySnapshot(store, saved)).toMatchObject({ identical: false, added: ['09QUORIN5'], removed: [], changed: ['08QUORIN10'] })
    await store.close()
  })

  it('should refuse a reader with less access than the saver, and hide what he may not read', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables(records)
    const secret = await saveSnapshot(store, 'harbour', { level: 3, caveats: [] })
    await expect(verifySnapshot(store, secret, { level: 2, caveats: [] })).rejects.toThrow(SnapshotError)
    const low = await saveSnapshot(store, 'harbour', { level: 2, caveats: [] })
    expect(low.count).toBe(2)
    expect(low.archiveCables).toBe(3)
    expect(await verifySnapshot(store, low, { level: 3, caveats: [] })).toMatchObject({ identical: false, added: ['08VELLORA3'] })
    await store.close()
  })

  it('should not show a reader a snapshot saved with more access than his (count and hashes of cables he may not read)', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables(records)
    const secret = await saveSnapshot(store, 'harbour', { level: 3, caveats: [] })
    await expect(loadSnapshot(store, secret.id, { level: 2, caveats: [] })).rejects.toThrow(SnapshotError)
    expect((await loadSnapshot(store, secret.id, { level: 3, caveats: [] }))?.count).toBe(3)
    expect((await loadSnapshot(store, secret.id, undefined))?.count).toBe(3)
    const file = join(root, 'leak.db')
    const db = openSqliteStore(file)
    await db.upsertCables(records)
    const id = (await saveSnapshot(db, 'harbour', { level: 3, caveats: [] })).id
    await db.close()
    const r = await runCable(['snapshot', 'show', id, '--db', file, '--clearance', 'CONFIDENTIAL'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/more access than yours/)
    await store.close()
  })

  it('should save, show and verify from the command line, on this archive or another one from the JSON', async () => {
    const text = (serial: number, word: string) =>
      `R 031200Z FEB 08\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC 0001\n\nUNCLAS QUORIN 0000${serial}\n\nE.O. 12958: N/A\nTAGS: PGOV XY\nSUBJECT: INVENTED ${word}\n\n1. (U) About the ${word}.\n\nDOE\n`
    const dir = join(root, 'cli')
    rmSync(dir, { recursive: true, force: true })
    for (const [n, w] of [[11, 'HARBOUR'], [12, 'AIRPORT']] as const) {
      writeFileSync(join(root, `08QUORIN${n}.txt`), text(n, w))
    }
    const opts = { cwd: root }
    await runCable(['import', '08QUORIN11.txt', '08QUORIN12.txt', '--db', 's.db'], opts)
    const saved = await runCable(['snapshot', 'save', 'harbour', '--db', 's.db', '--format', 'json'], opts)
    const id = JSON.parse(saved.stdout).id as string
    expect((await runCable(['snapshot', 'show', id, '--db', 's.db'], opts)).stdout).toContain(`Snapshot ${id}`)
    const same = await runCable(['snapshot', 'verify', id, '--db', 's.db'], opts)
    expect([same.code, same.stdout]).toEqual([0, expect.stringContaining('identical')])
    writeFileSync(join(root, 'snap.json'), (await runCable(['snapshot', 'show', id, '--db', 's.db', '--format', 'json'], opts)).stdout)
    writeFileSync(join(root, '08QUORIN13.txt'), text(13, 'HARBOUR'))
    await runCable(['import', '08QUORIN11.txt', '08QUORIN13.txt', '--db', 't.db'], opts)
    const elsewhere = await runCable(['snapshot', 'verify', 'snap.json', '--db', 't.db'], opts)
    expect(elsewhere.code).toBe(1)
    expect(elsewhere.stdout).toMatch(/DIFFERENT[\s\S]*added \(1\):\n\s+08QUORIN13/)
    const missing = await runCable(['snapshot', 'verify', 'cg-aaaaaaaaaa', '--db', 't.db'], opts)
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('no snapshot cg-aaaaaaaaaa')])
    expect((await runCable(['snapshot', 'save', 'tag:(', '--db', 's.db'], opts)).code).toBe(2)
  })

  it('should refuse a snapshot file changed after it was written, naming the field, and a path that is no file', async () => {
    const dir = join(root, 'tamper')
    mkdirSync(dir, { recursive: true })
    const store = openSqliteStore(join(dir, 'a.db'))
    await store.upsertCables(records)
    const genuine = await takeSnapshot(store, 'harbour', { level: 2, caveats: [] })
    const secret = await takeSnapshot(store, 'harbour', undefined)
    await store.close()
    const opts = { cwd: dir }
    const verify = async (file: string, body: object) => {
      writeFileSync(join(dir, file), JSON.stringify(body))
      return runCable(['snapshot', 'verify', file, '--db', 'a.db', '--clearance', 'CONFIDENTIAL'], opts)
    }
    // the genuine file verifies identical
    expect((await verify('ok.json', genuine)).code).toBe(0)
    const cases: [string, object, RegExp][] = [
      ['id.json', { ...genuine, id: 'cg-zzzzzzzzzz' }, /id: "cg-zzzzzzzzzz" does not match/],
      ['lower.json', { ...genuine, access: { level: 0, caveats: [] } }, /id: .* does not match/],
      ['level.json', { ...genuine, access: { level: 9, caveats: [] } }, /access\.level: 9 is no classification level/],
      ['caveat.json', { ...genuine, access: { level: 2, caveats: ['FOO'] } }, /access\.caveats\[0\]: "FOO" is no caveat/],
      // another saver's cable list under this file's result hash: the list no longer hashes to it
      ['list.json', { ...genuine, cables: secret.cables, count: secret.count }, /resultHash: does not match the cables listed/],
      ['texts.json', { ...genuine, cables: genuine.cables.map((c) => ({ ...c, texts: ['0'.repeat(64)] })) }, /resultHash: does not match/],
    ]
    for (const [file, body, message] of cases) {
      const r = await verify(file, body)
      expect([file, r.code, r.stderr]).toEqual([file, 2, expect.stringMatching(message)])
      expect(r.stdout).not.toContain('identical')
    }
    mkdirSync(join(dir, 'folder.json'))
    const folder = await runCable(['snapshot', 'verify', 'folder.json', '--db', 'a.db'], opts)
    expect([folder.code, folder.stderr]).toEqual([2, expect.stringContaining('folder.json: cannot read the snapshot file (a directory)')])
  })
})

describe('MRN gap map', () => {
  it('should split ids into year, origin and serial', () => {
    expect(splitId('09STATE99704')).toEqual({ year: 2009, origin: 'STATE', serial: 99704 })
    expect(splitId('75STATE12')).toEqual({ year: 1975, origin: 'STATE', serial: 12 })
    expect(splitId('sha256:abc')).toBeNull()
  })

  it('should count held, cited and missing serials and spread the missing ones over the months', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables(records)
    const [row] = await gapMap(store, { origin: 'QUORIN' })
    expect(row).toMatchObject({ origin: 'QUORIN', year: 2008, first: 10, last: 45, held: 3, cited: 2, missing: 33, citedMissing: ['08QUORIN30', '08QUORIN45'] })
    expect(row.byMonth).toEqual([
      { month: '2008-01', held: 1, missing: 2, cited: 0 },
      { month: '2008-02', held: 0, missing: 5, cited: 0 },
      { month: '2008-03', held: 1, missing: 7, cited: 0 },
      // serial 30 between the held 20 (March) and 40 (May); 45 after the last held one, in its month
      { month: '2008-04', held: 0, missing: 10, cited: 1 },
      { month: '2008-05', held: 1, missing: 9, cited: 1 },
    ])
    expect((await gapMap(store)).map((r) => r.origin)).toEqual(['QUORIN', 'VELLORA'])
    expect(await gapMap(store, { year: 2009 })).toEqual([])
    // a reader who may not see the citing cable does not learn of the cables it cites
    expect((await gapMap(store, { origin: 'AMEMBASSY QUORIN', access: { level: 0, caveats: [] } }))[0]).toMatchObject({ held: 3, cited: 2 })
    const hidden = openSqliteStore(':memory:')
    await hidden.upsertCables(records.map((r) => (r.key === '08QUORIN40' ? { ...r, level: 3, classification: 'SECRET' } : r)))
    expect((await gapMap(hidden, { origin: 'QUORIN', access: { level: 2, caveats: [] } }))[0]).toMatchObject({ held: 2, cited: 0, first: 10, last: 20 })
    await store.close()
    await hidden.close()
  })

  it('should print the table and the months from the command line, and JSON for charts', async () => {
    const store = openSqliteStore(join(root, 'g.db'))
    await store.upsertCables(records.map((r) => toCableRecord(parseCable(r.text), r.text, r.source)).map((r, i) => ({ ...r, ...records[i], source: records[i].source })))
    await store.close()
    const table = await runCable(['gaps', '--db', 'g.db', '--origin', 'QUORIN', '--year', '2008'], { cwd: root })
    expect(table.stdout).toMatch(/QUORIN\s+2008\s+10\s+45\s+3\s+2\s+33\s+8\.3%/)
    expect(table.stdout).toContain('Known but missing (cited, not held): 08QUORIN30 08QUORIN45')
    expect(table.stdout).toContain('by month (█ held, ▓ cited but not held, ░ other estimated missing):')
    expect(table.stdout).toMatch(/\n {2}2008-04 ▓+░+ 0 held, 10 missing \(1 cited\)\n/)
    expect(table.stdout).toMatch(/\n {2}2008-03 █+░+ 1 held, 7 missing \(0 cited\)\n/)
    const detail = JSON.parse((await runCable(['gaps', '--db', 'g.db', '--origin', 'QUORIN', '--format', 'json'], { cwd: root })).stdout)
    expect(detail[0].byMonth.map((m: { month: string; cited: number }) => [m.month, m.cited])).toEqual([
      ['2008-01', 0],
      ['2008-02', 0],
      ['2008-03', 0],
      ['2008-04', 1],
      ['2008-05', 1],
    ])
    const json = JSON.parse((await runCable(['gaps', '--db', 'g.db', '--format', 'json'], { cwd: root })).stdout)
    expect(json.map((r: { origin: string }) => r.origin)).toEqual(['QUORIN', 'VELLORA'])
    expect((await runCable(['gaps', '--db', 'g.db', '--year', '1850'], { cwd: root })).code).toBe(2)
  })
})
