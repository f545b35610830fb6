import type pg from 'pg'
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
