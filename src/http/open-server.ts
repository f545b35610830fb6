import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { openArchiveForReading } from '../archive/open-archive.js'
import { databaseHasDirectory } from '../messaging/archive-reader.js'
import { packageRoot } from '../messaging/default-directory.js'
import { ServiceError } from '../messaging/service-error.js'
import { openStore } from '../store/open-store.js'
import { PUBLIC_READS, type ServerDeps } from './server-deps.js'

/** Where `npm run build` puts the web app (web/ → dist/web), served at `/` when present. */
export const WEB_DIST_DIR = join(packageRoot(), 'dist', 'web')

/** Largest request body by default: a cable is a few kilobytes, a long one a few hundred. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

export interface ServerSetup {
  location: string
  public: boolean
  staticDir?: string | null
  bodyLimit?: number
  log: (line: string) => void
}

/**
 * Opens what `cable serve` serves: the archive at `location` and, unless public, the messaging service and
 * logins over the same database. `--public` is refused on a database with a directory (an operator's
 * database is never served to anonymous readers); a server with logins is refused on one without users
 * (nobody could log in).
 *
 * @example
 *   const { deps, close } = await openServer({ location: 'cablegate.db', public: true, log: console.log })
 */
export async function openServer(setup: ServerSetup): Promise<{ deps: ServerDeps; close: () => Promise<void> }> {
  const hasDirectory = await databaseHasDirectory(setup.location)
  if (setup.public && hasDirectory) {
    throw new ServiceError('FORBIDDEN', `${setup.location} holds a messaging directory: an operator's database is never served publicly; serve it without --public`)
  }
  if (!setup.public && !hasDirectory) {
    throw new ServiceError('INVALID', `${setup.location} has no directory users to log in as: add users (cable user add, cable user passwd) or serve a released archive with --public`)
  }
  if (!setup.public) throw new ServiceError('INVALID', 'logins are not available yet: serve a released archive with --public')
  const archive = openArchiveForReading(setup.location)
  const staticDir = setup.staticDir === undefined ? (existsSync(WEB_DIST_DIR) ? WEB_DIST_DIR : null) : setup.staticDir
  const deps: ServerDeps = {
    archive,
    openReadStore: () => (setup.location === ':memory:' ? archive : openStore(setup.location, { readonly: true })),
    reads: PUBLIC_READS,
    auth: null,
    public: setup.public,
    staticDir,
    bodyLimit: setup.bodyLimit ?? DEFAULT_BODY_LIMIT,
    log: setup.log,
  }
  return { deps, close: () => archive.close() }
}
