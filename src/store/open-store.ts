import type { Store } from './store.js'
import { openSqliteStore, type OpenOptions } from './sqlite/sqlite-store.js'

/** Database used when neither `--db` nor `CABLEGRAM_DB` names one. */
export const DEFAULT_DB = 'cablegram.db'

/**
 * Opens the archive store at `location`. Today every location is a SQLite file (or `:memory:`); the
 * PostgreSQL engine will take `postgres://` URLs here, so callers never pick an engine themselves.
 *
 * @example
 *   const store = openStore(resolveDbLocation(flags.db, env, cwd))
 */
export function openStore(location: string, options: OpenOptions = {}): Store {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new Error(`PostgreSQL is not supported yet (got ${location}); use a SQLite file path`)
  }
  return openSqliteStore(location, options)
}
