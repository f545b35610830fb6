import { existsSync, statSync } from 'node:fs'
import { DatabaseFileError } from '../store/database-file-error.js'
import { openStore } from '../store/open-store.js'
import type { Store } from '../store/store.js'

/** Raised when a read command points at a database that does not exist. */
export class ArchiveMissingError extends DatabaseFileError {
  constructor(location: string) {
    super(location, 'no archive here: import cables first')
    this.message = `no archive at ${location}: import cables first (cable import PATH --db ${location})`
  }
}

/**
 * Opens an archive to read, read-only: a missing or empty (0-byte) file is an error rather than a new
 * empty database, so a mistyped `--db` does not silently return nothing, and an archive on read-only
 * media (or a file the user may only read) is searchable. `write` opens it writable (migrations applied) for
 * read commands that save something. Throws `DatabaseFileError` naming the file.
 */
export function openArchiveForReading(location: string, options: { write?: boolean } = {}): Store {
  if (location !== ':memory:' && !/^[a-z]+:\/\//.test(location)) {
    if (!existsSync(location)) throw new ArchiveMissingError(location)
    const st = statSync(location)
    if (st.isDirectory()) throw new DatabaseFileError(location, 'a directory, not a database file')
    if (st.size === 0) throw new DatabaseFileError(location, 'the file is empty (0 bytes), not a Cablegram archive')
  }
  // a read command that also records something (a query snapshot) opens it for writing
  return openStore(location, { readonly: !options.write && location !== ':memory:' })
}

/** Flags every read command shares. */
export interface ReaderFlags {
  db?: string
  as?: string
  clearance?: string
  caveats?: string
}
