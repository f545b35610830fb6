import type Database from 'better-sqlite3'

/**
 * One schema step. `id` is unique across every module sharing the database (`archive-001`,
 * `messaging-001`); `up` runs inside a transaction and must never import application code, so an old
 * database upgrades the same way forever.
 */
export interface Migration {
  id: string
  up(db: Database.Database): void
}

export interface MigrationStatus {
  id: string
  status: 'applied' | 'already-applied'
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
)`

/**
 * Applies, in list order, every migration not yet recorded in `schema_migrations`, each in its own
 * transaction, and reports what it did. A failing migration rolls back alone and its error propagates;
 * the ones before it stay applied.
 *
 * @example
 *   runMigrations(db, [...ARCHIVE_MIGRATIONS, ...MESSAGING_MIGRATIONS])
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): MigrationStatus[] {
  db.exec(LEDGER)
  const seen = new Set<string>()
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`migration id "${m.id}" is listed twice`)
    seen.add(m.id)
  }
  const done = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id))
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)')
  return migrations.map((m) => {
    if (done.has(m.id)) return { id: m.id, status: 'already-applied' as const }
    db.transaction(() => {
      m.up(db)
      record.run(m.id, new Date().toISOString())
    }).immediate()
    return { id: m.id, status: 'applied' as const }
  })
}
