import { createApp } from '../../src/http/app.js'
import { openServer, type ServerSetup } from '../../src/http/open-server.js'
import { setPassword } from '../../src/messaging/logins.js'
import type { UserSpec } from '../../src/messaging/index.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { CableRecord } from '../../src/store/store.js'
import { addUsers, freshContext } from '../messaging/fixtures.js'

export const PASSWORD = 'correct horse battery staple'

/** A client of the in-process app that keeps its session cookie and CSRF token, as a browser would. */
export class Client {
  cookie = ''
  csrf = ''
  /**
   * The client address the server sees (the socket's remote address, as @hono/node-server gives it to
   * getConnInfo); empty: the in-process app has no socket and the server calls the client `local`.
   */
  address = ''
  constructor(
    readonly app: ReturnType<typeof createApp>,
    readonly bearer?: string,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers }
    if (this.cookie) h['cookie'] = this.cookie
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf
    if (this.bearer) h['authorization'] = `Bearer ${this.bearer}`
    if (body !== undefined) h['content-type'] ??= 'application/json'
    const socket = this.address ? { incoming: { socket: { remoteAddress: this.address, remotePort: 40000, remoteFamily: this.address.includes(':') ? 'IPv6' : 'IPv4' } } } : undefined
    const res = await this.app.request(path, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }, socket)
    const set = res.headers.get('set-cookie')
    if (set) {
      const [pair, ...attrs] = set.split(';')
      this.cookie = /max-age=0|expires=thu, 01 jan 1970/i.test(attrs.join(';')) ? '' : pair.trim()
    }
    return res
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers)
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) => this.request('POST', path, body, headers)
  put = (path: string, body: unknown, headers?: Record<string, string>) => this.request('PUT', path, body, headers)
  del = (path: string, headers?: Record<string, string>) => this.request('DELETE', path, undefined, headers)

  async json<T = any>(res: Response | Promise<Response>, status = 200): Promise<T> {
    const r = await res
    const text = await r.text()
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${text}`)
    return (text ? JSON.parse(text) : null) as T
  }
}

/**
 * An operator's database (default directory, `root` admin, `users`), every user with PASSWORD, served by the
 * in-process app as `cable serve` would (delivery worker included).
 */
export async function operatorServer(users: UserSpec[], setup: Partial<ServerSetup> = {}) {
  const env = await freshContext(setup.now ? { now: setup.now } : {})
  await addUsers(env.ctx, users)
  // each user sets his own: a password an admin sets must be changed at the first login
  for (const u of ['root', ...users.map((u) => u.name)]) await setPassword(env.ctx, u, u, PASSWORD)
  await env.ctx.store.close()
  const logs: string[] = []
  const opened = await openServer({ location: env.path, public: false, staticDir: null, log: (l) => logs.push(l), ...setup })
  const app = createApp({ ...opened.deps, checkResponses: true })
  const login = async (name: string): Promise<Client> => {
    const client = new Client(app)
    const who = await client.json(client.post('/api/session', { user: name, password: PASSWORD }))
    client.csrf = who.csrf
    return client
  }
  return {
    app,
    deps: opened.deps,
    logs,
    path: env.path,
    login,
    /** Imports cables into the archive tables through a writable connection of its own (the server reads read-only). */
    addArchiveCables: async (records: CableRecord[]) => {
      const writer = openSqliteStore(env.path)
      await writer.upsertCables(records)
      await writer.close()
    },
    close: async () => {
      await opened.close()
      await env.cleanup().catch(() => {})
    },
  }
}
