/**
 * A database location that cannot serve as a Cablegram database: missing, empty, not a SQLite file, damaged,
 * another program's database, or too old to read where it cannot be upgraded. `location` is the path or URL
 * as given; `reason` says what is wrong in words a user can act on. Interfaces report it as a usage error
 * (the CLI: exit 2), never as an internal one.
 *
 * @example
 *   throw new DatabaseFileError('/media/cd/cables.db', 'the file is empty (0 bytes), not a Cablegram database')
 */
export class DatabaseFileError extends Error {
  constructor(
    readonly location: string,
    readonly reason: string,
  ) {
    super(`${location}: ${reason}`)
    this.name = 'DatabaseFileError'
  }
}

/** SQLite result codes that mean the file itself is unusable, with what to tell the user. */
const FILE_CODES: Record<string, string> = {
  SQLITE_NOTADB: 'not a database file (is this the right path?)',
  SQLITE_CORRUPT: 'the database file is damaged (SQLite: database disk image is malformed)',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_READONLY: 'the database is read-only here and this command writes',
  SQLITE_IOERR: 'the database file cannot be read (I/O error)',
  SQLITE_FULL: 'the disk is full',
}

/**
 * The user-facing reason for an engine error that is about the database file rather than the program,
 * or null for any other error. Matches extended codes too (`SQLITE_IOERR_READ`, `SQLITE_CORRUPT_VTAB`).
 */
export function fileErrorReason(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return null
  for (const [base, reason] of Object.entries(FILE_CODES)) if (code === base || code.startsWith(base + '_')) return reason
  return null
}

/**
 * A database server that cannot be reached or will not let Cablegram in: no such database, nothing listening,
 * an unknown host, a refused login. `location` is the URL with any password replaced by `***`. A kind of
 * `DatabaseFileError`, so every interface reports it as a usage error (the CLI: exit 2) naming the location.
 *
 * @example
 *   throw new DatabaseConnectionError('postgres://app:***@db/cables', 'no such database "cables"')
 */
export class DatabaseConnectionError extends DatabaseFileError {
  constructor(location: string, reason: string) {
    super(hidePassword(location), reason)
    this.name = 'DatabaseConnectionError'
  }
}

/**
 * Raised when a read command points at a location that holds no archive: a SQLite file that does not exist,
 * or a PostgreSQL database without the archive's tables. Read commands refuse rather than create an empty
 * archive, so a mistyped `--db` does not silently answer "nothing found". `location` is shown with any
 * password as `***`.
 */
export class ArchiveMissingError extends DatabaseFileError {
  constructor(location: string) {
    const shown = hidePassword(location)
    super(shown, 'no archive here: import cables first')
    this.message = `no archive at ${shown}: import cables first (cable import PATH --db ${shown})`
  }
}

/**
 * `location` with the password of a `scheme://user:password@host` URL, and any `password=` query parameter,
 * replaced by `***`. The user part ends at the last `@` before the path, as URL parsers read it, so a
 * password holding `@` or `:` is hidden whole.
 */
export function hidePassword(location: string): string {
  return location
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):[^/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***')
}

/**
 * Where a connection goes, as the engine read it from the location: the effective user and database, the
 * host (a name, an address, or a socket directory) and port as written (may be ''), and `server`, how
 * messages name it (`db.example.org:5432`, `the socket /var/run/postgresql/.s.PGSQL.5432`).
 */
export interface ConnectionTarget {
  user: string
  database: string
  host: string
  port: string
  server: string
}

/**
 * The error to report for a failed connection to the database server at `location`, or null when `error` is
 * not one a user can fix by correcting the location (or by creating the database). Reads the driver's error
 * codes (PostgreSQL SQLSTATE, Node socket codes), so it needs no engine import. `target` is the location as
 * the engine read it (`src/store/postgres/pg-location.ts`); nothing here parses the URL again, so a URL the
 * engine accepted cannot make the error path itself fail.
 */
export function connectionErrorFor(error: unknown, location: string, target: ConnectionTarget): DatabaseConnectionError | null {
  if (error instanceof DatabaseConnectionError) return error
  if (error === null || typeof error !== 'object') return null
  const e = error as { code?: unknown; message?: unknown; hostname?: unknown; severity?: unknown; syscall?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  const message = typeof e.message === 'string' ? e.message : ''
  const { user, database, server, host, port } = target
  const reason = ((): string | null => {
    switch (code) {
      case '3D000': {
        const flags = `${user ? ` -U ${user}` : ''}${host ? ` -h ${host}` : ''}${port ? ` -p ${port}` : ''}`
        return `no such database "${database}" on ${server}: create it first (createdb${flags} ${database}; see docs/postgres.md)`
      }
      case '28P01':
        return `authentication failed${user ? ` for user "${user}"` : ''} on ${server}: check the user and password in the URL`
      case '28000':
        // the server says why: no such role, or no pg_hba.conf line for this user, database and host
        return `authentication failed${user ? ` for user "${user}"` : ''} on ${server}${message ? ` (${message})` : ''}: check the user and password in the URL`
      case '55000':
        // template0, or a database an administrator closed with ALLOW_CONNECTIONS false
        return `the database "${database}" on ${server} does not accept connections: name another database`
      case '53300':
        return `${server} has no free connection slots (${message}): try again later, or lower CABLEGRAM_PG_POOL`
      case '57P03':
        return `the database server at ${server} is not accepting connections now (${message})`
      case 'ECONNREFUSED':
        return `connection refused: no database server is listening at ${server}`
      case 'ENOENT':
        return `no database server socket at ${server.replace(/^the socket /, '')} (a URL without a host connects through the local socket, as psql does): start the server, or name its host in the URL`
      case 'EACCES':
        return `permission denied on ${server}`
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `unknown host "${typeof e.hostname === 'string' ? e.hostname : host}": check the host name in the URL`
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `the database server at ${server} cannot be reached (${code})`
    }
    // any other refusal the server sends while connecting (a bad `options` setting, no SSL) is about the URL too
    if (typeof e.severity === 'string' && message) return `the server at ${server} refused the connection: ${message}`
    if (typeof e.syscall === 'string' && message) return `cannot connect to ${server}: ${message}`
    if (/timeout|terminated|SSL/i.test(message)) return `cannot connect to ${server}: ${message}`
    return null
  })()
  return reason === null ? null : new DatabaseConnectionError(location, reason)
}
