import type pg from 'pg'
import { ArchiveMissingError, DatabaseConnectionError } from '../database-file-error.js'
import { inTransaction } from './pool.js'

/**
 * One PostgreSQL schema step. `id` is unique across every module sharing the database (`archive-001`,
 * `messaging-001`); `sql` runs inside a transaction. Released steps are never edited: add a new one.
 */
export interface PgMigration {
  id: string
  sql: string
}

export interface PgMigrationStatus {
  id: string
  status: 'applied' | 'already-applied'
}

// any constant: every process migrating this database takes the same lock, so two starting at once queue
const MIGRATION_LOCK = 0x63626d67 // "cbmg"

/**
 * Applies, in list order, every migration not yet in `schema_migrations`, each in its own transaction,
 * under an advisory lock so concurrent processes never apply a step twice. A failing step rolls back alone
 * and its error propagates; the steps before it stay applied.
 */
export async function runPgMigrations(pool: pg.Pool, migrations: readonly PgMigration[]): Promise<PgMigrationStatus[]> {
  const seen = new Set<string>()
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`migration id "${m.id}" is listed twice`)
    seen.add(m.id)
  }
  const out: PgMigrationStatus[] = []
  for (const m of migrations) {
    const status = await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
      const done = await client.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id])
      if (done.rowCount) return 'already-applied' as const
      await client.query(m.sql)
      await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id])
      return 'applied' as const
    })
    out.push({ id: m.id, status })
  }
  return out
}

/**
 * Opens the schema of the database at `location` for Cablegram: checks there is a schema to hold the tables
 * (a `search_path` in the URL's `options` may name none that exists), then applies `migrations` with
 * `runPgMigrations`. With `existing` (what read commands open with, src/store/open-store.ts) a database
 * without the archive's tables is refused instead of given them, as a missing SQLite file is; an archive
 * written by an older version is still brought up to date, as the SQLite engine does.
 *
 * @throws DatabaseConnectionError when the search_path names no schema, or (`existing`) the tables in the
 *   schema are not a Cablegram archive; ArchiveMissingError (`existing`) when the schema holds no tables
 */
export async function openPgSchema(pool: pg.Pool, location: string, migrations: readonly PgMigration[], options: { existing?: boolean } = {}): Promise<void> {
  const { rows } = await pool.query<{ schema: string | null; path: string; database: string; archive: boolean; tables: boolean }>(
    `SELECT current_schema() AS schema, current_setting('search_path') AS path, current_database() AS database,
       to_regclass('cables') IS NOT NULL AND to_regclass('schema_migrations') IS NOT NULL AS archive,
       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')) AS tables`,
  )
  const s = rows[0]
  if (s.schema === null) {
    throw new DatabaseConnectionError(location, `search_path "${s.path}" names no schema that exists in database "${s.database}", so there is nowhere to ${options.existing ? 'read' : 'create'} the archive: create the schema, or take search_path out of the URL`)
  }
  if (options.existing && !s.archive) {
    if (!s.tables) throw new ArchiveMissingError(location)
    throw new DatabaseConnectionError(location, `a PostgreSQL database, but not a Cablegram archive (no cables table in schema "${s.schema}")`)
  }
  await runPgMigrations(pool, migrations)
}
