import type { MessagingStore } from './messaging-store.js'
import type { MessagingTables } from './messaging-tables.js'
import { SqliteMessagingTables, sqliteMessagingRows } from './sqlite/messaging-tables-sql.js'
import { PgMessagingTables, pgMessagingRows } from './postgres/pg-messaging-tables.js'
import type { Store } from './store.js'
import { hasDirectoryUsers } from './sqlite/messaging-database.js'
import { SqliteMessagingStore } from './sqlite/messaging-store.js'
import { openSqliteStore, type OpenOptions } from './sqlite/sqlite-store.js'
import { isPostgresLocation } from './postgres/pool.js'
import { openPostgresStore } from './postgres/pg-store.js'
import { PgMessagingStore, pgHasDirectoryUsers } from './postgres/pg-messaging-store.js'

/**
 * The one place that chooses a storage engine, by database location: a `postgres://` (or `postgresql://`)
 * URL is a PostgreSQL server, anything else a SQLite file path (or `:memory:`). Callers never pick an
 * engine themselves, and nothing outside `src/store` imports an engine folder.
 */

/** Database used when neither `--db` nor `CABLEGRAM_DB` names one. */
export const DEFAULT_DB = 'cablegram.db'

/**
 * Opens the archive store at `location`. The PostgreSQL engine creates its schema on first use.
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

/**
 * Opens the messaging store at `location` (creating its tables when needed). Both engines keep the messaging
 * tables beside the archive's in one database, so release writes both in one transaction.
 *
 * @throws Error when the location cannot be opened or its schema cannot be brought up to date
 * @example
 *   const store = await openMessagingStore('cables.db')
 */
export async function openMessagingStore(location: string): Promise<MessagingStore> {
  if (isPostgresLocation(location)) return PgMessagingStore.open(location)
  return SqliteMessagingStore.open(location)
}

/**
 * Whether the database at `location` holds a messaging directory with users: then it is an operator's
 * database and every archive read goes through a user's access. Asking changes nothing in a plain archive.
 */
export async function locationHasDirectoryUsers(location: string): Promise<boolean> {
  if (isPostgresLocation(location)) return pgHasDirectoryUsers(location)
  return hasDirectoryUsers(location)
}

/**
 * Opens the messaging tables at `location` as engine-neutral rows, for a whole-database copy
 * (src/store/messaging-tables.ts); the schema is created or brought up to date first.
 *
 * @example
 *   const tables = await openMessagingTables('postgres://…/cablegram')
 */
export async function openMessagingTables(location: string): Promise<MessagingTables> {
  if (isPostgresLocation(location)) return PgMessagingTables.open(location)
  return SqliteMessagingTables.open(location)
}

/**
 * How many rows the messaging tables at `location` hold in all (0 when it has none, or no such tables).
 * Asking changes nothing: a plain archive gets no messaging tables from it.
 */
export async function locationMessagingRows(location: string): Promise<number> {
  if (isPostgresLocation(location)) return pgMessagingRows(location)
  return sqliteMessagingRows(location)
}
