import { openStore } from '../store/open-store.js'
// registers the filing rule the store re-files an archive filed by older rules with, before it serves anything
import './cable-record.js'
import type { Store } from '../store/store.js'

/**
 * Opens an archive to read, read-only: a location with no archive (a missing or empty SQLite file, a
 * PostgreSQL database without the archive's tables) is an error rather than a new empty database, so a
 * mistyped `--db` does not silently return nothing, and an archive on read-only media (or a file the user
 * may only read) is searchable. `write` opens it writable (migrations applied) for read commands that save
 * something; the archive must exist all the same. Throws `DatabaseFileError` naming the location
 * (`ArchiveMissingError` where there is no archive; see `openStore`).
 */
export function openArchiveForReading(location: string, options: { write?: boolean } = {}): Store {
  // a read command that also records something (a query snapshot) opens it for writing
  return openStore(location, { readonly: !options.write && location !== ':memory:', existing: true })
}

/** Flags every read command shares. */
export interface ReaderFlags {
  db?: string
  as?: string
  clearance?: string
  caveats?: string
}
