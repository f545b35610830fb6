import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { browserUnavailable, cable, ROOT, tempDir } from './browser-harness.js'

const unavailable = browserUnavailable()

/** Runs scripts/start.sh (what `npm start` runs after the build) until it prints the URL; returns it and a stop. */
function start(env: Record<string, string>): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const child = spawn('bash', [join(ROOT, 'scripts', 'start.sh'), '--port', '0'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`start.sh exited with ${code}:\n${out}`)))
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /at (http:\/\/[\d.]+:\d+)\//.exec(out)
      if (!m) return
      child.removeAllListeners('exit')
      resolve({
        url: m[1],
        output: () => out,
        stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
      })
    })
  })
}

// real browser and server processes on a shared 2-core machine: generous timeouts, no sleeps
describe.skipIf(unavailable !== null)('npm start (scripts/start.sh)', { timeout: 240_000 }, () => {
  const dir = tempDir('start')
  afterAll(() => dir.remove())

  it('imports the samples into an empty embedded archive, serves the web app and the API, and prints the URL', async () => {
    const db = join(dir.path, 'cablegram.db')
    const s = await start({ CABLEGRAM_DB: db })
    try {
      expect(s.output()).toContain('importing the sample cables')
      const page = await fetch(`${s.url}/`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="app">')
      const search = (await (await fetch(`${s.url}/api/search?q=*`)).json()) as { total: number }
      expect(search.total).toBe(3)
    } finally {
      await s.stop()
    }
    // a second start finds the archive full and imports nothing
    const again = await start({ CABLEGRAM_DB: db })
    try {
      expect(again.output()).not.toContain('importing')
    } finally {
      await again.stop()
    }
  })

  it('serves an operator database with logins, never opened up as a public archive', async () => {
    const db = join(dir.path, 'operators.db')
    await cable(['import', join(ROOT, 'samples'), '--db', db])
    await cable(['directory', 'init', '--db', db])
    await cable(['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'UNCLASSIFIED', '--db', db])
    const s = await start({ CABLEGRAM_DB: db })
    try {
      expect(s.output()).toContain('serving it with logins')
      expect((await fetch(`${s.url}/api/search?q=*`)).status).toBe(401)
    } finally {
      await s.stop()
    }
  })
})
