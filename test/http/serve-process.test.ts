import { exec, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { makeRecord } from '../store/make-record.js'
import { archiveRecords } from './archive-fixture.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(repo, 'bin', 'cable.js')
const dir = mkdtempSync(join(tmpdir(), 'cablegram-serve-'))
const db = join(dir, 'public.db')

/** Starts `cable serve` and resolves with its URL once it prints it. */
export function startServe(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  let out = ''
  let err = ''
  child.stderr!.on('data', (d) => (err += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d
      const url = out.match(/at (http:\/\/[^/\s]+)\//)?.[1]
      if (url) resolve({ child, url, stderr: () => err, exited })
    })
    void exited.then((code) => reject(new Error(`cable serve exited ${code}: ${err}`)))
  })
}

beforeAll(async () => {
  try {
    // asynchronously: a build blocking the worker's event loop times out vitest's own messages
    await promisify(exec)('npm run build', { cwd: repo })
  } catch {
    if (!existsSync(join(repo, 'dist', 'src', 'cli', 'main.js'))) throw new Error('npm run build produced no dist/src/cli/main.js')
  }
  const store = openSqliteStore(db)
  await store.upsertCables([...archiveRecords(), ...Array.from({ length: 20_000 }, (_, i) => makeRecord({ key: `07BULK${i + 1}`, subject: `BULK ${i}` }))])
  await store.close()
}, 180_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('cable serve (a real process)', () => {
  it('should serve a public archive, log each request, and finish in-flight requests on SIGTERM', async () => {
    const s = await startServe(['--public', '--db', db])
    const search = await fetch(`${s.url}/api/search?q=uranium&facets=1&histogram=year`)
    expect(search.status).toBe(200)
    expect((await search.json()).total).toBe(4)
    const problem = await fetch(`${s.url}/api/search?q=%22open`)
    expect(problem.status).toBe(400)
    expect(await problem.json()).toMatchObject({ code: 'QUERY_SYNTAX' })
    // an export in flight when the signal arrives still ends whole
    const exporting = fetch(`${s.url}/api/export?q=*&format=jsonl`).then((r) => r.text())
    await new Promise((r) => setTimeout(r, 30))
    s.child.kill('SIGTERM')
    const rows = (await exporting).trim().split('\n')
    expect(rows).toHaveLength(20_005)
    expect(await s.exited).toBe(0)
    expect(s.stderr()).toMatch(/GET \/api\/search 200 [\d.]+ms -/)
    expect(s.stderr()).toMatch(/GET \/api\/search 400 /)
    expect(s.stderr()).toContain('database closed')
  }, 60_000)

  it('should refuse to serve an archive without users unless --public', async () => {
    const s = startServe(['--db', db])
    await expect(s).rejects.toThrow(/no directory users/)
  })
})
