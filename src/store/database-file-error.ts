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
