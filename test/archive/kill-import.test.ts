import { requireBuild } from '../support/built.js'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSynth } from '../../src/archive/synth/write-synth.js'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(repo, 'bin', 'cable.js')
const dir = mkdtempSync(join(tmpdir(), 'cablegram-kill-'))
const COUNT = 4000
const BATCH = 250

function count(db: string, sql: string): number {
  const conn = new Database(db, { readonly: true, fileMustExist: true })
  try {
    return (conn.prepare(sql).get() as { n: number }).n
  } finally {
    conn.close()
  }
}

describe('an import killed with SIGKILL', () => {
  const csv = join(dir, 'cables.csv')
  const db = join(dir, 'k.db')

  beforeAll(async () => {
    // the binary runs the compiled code that `npm test` built
    requireBuild()
    await writeSynth(csv, COUNT, 77, 'csv')
  }, 180_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('should leave whole batches only, and a re-run should store every cable exactly once', async () => {
    const child = spawn(process.execPath, [bin, 'import', csv, '--db', db, '--batch', String(BATCH)], { stdio: 'ignore' })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    let seen = 0
    while (seen < BATCH * 2) {
      await new Promise((r) => setTimeout(r, 25))
      if (child.exitCode !== null) break
      try {
        seen = count(db, 'SELECT count(*) AS n FROM cables')
      } catch {
        seen = 0 // the database is not created yet
      }
    }
    child.kill('SIGKILL')
    await exited
    expect(child.exitCode === null || child.signalCode === 'SIGKILL').toBe(true)
    const afterKill = count(db, 'SELECT count(*) AS n FROM cables')
    expect(afterKill).toBeGreaterThan(0)
    expect(afterKill).toBeLessThan(COUNT)
    expect(afterKill % BATCH).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM cable_sources')).toBe(afterKill)

    // spawned, not spawnSync: a worker blocked for a minute on a loaded machine misses vitest's RPC deadline
    const rerun = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const again = spawn(process.execPath, [bin, 'import', csv, '--db', db, '--batch', String(BATCH), '--format', 'json'], { stdio: ['ignore', 'pipe', 'inherit'] })
      let stdout = ''
      again.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      again.on('close', (status) => resolve({ status, stdout }))
    })
    expect(rerun.status).toBe(0)
    const report = JSON.parse(rerun.stdout)
    expect(report).toMatchObject({ cables: COUNT, inserted: COUNT - afterKill, unchanged: afterKill, problems: [] })

    const conn = new Database(db, { readonly: true })
    try {
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(conn.prepare('SELECT count(*) AS n, count(DISTINCT key) AS k FROM cables').get()).toEqual({ n: COUNT, k: COUNT })
      expect(conn.prepare('SELECT count(*) AS n, count(DISTINCT locator) AS l FROM cable_sources').get()).toEqual({ n: COUNT, l: COUNT })
      expect(conn.prepare('SELECT count(*) AS n FROM cable_texts').get()).toEqual({ n: COUNT })
      // every synthetic cable carries SIPDIS once: the index holds each cable exactly once
      expect(conn.prepare("SELECT count(*) AS n FROM cables_fts WHERE cables_fts MATCH 'sipdis'").get()).toEqual({ n: COUNT })
    } finally {
      conn.close()
    }
    // two imports of COUNT cables through the compiled binary: a loaded 2-core CI machine needs minutes, not 60 s
  }, 300_000)
})
