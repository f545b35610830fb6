import type { Store } from './store.js'
import { openSqliteStore, type OpenOptions } from './sqlite/sqlite-store.js'
import { isPostgresLocation } from './postgres/pool.js'
import { openPostgresStore } from './postgres/pg-store.js'

/** Database used when neither `--db` nor `CABLEGRAM_DB` names one. */
export const DEFAULT_DB = 'cablegram.db'

/**
 * Opens the archive store at `location`: the one place an engine is chosen. A `postgres://` or
 * `postgresql://` URL opens the PostgreSQL engine (its schema is created on first use); anything else is a
 * SQLite file path (or `:memory:`), so callers never pick an engine themselves.
 *
 * @example
 *   const store = openStore(resolveDbLocation(flags.db, env, cwd))
 */
export function openStore(location: string, options: OpenOptions = {}): Store {
  if (isPostgresLocation(location)) {
    if (options.migrations?.length) throw new Error('SQLite migrations cannot run on PostgreSQL; open the PostgreSQL engine of that module instead')
    return openPostgresStore(location)
  }
  return openSqliteStore(location, options)
}
