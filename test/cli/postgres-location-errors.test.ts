import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDatabase, type TestDatabase } from '../support/postgres.js'

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
  return cableWith({}, ...args)
}

/** Runs the CLI with `env` added to (or, where a value is undefined, taken from) this process's environment. */
function cableWith(env: Record<string, string | undefined>, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, cwd: repo, env: { ...process.env, ...env } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** The tables (and views) of database `name` in any schema but the system's: what a command created there. */
async function tablesIn(name: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: `${server}/${name}` })
  await client.connect()
  try {
    const { rows } = await client.query<{ t: string }>(
      "SELECT n.nspname || '.' || c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1",
    )
    return rows.map((r) => r.t)
  } finally {
    await client.end()
  }
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

describe.skipIf(!up || !built)('cable with a PostgreSQL --db URL it cannot read', () => {
  // each URL is the user's mistake: one line naming it (password hidden) and what is wrong, exit 2
  it.each([
    ['an unclosed IPv6 bracket', 'postgres://postgres@[::1', /^cable: postgres:\/\/postgres@\[::1: the host "\[::1" has no closing "\]"/],
    ['an unbracketed IPv6 address', 'postgres://postgres@::1/x', /the host "::1" has more than one colon \(an IPv6 address is written in brackets/],
    ['a port that is not a number', `postgres://postgres@127.0.0.1:abc/x`, /^cable: postgres:\/\/postgres@127\.0\.0\.1:abc\/x: the port "abc" is not a number$/m],
    ['a port out of range', `postgres://postgres@127.0.0.1:70000/x`, /the port 70000 is out of range \(1 to 65535\)/],
    ['a host with a space', 'postgres://postgres@ho st/x', /not a valid URL: check the host "ho st"/],
    ['a malformed escape in the user name', 'postgres://%zz@127.0.0.1/x', /^cable: postgres:\/\/%zz@127\.0\.0\.1\/x: the user name "%zz" has a malformed percent escape: write a literal % as %25$/m],
    ['a malformed escape in the database name', 'postgres://postgres@127.0.0.1/a%4', /the database name "a%4" has a malformed percent escape \("%4"\)/],
    ['a database that accepts no connections', `${server}/template0`, /^cable: postgres:\/\/postgres@127\.0\.0\.1:5432\/template0: the database "template0" on 127\.0\.0\.1:5432 does not accept connections: name another database$/m],
    ['a setting the server does not know', `${server}/postgres?options=-c%20errors14_nope%3D1`, /the server at 127\.0\.0\.1:5432 refused the connection: unrecognized configuration parameter "errors14_nope"/],
  ])('should refuse %s with one line and exit 2', (_what, url, message) => {
    const r = cable('gaps', '--db', url)
    expect(r.code).toBe(2)
    expectOneLine(r.err)
    expect(r.err).toMatch(message)
  })

  it('should hide a password that has a malformed escape, or holds "@" and ":", or is a query parameter', () => {
    const bad = cable('gaps', '--db', 'postgres://errors14_u:se%zzcret@127.0.0.1:5432/x')
    expect(bad.code).toBe(2)
    expectOneLine(bad.err)
    expect(bad.err).toMatch(/^cable: postgres:\/\/errors14_u:\*\*\*@127\.0\.0\.1:5432\/x: the password has a malformed percent escape/)
    expect(bad.err).not.toMatch(/se%zz|cret/)
    const odd = cable('search', 'zebras', '--db', 'postgres://errors14_nobody:s3@c:r3t@127.0.0.1:5432/postgres')
    expect(odd.code).toBe(2)
    expectOneLine(odd.err)
    expect(odd.err).toContain('postgres://errors14_nobody:***@127.0.0.1:5432/postgres: authentication failed for user "errors14_nobody"')
    expect(odd.err).not.toMatch(/s3|r3t/)
    const param = cable('gaps', '--db', `${server}/errors14_no_such_db?password=s3cret`)
    expect(param.code).toBe(2)
    expect(param.err).toContain(`${server}/errors14_no_such_db?password=***: no such database`)
    expect(param.err).not.toContain('s3cret')
  })

  it('should refuse a URL without a database name rather than use the "postgres" database, creating nothing there', async () => {
    const before = await tablesIn('postgres')
    for (const url of [`${server}/`, server]) {
      for (const args of [['gaps'], ['import', 'test/fixtures/wire-confidential.txt']]) {
        const r = cable(...args, '--db', url)
        expect(r.code).toBe(2)
        expectOneLine(r.err)
        expect(r.err).toMatch(/: the URL names no database: add its name after the server \(postgres:\/\/USER\[:PASSWORD\]@HOST\[:PORT\]\/DATABASE\)/)
        expect(r.err).toContain(`cable: ${url}: `)
      }
    }
    expect(await tablesIn('postgres')).toEqual(before)
  })

  it('should reach the server through its socket when the URL names no host, as psql does, and say so when there is none', () => {
    // no server listens on port 1: the socket named is the one psql would look for
    const r = cableWith({ PGHOST: undefined }, 'gaps', '--db', 'postgres:///errors14_x?port=1')
    expect(r.code).toBe(2)
    expectOneLine(r.err)
    expect(r.err).toMatch(/^cable: postgres:\/\/\/errors14_x\?port=1: no database server socket at (\/var\/run\/postgresql|\/tmp)\/\.s\.PGSQL\.1 \(a URL without a host connects through the local socket, as psql does\)/)
    // $PGHOST and $PGUSER fill in what the URL leaves out, as for psql
    const env = cableWith({ PGHOST: '127.0.0.1', PGUSER: 'postgres' }, 'gaps', '--db', 'postgres:///errors14_no_such_db')
    expect(env.code).toBe(2)
    expectOneLine(env.err)
    expect(env.err).toMatch(/^cable: postgres:\/\/\/errors14_no_such_db: no such database "errors14_no_such_db" on 127\.0\.0\.1: create it first \(createdb -U postgres -h 127\.0\.0\.1 errors14_no_such_db;/)
  })

  const socket = ['/var/run/postgresql', '/tmp'].find((dir) => existsSync(`${dir}/.s.PGSQL.5432`))
  it.skipIf(!socket)('should name the socket and the user it logged in as when the server refuses a host-less URL', () => {
    const r = cableWith({ PGHOST: undefined, PGUSER: 'errors14_nobody' }, 'gaps', '--db', 'postgres:///postgres')
    expect(r.code).toBe(2)
    expectOneLine(r.err)
    expect(r.err).toContain(`cable: postgres:///postgres: authentication failed for user "errors14_nobody" on the socket ${socket}/.s.PGSQL.5432`)
  })
})

describe.skipIf(!up || !built)('cable on a PostgreSQL database without an archive', () => {
  let empty: TestDatabase
  let url: string
  beforeAll(async () => {
    empty = await freshDatabase('errors14_empty')
    url = `${server}/${empty.name}`
  })
  afterAll(async () => {
    await empty?.drop()
  })

  // read commands refuse as on a missing SQLite file; none may create the archive's tables
  it.each([['search', '*'], ['gaps'], ['people'], ['show', 'STATE 12345'], ['stats'], ['refs', 'STATE 12345'], ['snapshot', 'save', 'zebras'], ['serve', '--public', '--port', '0']])(
    'should refuse %s with "no archive … import cables first" and create no table',
    async (...args) => {
      const r = cable(...args, '--db', url)
      expect(r.code).toBe(2)
      expectOneLine(r.err)
      expect(r.err).toBe(`cable: no archive at ${url}: import cables first (cable import PATH --db ${url})\n`)
      expect(await tablesIn(empty.name)).toEqual([])
    },
  )

  it('should refuse to copy from it, leaving no new target behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errors14-copy-'))
    try {
      const target = join(dir, 'copy.db')
      const r = cable('copy', '--from', url, '--to', target)
      expect(r.code).toBe(2)
      expectOneLine(r.err)
      expect(r.err).toBe(`cable: no archive at ${url}: import cables first (cable import PATH --db ${url})\n`)
      expect(existsSync(target)).toBe(false)
      expect(await tablesIn(empty.name)).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('should refuse a search_path naming no schema, for a read and for an import, creating nothing', async () => {
    const bad = `${url}?options=-c%20search_path%3Derrors14_none`
    for (const [args, verb] of [[['gaps'], 'read'], [['import', 'test/fixtures/wire-confidential.txt'], 'create']] as const) {
      const r = cable(...args, '--db', bad)
      expect(r.code).toBe(2)
      expectOneLine(r.err)
      expect(r.err).toBe(`cable: ${bad}: search_path "errors14_none" names no schema that exists in database "${empty.name}", so there is nowhere to ${verb} the archive: create the schema, or take search_path out of the URL\n`)
    }
    expect(await tablesIn(empty.name)).toEqual([])
  })

  it('should refuse a database whose tables are not an archive, and let import create the archive in an empty one', async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('CREATE TABLE errors14_other (x int)')
    await client.end()
    const other = cable('gaps', '--db', url)
    expect(other.code).toBe(2)
    expectOneLine(other.err)
    expect(other.err).toBe(`cable: ${url}: a PostgreSQL database, but not a Cablegram archive (no cables table in schema "public")\n`)
    expect(await tablesIn(empty.name)).toEqual(['public.errors14_other'])

    const drop = new pg.Client({ connectionString: url })
    await drop.connect()
    await drop.query('DROP TABLE errors14_other')
    await drop.end()
    const imported = cable('import', 'test/fixtures/wire-confidential.txt', '--db', url)
    expect(imported.err).toBe('')
    expect(imported.code).toBe(0)
    expect(await tablesIn(empty.name)).toContain('public.cables')
    const read = cable('search', '*', '--db', url)
    expect(read.code).toBe(0)
    expect(read.out).toMatch(/BERN/)
  })
})
