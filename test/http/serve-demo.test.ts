import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO, requireBuild } from '../support/built.js'

// `npm run serve:demo` (scripts/serve-demo.sh): the README's operator demo must come up with users who can
// log in with the printed password and read the sample cables.

const dir = mkdtempSync(join(tmpdir(), 'cablegram-serve-demo-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scripts/serve-demo.sh', () => {
  it('should create the demo database, serve it, and let each demo user log in and read the samples', async () => {
    requireBuild()
    const child = spawn('bash', [join(REPO, 'scripts', 'serve-demo.sh'), '--port', '0'], { cwd: REPO, env: { ...process.env, CABLEGRAM_DEMO_DB: join(dir, 'demo.db') }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /at (http:\/\/[\d.]+:\d+)\//.exec(out)
          if (m) resolve(m[1])
        })
        void exited.then((code) => reject(new Error(`serve-demo.sh exited with ${code}:\n${out}`)))
      })
      const password = /password: (.+)/.exec(out)![1].trim()
      const samples = readdirSync(join(REPO, 'samples')).filter((f) => f.endsWith('.txt')).length
      for (const user of ['root', 'dana', 'dora']) {
        const login = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password }) })
        expect(login.status, `${user}: ${await login.clone().text()}`).toBe(200)
        const cookie = login.headers.get('set-cookie')!.split(';')[0]
        const all = await (await fetch(`${url}/api/search?q=*`, { headers: { cookie } })).json()
        expect(all.total, user).toBeGreaterThan(0)
        expect(all.total, user).toBeLessThanOrEqual(samples)
      }
    } finally {
      child.kill('SIGTERM')
      await exited
    }
  }, 120_000)
})
