import { existsSync } from 'node:fs'
import { userInfo } from 'node:os'
import { DatabaseConnectionError, type ConnectionTarget } from '../database-file-error.js'

/**
 * Reading a PostgreSQL `--db` URL before the driver sees it, so that every URL the driver could not parse, or
 * would quietly read otherwise than the user meant, is refused with one line naming it (docs/postgres.md,
 * "A URL Cablegram cannot use"):
 *
 *   postgres[ql]://[USER[:PASSWORD]@][HOST][:PORT]/DATABASE[?PARAM=VALUE&…]
 *
 * HOST is a name, an IPv4 address or a bracketed IPv6 address (`[::1]`). Without a HOST (`postgres:///db`)
 * the connection goes through the server's Unix socket, as psql's does: `$PGHOST` when set, else the first
 * of /var/run/postgresql and /tmp that holds the socket for the port. Without a USER the driver logs in as
 * `$PGUSER`, else the operating-system user (as psql). A DATABASE is required: the driver (like libpq)
 * would otherwise use the user's name, so `postgres://postgres@host/` silently opened the maintenance
 * database and migrated it. Query parameters (`options`, `sslmode`, `application_name`, …) pass through to
 * the `pg` driver unchanged.
 */

/** Where the driver should connect, and how to name it in messages. */
export interface PgLocation extends ConnectionTarget {
  /**
   * The connection string for `pg`: the URL as given (less any `#fragment`), with `host` and `user` parameters
   * added where the URL leaves them out, so the driver connects where psql would.
   */
  connectionString: string
}

/** Directories libpq builds look for the server socket in (Debian's, then upstream's default). */
const SOCKET_DIRS = ['/var/run/postgresql', '/tmp']

const SHAPE = 'postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE'

/**
 * Reads a `postgres://` or `postgresql://` location; `env` supplies `PGHOST`, `PGPORT`, `PGUSER` and `USER`
 * for what the URL leaves out.
 *
 * @throws DatabaseConnectionError naming the URL (password as `***`) and what is wrong: an unclosed IPv6
 *   bracket, a port that is not a number from 1 to 65535, a malformed percent escape in the user name,
 *   password or database name, no database name, or any other URL the WHATWG parser (the driver's) refuses
 * @example
 *   parsePgLocation('postgres://app@db:5433/cables')
 *   // → { user: 'app', database: 'cables', host: 'db', port: '5433', server: 'db:5433', connectionString: … }
 */
