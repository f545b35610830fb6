import { requireBuild } from '../support/built.js'
import { startServe } from './serve-child.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { makeRecord } from '../store/make-record.js'
import { archiveRecords } from './archive-fixture.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { setPassword } from '../../src/messaging/logins.js'
import { addUsers, freshContext } from '../messaging/fixtures.js'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(repo, 'bin', 'cable.js')
const dir = mkdtempSync(join(tmpdir(), 'cablegram-serve-'))
const db = join(dir, 'public.db')

beforeAll(async () => {
  requireBuild()
  const store = openSqliteStore(db)
  await store.upsertCables([...archiveRecords(), ...Array.from({ length: 20_000 }, (_, i) => makeRecord({ key: `07BULK${i + 1}`, subject: `BULK ${i}` }))])
  await store.close()
}, 300_000)
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

  it('should serve an operator database with logins; an open event stream does not hold up SIGTERM', async () => {
    const env = await freshContext()
    await addUsers(env.ctx, [{ name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SBU' }])
    await setPassword(env.ctx, 'dora', 'dora', 'correct horse battery staple')
    await env.ctx.store.close()
    const s = await startServe(['--db', env.path])
    try {
      expect((await fetch(`${s.url}/api/inbox`)).status).toBe(401)
      const login = await fetch(`${s.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'dora', password: 'correct horse battery staple' }) })
      expect(login.status).toBe(200)
      const cookie = login.headers.get('set-cookie')!.split(';')[0]
      const { csrf } = await login.json()
      expect((await fetch(`${s.url}/api/inbox`, { headers: { cookie } })).status).toBe(200)
      const sub = await fetch(`${s.url}/api/subscriptions`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'tag', value: 'PREL' }) })
      expect(sub.status).toBe(204)
      const events = await fetch(`${s.url}/api/events`, { headers: { cookie } })
      const reader = events.body!.getReader()
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: inbox')
      s.child.kill('SIGTERM')
      expect(await s.exited).toBe(0)
      expect(s.stderr()).toMatch(/POST \/api\/session 200 [\d.]+ms dora/)
      expect(s.stderr()).toContain('database closed')
    } finally {
      s.child.kill('SIGKILL')
      await env.cleanup()
    }
  }, 60_000)

  it('should serve one port from several worker processes (--workers)', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port
        srv.close(() => resolve(p))
      })
    })
    const child = spawn(process.execPath, [bin, 'serve', '--public', '--db', db, '--port', String(port), '--workers', '2'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    let out = ''
    await new Promise<void>((resolve) => child.stdout!.on('data', (d) => ((out += d), /2 worker processes at/.test(out) && resolve())))
    const res = await Promise.all(Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}/api/stats`)))
    expect(res.map((r) => r.status)).toEqual(Array(8).fill(200))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 60_000)

  it('should refuse to serve an archive without users unless --public', async () => {
    const s = startServe(['--db', db])
    await expect(s).rejects.toThrow(/no directory users/)
  })
})
