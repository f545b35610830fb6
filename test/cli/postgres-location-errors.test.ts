import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'

// A mistyped or unreachable PostgreSQL --db is the user's error: one line naming the location (password
// hidden) and what is wrong, exit 2, as a bad SQLite path; never "internal error" and a stack trace.
const repo = join(import.meta.dirname, '../..')
const cli = join(repo, 'bin/cable.js')
const built = existsSync(join(repo, 'dist/src/cli/main.js')) || existsSync(join(repo, 'dist/cli/main.js'))
const server = 'postgres://postgres@127.0.0.1:5432'

async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${server}/postgres`, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}
const up = await postgresUp()
if (!up) console.warn('postgres-location-errors: skipped, no PostgreSQL at 127.0.0.1:5432 (user postgres, trust)')
if (!built) console.warn('postgres-location-errors: skipped, run npm run build first (the test spawns bin/cable.js)')

function cable(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

function expectOneLine(err: string): void {
  expect(err).not.toMatch(/internal error|\n\s+at /)
  expect(err.trimEnd().split('\n')).toHaveLength(1)
}

describe.skipIf(!up || !built)('cable with a PostgreSQL --db it cannot use', () => {
  const missing = `${server}/errors14_no_such_db`

  it.each([['search', 'zebras'], ['gaps'], ['snapshot', 'save', 'zebras'], ['people'], ['user', 'list']])('should say the database %s names does not exist and how to create it', (...args) => {
    const r = cable(...args, '--db', missing)
    expect(r.code).toBe(2)
    expectOneLine(r.err)
    expect(r.err).toContain(missing)
    expect(r.err).toMatch(/no such database "errors14_no_such_db".*createdb .*errors14_no_such_db.*docs\/postgres\.md/)
  })

  it('should say the connection was refused where nothing listens', () => {
    const r = cable('search', 'zebras', '--db', 'postgres://postgres@127.0.0.1:1/x')
    expect(r.code).toBe(2)
    expectOneLine(r.err)
    expect(r.err).toMatch(/^cable: postgres:\/\/postgres@127\.0\.0\.1:1\/x: connection refused/)
  })

  it('should say authentication failed for an unknown user, hiding the password', () => {
    const r = cable('search', 'zebras', '--db', `postgres://errors14_nobody:s3cret@127.0.0.1:5432/postgres`)
    expect(r.code).toBe(2)
    expectOneLine(r.err)
    expect(r.err).toContain('postgres://errors14_nobody:***@127.0.0.1:5432/postgres')
    expect(r.err).toMatch(/authentication failed for user "errors14_nobody"/)
    expect(r.err).not.toContain('s3cret')
  })

  it('should refuse to serve a missing database at start-up with one line and exit 2', () => {
    for (const flags of [['--public'], []]) {
      const r = cable('serve', ...flags, '--port', '0', '--db', missing)
      expect(r.code).toBe(2)
      expectOneLine(r.err)
      expect(r.err).toMatch(/no such database "errors14_no_such_db"/)
    }
  })
})
