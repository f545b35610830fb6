import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { freshDatabase, testServerUrl, unreachableMessage, usePostgres, withDatabase } from './postgres.js'

const server = await usePostgres('harness')

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testServerUrl() })
  await client.connect()
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    return rows.length === 1
  } finally {
    await client.end()
  }
}

describe('the PostgreSQL test harness', () => {
  it('should fail in CI and skip with the reason elsewhere when the server is unreachable', () => {
    expect(() => unreachableMessage('x', 'connect ECONNREFUSED', { CI: 'true' })).toThrow(/CI=true.*fail instead of skipping/)
    expect(unreachableMessage('x', 'connect ECONNREFUSED', {})).toMatch(/^\[skip\] PostgreSQL tests in "x" skipped: connect ECONNREFUSED/)
  })

  it('should swap only the database name of a URL', () => {
    expect(withDatabase('postgres://u:p@h:5433/postgres?sslmode=disable', 'db1')).toBe('postgres://u:p@h:5433/db1?sslmode=disable')
  })

  describe.skipIf(!server.available)('on a reachable server', () => {
    it('should give the file an empty database of its own', async () => {
      const client = new pg.Client({ connectionString: server.url() })
      await client.connect()
      try {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)
        expect(rows[0].n).toBe(0)
        const name = (await client.query('SELECT current_database() AS d')).rows[0].d as string
        expect(name).toMatch(/^cgtest_harness_/)
      } finally {
        await client.end()
      }
    })

    it('should drop a fresh database even while a connection to it is open', async () => {
      const db = await freshDatabase('harness drop')
      expect(await databaseExists(db.name)).toBe(true)
      const open = new pg.Client({ connectionString: db.url })
      open.on('error', () => {})
      await open.connect()
      await db.drop()
      expect(await databaseExists(db.name)).toBe(false)
      await open.end().catch(() => {})
    })
  })
})
