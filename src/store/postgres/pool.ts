import pg from 'pg'
import { connectionErrorFor } from '../database-file-error.js'
import { parsePgLocation, type PgLocation } from './pg-location.js'

/**
 * The one PostgreSQL connection pool module: the archive and messaging engines share it, so a process holds
 * one pool per database location however many stores it opens.
 */

/** Whether a database location names a PostgreSQL server (`postgres://…` or `postgresql://…`). */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location)
}

interface Shared {
  pool: pg.Pool
  users: number
  target: PgLocation
}

const pools = new Map<string, Shared>()

/**
 * A pool for `location`, shared with every other holder in this process until each has released it.
 * Ten connections: enough for a server's concurrent requests, few enough that several processes fit in
 * PostgreSQL's default `max_connections` of 100.
 *
 * @throws DatabaseConnectionError when `location` is not a URL the engine can use (pg-location.ts says which)
 * @example
 *   const pool = acquirePool('postgres://postgres@127.0.0.1:5432/cablegram')
 *   try { await pool.query('SELECT 1') } finally { await releasePool(pool) }
 */
export function acquirePool(location: string): pg.Pool {
  let shared = pools.get(location)
  if (!shared) {
    // read before the driver sees it: a URL it cannot parse, or would read otherwise than meant, fails here
    const target = parsePgLocation(location)
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      max: Number(process.env.CABLEGRAM_PG_POOL ?? 10),
      application_name: 'cablegram',
      // generous: a busy server can take seconds to start a backend
      connectionTimeoutMillis: 30_000,
    })
    // an idle client's error (server restart) must not crash the process; the next query reports it
    pool.on('error', () => {})
    reportConnectionErrors(pool, location, target)
    shared = { pool, users: 0, target }
    pools.set(location, shared)
  }
  shared.users++
  return shared.pool
}

/**
 * Makes every connection the pool opens fail with a `DatabaseConnectionError` (no such database, nothing
 * listening, a refused login) instead of the driver's error: `pool.query` connects through `pool.connect`,
 * so both reach the user as one line naming the location.
 */
function reportConnectionErrors(pool: pg.Pool, location: string, target: PgLocation): void {
  const connect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => unknown
  const translate = (error: unknown): unknown => connectionErrorFor(error, location, target) ?? error
  ;(pool as { connect: unknown }).connect = (cb?: (err: unknown, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => {
    if (cb) return connect((err, client, done) => cb(err ? translate(err) : err, client, done))
    return (connect() as Promise<pg.PoolClient>).catch((error: unknown) => {
      throw translate(error)
    })
  }
}

/**
 * A client of its own (a LISTEN connection) for `location`, not yet connected: connect it with
 * `connectClient`.
 *
 * @throws DatabaseConnectionError when `location` is not a URL the engine can use
 */
export function newClient(location: string, applicationName: string): pg.Client {
  return new pg.Client({ connectionString: parsePgLocation(location).connectionString, application_name: applicationName })
}

/**
 * Connects a client of its own (a LISTEN connection) to `location`, failing as `pool.connect` does with a
 * `DatabaseConnectionError` when the server cannot be reached or refuses the login.
 */
export async function connectClient(client: pg.Client, location: string): Promise<void> {
  try {
    await client.connect()
  } catch (error) {
    throw connectionErrorFor(error, location, parsePgLocation(location)) ?? error
  }
}

/** Gives back a pool from `acquirePool`; the last holder's release closes its connections. */
export async function releasePool(pool: pg.Pool): Promise<void> {
  for (const [location, shared] of pools) {
    if (shared.pool !== pool) continue
    if (--shared.users > 0) return
    pools.delete(location)
    await pool.end()
    return
  }
}

/**
 * Runs `fn` in one transaction on one pooled client: committed when it resolves, rolled back when it
 * throws (the error propagates).
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
