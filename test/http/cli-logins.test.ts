import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/app.js'
import { openServer } from '../../src/http/open-server.js'
import { EventEmitter } from 'node:events'
import { readHiddenLine, type TerminalInput } from '../../src/cli/hidden-input.js'
import { main } from '../../src/cli/main.js'
import { memoryIo, runCable } from '../memory-io.js'
import { addUsers, freshContext } from '../messaging/fixtures.js'

describe('cable user passwd, cable token, cable audit --alerts', () => {
  let env: Awaited<ReturnType<typeof freshContext>>
  beforeAll(async () => {
    env = await freshContext()
    await addUsers(env.ctx, [{ name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'SBU' }])
  }, 60_000)
  afterAll(() => env.cleanup())
  const cable = (argv: string[], stdin?: string) => runCable(argv, { env: { CABLEGRAM_DB: env.path }, stdin })

  it('should set passwords from standard input: own or as an admin, never too short', async () => {
    const byAdmin = await cable(['user', 'passwd', 'dora', '--as', 'root'], 'a passphrase root chose\n')
    expect(byAdmin.code).toBe(0)
    expect(byAdmin.stdout).toContain('dora must change it at the next login')
    expect(await env.ctx.store.auth.passwordMustChange('dora')).toBe(true)
    const own = await cable(['user', 'passwd', 'dora', '--as', 'dora'], 'a long demo passphrase\n')
    expect(own.code).toBe(0)
    expect(own.stdout).not.toContain('must change')
    expect(await env.ctx.store.auth.passwordMustChange('dora')).toBe(false)
    const short = await cable(['user', 'passwd', 'dora', '--as', 'dora'], 'short\n')
    expect(short.code).toBe(2)
    expect(short.stderr).toMatch(/at least 12 characters/)
    const other = await cable(['user', 'passwd', 'root', '--as', 'dora'], 'another long passphrase\n')
    expect(other.code).toBe(4)
    const hash = await env.ctx.store.auth.passwordHash('dora')
    expect(hash).toMatch(/^scrypt\$N=\d+,r=\d+,p=\d+\$/)
    expect(hash).not.toContain('passphrase')
  })

  it('should read the password without echo when standard input is a terminal, typed twice', async () => {
    const run = async (typed: string[]) => {
      const term = fakeTerminal(typed)
      const io = { ...memoryIo({ env: { CABLEGRAM_DB: env.path } }), terminal: term }
      const code = await main(['user', 'passwd', 'dora', '--as', 'dora'], io)
      return { code, out: io.out(), err: io.err(), raw: term.raw }
    }
    const before = await env.ctx.store.auth.passwordHash('dora')
    const differ = await run(['first passphrase typed\r', 'second passphrase typed\r'])
    expect(differ.code).toBe(2)
    expect(differ.err).toContain('the two passwords differ; nothing was changed')
    expect(await env.ctx.store.auth.passwordHash('dora')).toBe(before)
    // typed in pieces, with a slip erased and an arrow key pressed: neither reaches the password
    const ok = await run(['a tty pass', 'phrasX\u007fe\u001b[D\r', 'a tty passphrase\n'])
    expect(ok.code, ok.err).toBe(0)
    expect(ok.err).toBe('New password for dora: \nType it again: \n')
    expect(ok.out).not.toContain('passphrase')
    expect(ok.raw).toEqual([true, false, true, false])
    const { verifyPassword } = await import('../../src/messaging/password-hash.js')
    expect(await verifyPassword('a tty passphrase', (await env.ctx.store.auth.passwordHash('dora'))!)).toBe(true)
    // put back what the later tests log in with (piped, as scripts do)
    expect((await cable(['user', 'passwd', 'dora', '--as', 'dora'], 'a long demo passphrase\n')).code).toBe(0)
  })

  it('should cancel on Ctrl-C or Ctrl-D and restore the terminal', async () => {
    const out: string[] = []
    const ctrlC = fakeTerminal(['half\u0003'])
    await expect(readHiddenLine(ctrlC, { write: (s: string) => out.push(s) }, 'pw: ')).rejects.toThrow('cancelled')
    expect(ctrlC.raw).toEqual([true, false])
    const ctrlD = fakeTerminal(['\u0004'])
    await expect(readHiddenLine(ctrlD, { write: (s: string) => out.push(s) }, 'pw: ')).rejects.toThrow('no password typed')
    expect(ctrlD.raw).toEqual([true, false])
    expect(out.join('')).toBe('pw: \npw: \n')
  })

  it('should create a token shown once that the server accepts, list it without its value, and revoke it', async () => {
    const made = await cable(['token', 'create', '--as', 'dora', '--expires', '30d', '--label', 'nightly'])
    expect(made.code).toBe(0)
    const token = made.stdout.trim()
    expect(token).toMatch(/^cgt_[A-Za-z0-9_-]{43}$/)
    expect(made.stderr).toMatch(/not shown again/)
    const { deps, close } = await openServer({ location: env.path, public: false, staticDir: null, deliver: false, log: () => {} })
    const app = createApp(deps)
    const who = await app.request('/api/session', { headers: { authorization: `Bearer ${token}` } })
    expect(await who.json()).toMatchObject({ user: 'dora', via: 'token' })
    const listed = await cable(['token', 'list', '--as', 'dora'])
    expect(listed.stdout).toMatch(/^1\tdora\tnightly\t/)
    expect(listed.stdout).not.toContain(token)
    expect((await cable(['token', 'revoke', '1', '--as', 'dora'])).code).toBe(0)
    expect((await app.request('/api/session', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
    expect((await cable(['token', 'create', '--as', 'dora', '--expires', 'soon'])).code).toBe(2)
    await close()
  })

  it('should list bulk-read alerts with --alerts', async () => {
    const { deps, close } = await openServer({ location: env.path, public: false, staticDir: null, deliver: false, readLimits: { reads: 1, exports: 1, windowMs: 3_600_000 }, log: () => {} })
    const app = createApp(deps)
    const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'dora', password: 'a long demo passphrase' }) })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]
    // an export of two cables is over a limit of one
    const { makeRecord } = await import('../store/make-record.js')
    const { openSqliteStore } = await import('../../src/store/sqlite/sqlite-store.js')
    const writer = openSqliteStore(env.path)
    await writer.upsertCables([makeRecord({ key: '09ALERT1' }), makeRecord({ key: '09ALERT2' })])
    await writer.close()
    expect((await app.request('/api/export?q=*', { headers: { cookie } })).status).toBe(429)
    await close()
    const alerts = await cable(['audit', '--alerts', '--as', 'root'])
    expect(alerts.stdout.trim().split('\n')).toEqual([expect.stringMatching(/\tdora\tbulk-read-alert\trefused\t.*export: 2 cables exported/)])
  })
})

/**
 * A terminal that "types" each chunk once the reader is listening in raw mode (one chunk per line read, the
 * rest on the next read), recording every raw-mode switch.
 */
function fakeTerminal(chunks: string[]): TerminalInput & { raw: boolean[] } {
  const events = new EventEmitter()
  const queue = [...chunks]
  const raw: boolean[] = []
  return {
    isTTY: true,
    raw,
    setRawMode: (mode: boolean) => raw.push(mode),
    on: (event, listener) => {
      events.on(event, listener)
      // deliver chunks until the line is done (the listener removes itself) or none are left
      setImmediate(function type() {
        if (!events.listenerCount('data') || !queue.length) return
        events.emit('data', Buffer.from(queue.shift()!, 'utf8'))
        setImmediate(type)
      })
    },
    removeListener: (event, listener) => events.removeListener(event, listener),
    resume: () => undefined,
    pause: () => undefined,
  }
}
