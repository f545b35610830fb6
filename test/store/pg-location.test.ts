import { describe, expect, it } from 'vitest'
import { connectionErrorFor, hidePassword } from '../../src/store/database-file-error.js'
import { parsePgLocation } from '../../src/store/postgres/pg-location.js'

// How the PostgreSQL engine reads a --db URL before the driver sees it (docs/postgres.md, "A URL Cablegram
// cannot use"); the CLI tests in test/cli/postgres-location-errors.test.ts run the same cases end to end.
describe('parsePgLocation', () => {
  it('should pass a complete URL through and name its server, user and database', () => {
    const t = parsePgLocation('postgresql://app:pw@db.example.org:5433/cables?sslmode=disable#x', {})
    expect(t).toEqual({ connectionString: 'postgresql://app:pw@db.example.org:5433/cables?sslmode=disable', user: 'app', database: 'cables', host: 'db.example.org', port: '5433', server: 'db.example.org:5433' })
  })

  it('should connect a host-less URL through $PGHOST or the socket, as the user $PGUSER, $USER names', () => {
    const t = parsePgLocation('postgres:///cables?options=-c%20statement_timeout%3D0', { PGHOST: '/run/pg', PGUSER: 'dora', USER: 'root' })
    expect(t.connectionString).toBe('postgres://localhost/cables?options=-c%20statement_timeout%3D0&host=%2Frun%2Fpg&user=dora')
    expect(t.server).toBe('the socket /run/pg/.s.PGSQL.5432')
    expect(t.user).toBe('dora')
    const tcp = parsePgLocation('postgres://@:5440/cables', { PGHOST: 'db', USER: 'eve' })
    expect(tcp.connectionString).toBe('postgres://localhost:5440/cables?host=db&user=eve')
    expect(tcp.server).toBe('db:5440')
  })

  it('should read a `host` parameter as the server, and an IPv6 address in brackets', () => {
    expect(parsePgLocation('postgres://a@/cables?host=/tmp&port=6000', {}).server).toBe('the socket /tmp/.s.PGSQL.6000')
    expect(parsePgLocation('postgres://a@[::1]:5432/cables', {}).server).toBe('[::1]:5432')
  })

  it.each([
    ['postgres://a@[::1/x', 'the host "[::1" has no closing "]"'],
    ['postgres://a@[::1]x/db', 'unexpected "x" after the host [::1]'],
    ['postgres://a@h:5432x/db', 'the port "5432x" is not a number'],
    ['postgres://a@h:0/db', 'the port 0 is out of range (1 to 65535)'],
    ['postgres://a@h/', 'the URL names no database'],
    ['postgres://a@h', 'the URL names no database'],
    ['postgres://a%2@h/db', 'the user name "a%2" has a malformed percent escape ("%2")'],
    ['postgres://a@h/db?application_name=%g1', 'the value of application_name "%g1" has a malformed percent escape'],
    ['postgres://a@h/%ff', 'the database name "%ff" has percent escapes that are not UTF-8'],
  ])('should refuse %s naming what is wrong', (url, reason) => {
    expect(() => parsePgLocation(url, {})).toThrow(reason)
  })

  it('should never quote a password, even the part around a bad escape', () => {
    for (const url of ['postgres://a:top%zsecret@h/db', 'postgres://a@h/db?password=top%zsecret']) {
      let message = ''
      try {
        parsePgLocation(url, {})
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/has a malformed percent escape: write a literal % as %25/)
      expect(message).not.toMatch(/top|secret|%z/)
    }
  })
})

describe('hidePassword', () => {
  it.each([
    ['postgres://u:pw@h/db', 'postgres://u:***@h/db'],
    ['postgres://u:p@s:s@h/db', 'postgres://u:***@h/db'],
    ['postgres://u@h/db?sslmode=disable&password=pw', 'postgres://u@h/db?sslmode=disable&password=***'],
    ['postgres://u@h/db', 'postgres://u@h/db'],
    ['/srv/cables:2024@home.db', '/srv/cables:2024@home.db'],
  ])('should show %s as %s', (location, shown) => {
    expect(hidePassword(location)).toBe(shown)
  })
})

describe('connectionErrorFor', () => {
  const target = { user: 'u', database: 'db', host: 'h', port: '', server: 'h' }
  it('should name a server refusal it has no words of its own for, and leave errors that are not about connecting', () => {
    expect(connectionErrorFor({ code: '42704', severity: 'FATAL', message: 'unrecognized configuration parameter "x"' }, 'postgres://u@h/db', target)?.message).toBe('postgres://u@h/db: the server at h refused the connection: unrecognized configuration parameter "x"')
    expect(connectionErrorFor(new TypeError('x is not a function'), 'postgres://u@h/db', target)).toBeNull()
    expect(connectionErrorFor(null, 'postgres://u@h/db', target)).toBeNull()
  })
})
