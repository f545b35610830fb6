import pg from 'pg'

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
}

const pools = new Map<string, Shared>()

/**
 * A pool for `location`, shared with every other holder in this process until each has released it.
 * Ten connections: enough for a server's concurrent requests, few enough that several processes fit in
 * PostgreSQL's default `max_connections` of 100.
 *
 * @example
 *   const pool = acquirePool('postgres://postgres@127.0.0.1:5432/cablegram')
 *   try { await pool.query('SELECT 1') } finally { await releasePool(pool) }
 */
export function acquirePool(location: string): pg.Pool {
  let shared = pools.get(location)
  if (!shared) {
    const pool = new pg.Pool({
      connectionString: location,
      max: Number(process.env.CABLEGRAM_PG_POOL ?? 10),
      application_name: 'cablegram',
      // generous: a busy server can take seconds to start a backend
      connectionTimeoutMillis: 30_000,
    })
    // an idle client's error (server restart) must not crash the process; the next query reports it
    pool.on('error', () => {})
    shared = { pool, users: 0 }
    pools.set(location, shared)
  }
  shared.users++
  return shared.pool
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
