/**
 * PostgreSQL test harness: a fresh database per test file (or per call of `freshDatabase`), dropped after.
 *
 * The server is the one at `CABLEGRAM_TEST_PG` (default `postgres://postgres@127.0.0.1:5432/postgres`); the
 * database in that URL is only used to create and drop the fresh ones. When the server cannot be reached:
 * - outside CI the suites that need it are skipped, with the reason printed once per file;
 * - in CI (`CI=true`) the test file fails, so a broken CI database can never look like a green run.
 *
 * @example
 *   const pg = await usePostgres('archive-contract')
 *   describe.skipIf(!pg.available)('archive on PostgreSQL', () => {
 *     it('stores a cable', async () => { const store = openStore(pg.url()) ... })
 *   })
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'

export const DEFAULT_TEST_PG = 'postgres://postgres@127.0.0.1:5432/postgres'

/** The server URL the tests use (maintenance database included). */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.CABLEGRAM_TEST_PG && env.CABLEGRAM_TEST_PG.trim() !== '' ? env.CABLEGRAM_TEST_PG : DEFAULT_TEST_PG
}

function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1'
}

/** `url` with its database name replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** Redacts a password for messages. */
function shown(url: string): string {
  const u = new URL(url)
  if (u.password) u.password = '***'
  return u.toString()
}

let probed: Promise<string | null> | undefined

/** Resolves to null when the server answers, else to the reason it does not (one probe per process). */
export function probePostgres(): Promise<string | null> {
  probed ??= (async () => {
    const client = new pg.Client({ connectionString: testServerUrl(), connectionTimeoutMillis: 3000 })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query('SELECT 1')
      return null
    } catch (error) {
      return `PostgreSQL at ${shown(testServerUrl())} is not reachable (${(error as Error).message})`
    } finally {
      await client.end().catch(() => {})
    }
  })()
  return probed
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl(), connectionTimeoutMillis: 5000 })
  client.on('error', () => {})
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end().catch(() => {})
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** A database created for a test; `drop` removes it (closing any connection left open). */
export interface TestDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

/**
 * Creates a database named `cgtest_<label>_<pid>_<random>` on the test server: empty, or a clone of the
 * test database `template` (which nobody may be connected to). Throws when the server is unreachable
 * (callers guard with `usePostgres` or `probePostgres`).
 */
export async function freshDatabase(label: string, template?: string): Promise<TestDatabase> {
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 24)
  const name = `cgtest_${safe}_${process.pid}_${randomBytes(4).toString('hex')}`
  const from = template ? quoteIdent(template) : "template0 ENCODING 'UTF8'"
  await admin((c) => c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${from}`))
  let dropped = false
  return {
    name,
    url: withDatabase(testServerUrl(), name),
    async drop() {
      if (dropped) return
      dropped = true
      // FORCE (PostgreSQL 13+) ends connections a failed test left open, so the drop never hangs.
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`))
    },
  }
}

/**
 * What an unreachable server means for the file `label`: in CI it throws (the file fails); elsewhere it
 * returns the skip message to print.
 */
export function unreachableMessage(label: string, reason: string, env: NodeJS.ProcessEnv = process.env): string {
  if (inCi(env)) {
    throw new Error(`${reason}; CI=true, so the PostgreSQL tests in "${label}" fail instead of skipping (set CABLEGRAM_TEST_PG)`)
  }
  return `[skip] PostgreSQL tests in "${label}" skipped: ${reason}. Set CABLEGRAM_TEST_PG to a reachable server to run them.`
}

export interface PostgresForTests {
  /** True when the server answered; suites use `describe.skipIf(!pg.available)`. */
  available: boolean
  /** Why the suites skip, when they do. */
  reason: string | null
  /** The fresh database's URL; valid inside tests (created in `beforeAll`). */
  url(): string
}

/**
 * Registers, for the calling test file, a fresh database created before its tests and dropped after them.
 * Outside CI an unreachable server makes `available` false and prints why; in CI it throws, failing the file.
 */
export async function usePostgres(label: string): Promise<PostgresForTests> {
  const reason = await probePostgres()
  if (reason !== null) {
    console.warn(unreachableMessage(label, reason))
    return { available: false, reason, url: () => { throw new Error(reason) } }
  }
  let db: TestDatabase | undefined
  beforeAll(async () => {
    db = await freshDatabase(label)
  })
  afterAll(async () => {
    await db?.drop()
  })
  return {
    available: true,
    reason: null,
    url() {
      if (!db) throw new Error('the test database is created in beforeAll; call url() inside a test or hook')
      return db.url
    },
  }
}
