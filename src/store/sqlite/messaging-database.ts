import { MESSAGING_MIGRATIONS } from './messaging-migrations.js'
import { openSqliteStore, type SqliteStore } from './sqlite-store.js'

/**
 * Opens (creating if needed) the one SQLite file that holds the archive and the messaging tables, with
 * both modules' migrations applied. The longer busy timeout lets concurrent writers (8 processes
 * releasing at once, a worker delivering) queue for the write lock instead of failing with SQLITE_BUSY.
 *
 * @example
 *   const archive = openMessagingDatabase('cables.db')
 */
export function openMessagingDatabase(path: string): SqliteStore {
  const store = openSqliteStore(path, { migrations: MESSAGING_MIGRATIONS })
  store.db.pragma('busy_timeout = 60000')
  return store
}
