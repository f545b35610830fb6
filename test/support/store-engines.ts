import { afterAll } from 'vitest'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { freshDatabase, usePostgres, type TestDatabase } from './postgres.js'

/** One engine a contract-style suite runs on: `open` gives a new empty archive store, closed after the suite. */
export interface StoreEngine {
  name: 'sqlite' | 'postgres'
  /** True when PostgreSQL is not reachable outside CI (`usePostgres` says why; in CI it fails instead). */
  skip: boolean
  open(): Promise<Store>
}

/**
 * The two archive engines for `describe.each`: SQLite in memory and PostgreSQL on a fresh database per `open`
 * (named after `label`). Registers the `afterAll` that closes every store opened and drops every database made.
 */
export async function storeEngines(label: string): Promise<StoreEngine[]> {
  // CABLEGRAM_TEST_ENGINES=sqlite (the access mutation set, vitest.mutate-fast.config.ts): the PostgreSQL half is
  // skipped without a word, even under CI=true; a mutant of the rendering runs the same code through either engine,
  // and a fresh database per suite costs seconds per mutant
  const sqliteOnly = process.env.CABLEGRAM_TEST_ENGINES === 'sqlite'
  const pg = sqliteOnly ? { available: false } : await usePostgres(label)
  const stores: Store[] = []
  const databases: TestDatabase[] = []
  afterAll(async () => {
    for (const s of stores) await s.close()
    for (const d of databases) await d.drop()
  })
  const track = (s: Store) => (stores.push(s), s)
  return [
    { name: 'sqlite', skip: false, open: async () => track(openStore(':memory:')) },
    {
      name: 'postgres',
      skip: !pg.available,
      open: async () => {
        const db = await freshDatabase(label.replace(/-/g, ' '))
        databases.push(db)
        return track(await openStore(db.url))
      },
    },
  ]
}
