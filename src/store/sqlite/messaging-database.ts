import { existsSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
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

/**
 * Whether a database file holds a messaging directory with users: then it is an operator's database and
 * every read goes through a user's access. Opened read-only, so asking changes nothing in a plain archive.
 */
export function hasDirectoryUsers(path: string): boolean {
  // only a SQLite file can hold the directory; a server URL or an in-memory database holds none
  if (path === ':memory:' || /^[a-z]+:\/\//.test(path)) return false
  // a file yet to be created (an import's target) or an empty one holds no directory
  if (!existsSync(path) || statSync(path).size === 0) return false
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'msg_user'").get()
    return table !== undefined && (db.prepare('SELECT count(*) AS n FROM msg_user').get() as { n: number }).n > 0
  } finally {
    db.close()
  }
}
