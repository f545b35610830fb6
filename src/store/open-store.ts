import { existsSync, statSync } from 'node:fs'
import { ArchiveMissingError, DatabaseFileError } from './database-file-error.js'
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

export interface StoreOpenOptions extends OpenOptions {
  /**
   * The archive must exist already (read commands): a SQLite path that names no file, a directory or an
   * empty file, or a PostgreSQL database without the archive's tables, is refused with a `DatabaseFileError`
   * (`ArchiveMissingError` where there is nothing at all) instead of becoming a new empty archive. Without
   * it (import, a copy's target) both engines create the archive.
   */
  existing?: boolean
}

/**
 * Opens the archive store at `location`. Both engines create the archive's schema on first use unless
 * `options.existing`; `options.readonly` opens a SQLite file read-only (the PostgreSQL engine reads through
 * the role the URL names).
 *
 * @throws DatabaseFileError (a `DatabaseConnectionError` for a URL) naming the location when it cannot be
 *   used; the PostgreSQL engine reports a server it cannot reach, or an archive that is not there, from the
 *   store's first call instead
 * @example
 *   const store = openStore(resolveDbLocation(flags.db, env, cwd), { readonly: true, existing: true })
 */
export function openStore(location: string, options: StoreOpenOptions = {}): Store {
  if (isPostgresLocation(location)) {
    if (options.migrations?.length) throw new Error('SQLite migrations cannot run on PostgreSQL; open the PostgreSQL engine of that module instead')
    return openPostgresStore(location, { existing: options.existing })
  }
  if (options.existing && location !== ':memory:' && !/^[a-z]+:\/\//.test(location)) {
    if (!existsSync(location)) throw new ArchiveMissingError(location)
    const st = statSync(location)
    if (st.isDirectory()) throw new DatabaseFileError(location, 'a directory, not a database file')
    if (st.size === 0) throw new DatabaseFileError(location, 'the file is empty (0 bytes), not a Cablegram archive')
  }
  return openSqliteStore(location, { migrations: options.migrations, readonly: options.readonly })
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
