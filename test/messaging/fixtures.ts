import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { installDirectory, KNOWN_CAVEATS, openMessaging, putUser, type ServiceContext, type UserSpec } from '../../src/messaging/index.js'
import { freshDatabase, probePostgres, unreachableMessage } from '../support/postgres.js'
import type { DeliveryStore, MessagingStore } from '../../src/store/messaging-store.js'
import type { NewDelivery } from '../../src/store/messaging-types.js'

/** The read-only shared corpus, resolved from the repo root; absent on machines without it. */
export const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url))
export const SEED_PATH = join(SHARED, 'corpus/seed/09STATE99704.txt')
export const HAS_SEED = existsSync(SEED_PATH)

export type Engine = 'sqlite' | 'postgres'

const pgUnreachable = await probePostgres()
/**
 * The engines the messaging suites run on: SQLite always, PostgreSQL when the test server answers (outside CI
 * an unreachable server prints why it is skipped; in CI it fails the file, see test/support/postgres.ts).
 */
export const ENGINES: Engine[] = pgUnreachable === null ? ['sqlite', 'postgres'] : (console.warn(unreachableMessage('messaging', pgUnreachable)), ['sqlite'])

export interface TestContext {
  ctx: ServiceContext
  engine: Engine
  /** The database location: a SQLite file path or a PostgreSQL URL. */
  path: string
  cleanup: () => Promise<void>
}

/** The test admin: an admin grants only what he holds himself, so he holds everything a fixture user may need. */
const ROOT: UserSpec = { name: 'root', post: 'SECSTATE WASHDC', roles: ['admin', 'archive-reader'], clearance: 'TOP SECRET', caveats: [...KNOWN_CAVEATS] }

/**
 * A fresh database (a file in a temp folder, or a new PostgreSQL database dropped at cleanup), with the
 * default directory installed and an admin (`root`, cleared for everything: an admin grants only what he holds).
 */
export async function freshContext(options: Partial<Omit<ServiceContext, 'store'>> = {}, engine: Engine = 'sqlite', root: UserSpec = ROOT): Promise<TestContext> {
  let path: string
  let drop: () => Promise<void>
  if (engine === 'postgres') {
    const db = await freshDatabase('messaging')
    path = db.url
    drop = () => db.drop()
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'cablegram-msg-'))
    path = join(dir, 'cables.db')
    drop = async () => rmSync(dir, { recursive: true, force: true })
  }
  const ctx = await openMessaging(path, options)
  await installDirectory(ctx, undefined)
  await putUser(ctx, undefined, root)
  return {
    ctx,
    engine,
    path,
    cleanup: async () => {
      await ctx.store.close()
      await drop()
    },
  }
}

/** A raw SQL connection to a test database, for what the contract does not show (triggers, lease columns). */
export interface RawSql {
  /** Runs a statement; rejects with the database's error. */
  exec(sql: string): Promise<void>
  /** The column `n` of the first row of a query. */
  count(sql: string): Promise<number>
  close(): Promise<void>
}

/** Opens a raw connection to `env`'s database, as any other program with access to it would. */
export async function rawSql(env: Pick<TestContext, 'engine' | 'path'>): Promise<RawSql> {
  if (env.engine === 'postgres') {
    const client = new pg.Client({ connectionString: env.path })
    await client.connect()
    return {
      exec: async (sql) => void (await client.query(sql)),
      count: async (sql) => Number((await client.query(sql)).rows[0].n),
      close: () => client.end(),
    }
  }
  const db = new Database(env.path)
  return {
    exec: async (sql) => void db.prepare(sql).run(),
    count: async (sql) => (db.prepare(sql).get() as { n: number }).n,
    close: async () => void db.close(),
  }
}

/** Adds users in one go, as the admin. */
export async function addUsers(ctx: ServiceContext, users: UserSpec[]): Promise<void> {
  for (const u of users) await putUser(ctx, 'root', u)
}

/** A clock the tests move by hand, so DTGs and lease expiry are deterministic. */
export function manualClock(start = '2026-03-14T09:26:00Z') {
  let t = new Date(start).getTime()
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms
    },
  }
}

/** The SECSTATE drafting team of the tests: drafter, two clearers, approver. */
export const STATE_TEAM: UserSpec[] = [
  { name: 'dana', post: 'SECSTATE WASHDC', office: 'SCA/CEN', roles: ['drafter', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'carl', post: 'SECSTATE WASHDC', office: 'SCA/PPD', roles: ['clearer', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'cleo', post: 'SECSTATE WASHDC', office: 'INR', roles: ['clearer', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'abe', post: 'SECSTATE WASHDC', office: 'S/ES', roles: ['approver', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
]

/**
 * The store as a worker sees it while another releaser queues `arrival` just before the worker's first
 * check for something more urgent (after it delivered the first item of its batch): the race pre-emption
 * exists for, made deterministic.
 */
export function withArrivalAtFirstCheck(store: MessagingStore, arrival: () => NewDelivery): MessagingStore {
  let checks = 0
  const delivery: DeliveryStore = new Proxy(store.delivery, {
    get: (target, key) =>
      key !== 'mostUrgentClaimable'
        ? Reflect.get(target, key)
        : async (now: number) => {
            if (++checks === 1) await store.delivery.enqueue([arrival()])
            return target.mostUrgentClaimable(now)
          },
  })
  return {
    engine: store.engine,
    directory: store.directory,
    workflow: store.workflow,
    delivery,
    subscriptions: store.subscriptions,
    audit: store.audit,
    auth: store.auth,
    transaction: (fn) => store.transaction(fn),
    close: () => store.close(),
  }
}
