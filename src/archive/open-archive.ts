import { existsSync } from 'node:fs'
import { openStore } from '../store/open-store.js'
import type { Store } from '../store/store.js'

/** Raised when a read command points at a database that does not exist. */
export class ArchiveMissingError extends Error {
  constructor(readonly location: string) {
    super(`no archive at ${location}: import cables first (cable import PATH --db ${location})`)
  }
}

/**
 * Opens an archive to read: a missing file is an error rather than a new empty database, so a mistyped
 * `--db` does not silently return nothing.
 */
export function openArchiveForReading(location: string): Store {
  if (location !== ':memory:' && !/^[a-z]+:\/\//.test(location) && !existsSync(location)) throw new ArchiveMissingError(location)
  return openStore(location)
}

/** Flags every read command shares. */
export interface ReaderFlags {
  db?: string
  as?: string
  clearance?: string
  caveats?: string
}
