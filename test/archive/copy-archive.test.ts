import { requireBuild } from '../support/built.js'
import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareArchives, compareSettings, copyArchive } from '../../src/archive/copy-archive.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import type { Store } from '../../src/store/store.js'
import { parseCable } from '../../src/format/parse.js'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { writeSynth } from '../../src/archive/synth/write-synth.js'
import { openStore } from '../../src/store/open-store.js'
import { freshDatabase, usePostgres, type TestDatabase } from '../support/postgres.js'
import { makeRecord } from '../store/make-record.js'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(repo, 'bin', 'cable.js')
const pgServer = await usePostgres('copy-archive')
const dir = mkdtempSync(join(tmpdir(), 'cablegram-copy-'))
const databases: TestDatabase[] = []

afterAll(async () => {
  for (const d of databases) await d.drop()
  rmSync(dir, { recursive: true, force: true })
})

async function pgCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query(`SELECT count(*)::int AS n FROM cables`)).rows[0].n
  } catch {
    return 0 // the schema is not created yet
  } finally {
    await c.end()
  }
}

describe.skipIf(!pgServer.available)('cable copy between engines', () => {
  it('should copy sources, versions and access from SQLite to PostgreSQL and back, verified', async () => {
    const sqlite = openStore(join(dir, 'a.db'))
    const first = makeRecord({ key: '09C1', text: 'The minister XXXXXXXXXXXX said no.' })
    await sqlite.upsertCables([
      first,
      makeRecord({ key: '09C1', text: 'The minister Mugabe said no.', classification: 'SECRET', level: 3, caveats: ['NOFORN'], source: { ...first.source, locator: 'later.txt', importedAt: '2026-02-01T00:00:00.000Z' } }),
      makeRecord({ key: '09C1', text: 'The minister  Mugabe said no.', errorCount: 2, source: { ...first.source, locator: 'worse.html', rendering: 'html', importedAt: '2026-03-01T00:00:00.000Z' } }),
      makeRecord({ key: '09C2', date: null, tags: ['ECON', 'PREL'], references: [{ letter: 'A', id: '09C1', text: 'C 1', kind: 'cable' }] }),
      makeRecord({ key: '09C2', source: { ...first.source, locator: 'c2.csv#row=2', rendering: 'csv' } }),
    ])
    const db = await freshDatabase('copy round trip')
    databases.push(db)
    const postgres = openStore(db.url)
    const there = await copyArchive(sqlite, postgres, { batchSize: 1 })
    expect(there).toMatchObject({ cables: 2, written: 2, skipped: 0, verified: true, differences: [] })
    const back = openStore(join(dir, 'b.db'))
    expect(await copyArchive(postgres, back)).toMatchObject({ cables: 2, written: 2, verified: true })
    for (const store of [postgres, back]) {
      expect(await store.getCable('09C1')).toEqual(await sqlite.getCable('09C1'))
      expect(await store.getCable('09C2')).toEqual(await sqlite.getCable('09C2'))
      expect(await store.versions('09C1')).toEqual(await sqlite.versions('09C1'))
      expect(await store.stats({ level: 2, caveats: [] })).toEqual(await sqlite.stats({ level: 2, caveats: [] }))
    }
    // a second run finds everything there
    expect(await copyArchive(sqlite, postgres)).toMatchObject({ written: 0, skipped: 2, verified: true })
    // a target that differs is reported
    await back.upsertCables([makeRecord({ key: '09C3' })])
    expect(await compareArchives(sqlite, back)).toEqual(['cables: 2 in the source, 3 in the target', 'sources: 5 in the source, 6 in the target', 'text hashes differ for 1 cables: 09C3'])
    for (const s of [sqlite, postgres, back]) await s.close()
  })

  it('should carry the archive\'s portion-access setting both ways and verify it like the counts (QA 14 R3)', async () => {
    const text = `P 101200Z APR 08\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC PRIORITY 0004\n\nS E C R E T QUORIN 000041\n\nE.O. 12958: DECL: 04/10/2018\nTAGS: PREL XX\nSUBJECT: (C) COPY SETTING TEST\n\nClassified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).\n\n1. (C) Copyopen the talks resumed.\n\n2. (S) Copyhidden the talks will fail.\n\nQUILL\n`
    const record = toCableRecord(parseCable(text, { plain: true }), text, { locator: 'c41.txt', rendering: 'text', sha256: '4'.repeat(64), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })
    const C = { level: 2, caveats: [] }
    const found = async (store: Store, word: string) => (await searchArchive(store, { query: word, access: C })).total
    const sqlite = openStore(join(dir, 'setting-a.db'))
    await sqlite.upsertCables([record])
    await configurePortionAccess(sqlite, true)
    expect(await found(sqlite, 'copyopen')).toBe(1)
    const db = await freshDatabase('copy setting')
    databases.push(db)
    const postgres = openStore(db.url)
    const there = await copyArchive(sqlite, postgres)
    expect(there).toMatchObject({ portionAccess: true, verified: true, differences: [] })
    expect(await postgres.portionAccess()).toBe(true)
    // the target reads in part as the source does: the readable portion finds it, the withheld one does not
    expect([await found(postgres, 'copyopen'), await found(postgres, 'copyhidden')]).toEqual([1, 0])
    const back = openStore(join(dir, 'setting-b.db'))
    expect(await copyArchive(postgres, back)).toMatchObject({ portionAccess: true, verified: true })
    expect(await back.portionAccess()).toBe(true)
    expect(await found(back, 'copyopen')).toBe(1)
    // off in the source turns it off in a target that had it on, and a target that differs is reported
    await configurePortionAccess(sqlite, false)
    expect(await copyArchive(sqlite, back)).toMatchObject({ portionAccess: false, verified: true, written: 0 })
    expect([await back.portionAccess(), await found(back, 'copyopen')]).toEqual([false, 0])
    await configurePortionAccess(postgres, true)
    expect(await compareSettings(sqlite, postgres)).toEqual(['portion-access: off in the source, on in the target'])
    // a target whose settings are kept (an operator database's) is left alone and not compared
    // a target with it on is given each copied cable's readable portions as the cable is written
    const second = text.replace('000041', '000042').replace(/Copyopen/g, 'Copysecond')
    await sqlite.upsertCables([toCableRecord(parseCable(second, { plain: true }), second, { locator: 'c42.txt', rendering: 'text', sha256: '5'.repeat(64), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })])
    expect(await copyArchive(sqlite, postgres, { keepTargetSettings: true })).toMatchObject({ portionAccess: null, verified: true, written: 1 })
    expect(await postgres.portionAccess()).toBe(true)
    expect([await found(postgres, 'copysecond'), await found(postgres, 'copyhidden')]).toEqual([1, 0])
    for (const s of [sqlite, postgres, back]) await s.close()
  })

  describe('killed midway', () => {
    const COUNT = 3000
    const source = join(dir, 'synth.db')

    beforeAll(async () => {
      // the binary runs the compiled code that `npm test` built
      requireBuild()
      const csv = join(dir, 'synth.csv')
      await writeSynth(csv, COUNT, 11, 'csv')
      const store = openStore(source)
      await importArchive(store, [csv])
      await store.close()
    }, 600_000)

    it('should finish the copy when run again, and verify it', async () => {
      const db = await freshDatabase('copy kill')
      databases.push(db)
      const child = spawn(process.execPath, [bin, 'copy', '--from', source, '--to', db.url, '--batch', '100'], { stdio: 'ignore' })
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
      let seen = 0
      while (seen < 300 && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100))
        seen = await pgCount(db.url)
      }
      child.kill('SIGKILL')
      await exited
      const afterKill = await pgCount(db.url)
      expect(afterKill).toBeGreaterThan(0)
      expect(afterKill).toBeLessThan(COUNT)
      expect(afterKill % 100).toBe(0)
      // run asynchronously: a synchronous child would hold this worker's event loop for the whole copy
      const again = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [bin, 'copy', '--from', source, '--to', db.url, '--batch', '100', '--format', 'json'], { encoding: 'utf8', timeout: 900_000 }, (error, stdout, stderr) =>
          resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      )
      expect(again.stderr).toBe('')
      expect(again.status).toBe(0)
      const report = JSON.parse(again.stdout)
      expect(report).toMatchObject({ cables: COUNT, verified: true, differences: [] })
      expect(report.skipped).toBeGreaterThanOrEqual(afterKill)
      expect(report.written).toBe(COUNT - report.skipped)
      expect(await pgCount(db.url)).toBe(COUNT)
    }, 900_000)
  })
})