export function parsePgLocation(location: string, env: NodeJS.ProcessEnv = process.env): PgLocation {
  const fail = (reason: string) => new DatabaseConnectionError(location, reason)
  const m = /^(postgres(?:ql)?):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/is.exec(location)
  if (!m) throw fail(`not a PostgreSQL URL (${SHAPE})`)
  const [, scheme, authority, path, query = ''] = m
  // the last @ ends the user part, as in the WHATWG parser the driver uses
  const at = authority.lastIndexOf('@')
  const userinfo = at < 0 ? '' : authority.slice(0, at)
  const hostport = authority.slice(at + 1)
  const colon = userinfo.indexOf(':')
  const rawUser = colon < 0 ? userinfo : userinfo.slice(0, colon)
  const rawPassword = colon < 0 ? '' : userinfo.slice(colon + 1)

  let host: string
  let port: string
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']')
    if (close < 0) throw fail(`the host "${hostport}" has no closing "]" (an IPv6 address is written in brackets: [::1])`)
    host = hostport.slice(0, close + 1)
    const after = hostport.slice(close + 1)
    if (after !== '' && !after.startsWith(':')) throw fail(`unexpected "${after}" after the host ${host} (a port follows a colon: ${host}:5432)`)
    port = after.slice(1)
  } else {
    const c = hostport.indexOf(':')
    host = c < 0 ? hostport : hostport.slice(0, c)
    port = c < 0 ? '' : hostport.slice(c + 1)
    if (port.includes(':')) throw fail(`the host "${hostport}" has more than one colon (an IPv6 address is written in brackets: [::1]:5432)`)
  }
  if (port !== '' && !/^\d+$/.test(port)) throw fail(`the port "${port}" is not a number`)
  if (port !== '' && (Number(port) < 1 || Number(port) > 65535)) throw fail(`the port ${port} is out of range (1 to 65535)`)

  const urlUser = decoded(rawUser, 'the user name', true, fail)
  decoded(rawPassword, 'the password', false, fail)
  const database = decoded(path.replace(/^\//, ''), 'the database name', true, fail)
  if (database === '') {
    throw fail(`the URL names no database: add its name after the server (${SHAPE}); Cablegram does not fall back to the user's or the "postgres" database`)
  }
  for (const [name, value] of queryPairs(query)) decoded(value, `the value of ${decoded(name, 'a parameter name', true, fail)}`, !/password/i.test(name), fail)

  const params = new URLSearchParams(query)
  // parameters added for the driver, where it would otherwise read the URL otherwise than psql does
  const added: string[] = []
  // where the driver connects: a `host` parameter overrides the URL's host, as in libpq
  let server = params.get('host') || decoded(host.replace(/^\[(.*)\]$/, '$1'), 'the host', true, fail)
  const shownPort = params.get('port') || port
  const effectivePort = shownPort || env['PGPORT'] || '5432'
  if (server === '') {
    // no host: $PGHOST, else the local socket, as psql; the driver alone would use TCP to localhost instead
    server = env['PGHOST'] || SOCKET_DIRS.find((dir) => existsSync(`${dir}/.s.PGSQL.${effectivePort}`)) || SOCKET_DIRS[0]
    added.push(`host=${encodeURIComponent(server)}`)
  }
  let user = params.get('user') || urlUser
  if (user === '') {
    // no user: $PGUSER, else the operating-system user, as psql; the driver alone sends none where $USER is unset
    user = env['PGUSER'] || env['USER'] || osUser()
    if (user !== '') added.push(`user=${encodeURIComponent(user)}`)
  }
  const auth = userinfo === '' ? '' : `${userinfo}@`
  // the driver reads `host` from the query, which wins over the placeholder host that makes the URL parse
  const connectionString = `${scheme}://${auth}${host || 'localhost'}${port ? `:${port}` : ''}${path}${[query, ...added].filter((q) => q !== '').join('&').replace(/^\??/, '?').replace(/^\?$/, '')}`
  try {
    new URL(connectionString)
  } catch {
    throw fail(`not a valid URL: check the host "${host}" (${SHAPE})`)
  }
  const shown = server.startsWith('/') ? `the socket ${server}/.s.PGSQL.${effectivePort}` : `${server.includes(':') ? `[${server}]` : server}${shownPort ? `:${shownPort}` : ''}`
  return { connectionString, user, database, host: server, port: shownPort, server: shown }
}

/** The name=value pairs of a query string, still percent-encoded. */
function queryPairs(query: string): [string, string][] {
  return query
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=')
      return eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)]
    })
}

/**
 * `raw` percent-decoded. A `%` not followed by two hex digits is refused, as libpq refuses it: the driver
 * would read it literally and log in as a user the URL never meant. `show`: whether the value may be quoted.
 */
function decoded(raw: string, what: string, show: boolean, fail: (reason: string) => Error): string {
  const shown = show ? ` "${raw}"` : ''
  const bad = /%(?![0-9a-f]{2})/i.exec(raw)
  // a password is never quoted, not even the part around the bad escape
  const at = raw.slice(bad?.index ?? 0, (bad?.index ?? 0) + 3)
  if (bad) throw fail(`${what}${shown} has a malformed percent escape${show && at !== raw ? ` ("${at}")` : ''}: write a literal % as %25`)
  try {
    return decodeURIComponent(raw)
  } catch {
    // well-formed escapes that are not UTF-8 (%ff)
    throw fail(`${what}${shown} has percent escapes that are not UTF-8`)
  }
}

/** The operating-system user name, or '' where the system has none for this process. */
function osUser(): string {
  try {
    return userInfo().username
  } catch {
    return ''
  }
}
