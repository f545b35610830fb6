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

/** `location` with the password of a `scheme://user:password@host` URL replaced by `***`. */
export function hidePassword(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@')
}

/**
 * The error to report for a failed connection to the database server at `location`, or null when `error` is
 * not one a user can fix by correcting the location (or by creating the database). Reads the driver's error
 * codes (PostgreSQL SQLSTATE, Node socket codes), so it needs no engine import.
 */
export function connectionErrorFor(error: unknown, location: string): DatabaseConnectionError | null {
  if (error instanceof DatabaseConnectionError) return error
  const e = error as { code?: unknown; message?: unknown; hostname?: unknown } | null
  const code = typeof e?.code === 'string' ? e.code : ''
  let url: URL | null = null
  try {
    url = new URL(location)
  } catch {
    url = null
  }
  const database = url ? decodeURIComponent(url.pathname.replace(/^\//, '')) : ''
  const user = url ? decodeURIComponent(url.username) : ''
  const server = url ? url.host : location
  const reason = ((): string | null => {
    switch (code) {
      case '3D000':
        return `no such database${database ? ` "${database}"` : ''} on ${server}: create it first (createdb${user ? ` -U ${user}` : ''}${url?.hostname ? ` -h ${url.hostname}` : ''}${url?.port ? ` -p ${url.port}` : ''} ${database || 'NAME'}; see docs/postgres.md)`
      case '28P01':
      case '28000':
        return `authentication failed${user ? ` for user "${user}"` : ''} on ${server}: check the user and password in the URL`
      case 'ECONNREFUSED':
        return `connection refused: no database server is listening at ${server}`
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `unknown host "${typeof e?.hostname === 'string' ? e.hostname : (url?.hostname ?? server)}": check the host name in the URL`
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `the database server at ${server} cannot be reached (${code})`
      default:
        return null
    }
  })()
  return reason === null ? null : new DatabaseConnectionError(location, reason)
}
