import { existsSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { openArchiveForReading } from '../archive/open-archive.js'
import { archiveReadLog } from '../messaging/archive-reads.js'
import { databaseHasDirectory } from '../messaging/archive-reader.js'
import { packageRoot } from '../messaging/default-directory.js'
import { runWorker } from '../messaging/delivery-worker.js'
import { DEFAULT_LOGIN_POLICY, type LoginPolicy } from '../messaging/logins.js'
import { openMessaging } from '../messaging/messaging-service.js'
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../messaging/read-guard.js'
import { ServiceError } from '../messaging/service-error.js'
import { openStore } from '../store/open-store.js'
import { directoryAuthenticator, directoryReads } from './directory-auth.js'
import { InboxSignal } from './routes/messaging-deps.js'
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
  /** The server is reached over HTTPS (a TLS proxy in front): session cookies get `Secure`. */
  secureCookies?: boolean
  loginPolicy?: LoginPolicy
  readLimits?: ReadLimits
  /** Run the delivery worker in this process (default true; a cluster runs it in every worker, leases keep them apart). */
  deliver?: boolean
  /** The clock of the messaging service (tests move it by hand). */
  now?: () => Date
  log: (line: string) => void
}

export interface OpenedServer {
  deps: ServerDeps
  /** Ends event streams and the delivery worker: call first when shutting down. */
  stopStreams: () => void
  /** Closes the databases, once requests have finished. */
  close: () => Promise<void>
}

/**
 * Opens what `cable serve` serves: the archive at `location` and, unless public, the messaging service
 * (logins, drafts, inboxes) over the same database, with a delivery worker so released cables reach
 * inboxes. `--public` is refused on a database with a directory (an operator's database is never served to
 * anonymous readers); a server with logins is refused on one without users (nobody could log in).
 *
 * @example
 *   const { deps, close } = await openServer({ location: 'cablegate.db', public: true, log: console.log })
 */
export async function openServer(setup: ServerSetup): Promise<OpenedServer> {
  const hasDirectory = await databaseHasDirectory(setup.location)
  if (setup.public && hasDirectory) {
    throw new ServiceError('FORBIDDEN', `${setup.location} holds a messaging directory: an operator's database is never served publicly; serve it without --public`)
  }
  if (!setup.public && !hasDirectory) {
    throw new ServiceError('INVALID', `${setup.location} has no directory users to log in as: add users (cable user add, cable user passwd) or serve a released archive with --public`)
  }
  // an operator server writes the messaging tables of the same file anyway; its archive is writable for
  // query snapshots. A public server writes nothing.
  const archive = openArchiveForReading(setup.location, { write: !setup.public })
  // the PostgreSQL engine reports a database without an archive (or a server it cannot use) from the store's
  // first call: make one (a settings read) now, so the server refuses at start-up rather than on every request
  try {
    await archive.portionAccess()
  } catch (error) {
    await archive.close()
    throw error
  }
  const staticDir = setup.staticDir === undefined ? (existsSync(WEB_DIST_DIR) ? WEB_DIST_DIR : null) : setup.staticDir
  const base = {
    archive,
    openReadStore: () => (setup.location === ':memory:' ? archive : openStore(setup.location, { readonly: true })),
    public: setup.public,
    readOnlyArchive: setup.public,
    staticDir,
    bodyLimit: setup.bodyLimit ?? DEFAULT_BODY_LIMIT,
    log: setup.log,
  }
  if (setup.public) {
    return { deps: { ...base, reads: PUBLIC_READS, auth: null, messaging: null }, stopStreams: () => {}, close: () => archive.close() }
  }
  const ctx = await openMessaging(setup.location, { readLimits: setup.readLimits ?? DEFAULT_READ_LIMITS, ...(setup.now ? { now: setup.now } : {}) })
  const closing = new AbortController()
  const inboxChanged = new InboxSignal()
  const worker =
    setup.deliver === false
      ? Promise.resolve()
      : runWorker(ctx, {
          owner: `serve:${hostname()}:${process.pid}`,
          signal: closing.signal,
          idleMs: 250,
          onPass: (r) => {
            if (r.delivered > 0) inboxChanged.notify()
          },
        }).then(
          () => {},
          (error: unknown) => setup.log(`delivery worker stopped: ${error instanceof Error ? error.message : String(error)}`),
        )
  const deps: ServerDeps = {
    ...base,
    reads: directoryReads(archiveReadLog(ctx, archive)),
    auth: directoryAuthenticator(ctx),
    messaging: { ctx, loginPolicy: setup.loginPolicy ?? DEFAULT_LOGIN_POLICY, secureCookies: setup.secureCookies ?? false, inboxChanged, closing: closing.signal },
  }
  return {
    deps,
    stopStreams: () => closing.abort(),
    close: async () => {
      closing.abort()
      await worker
      await ctx.store.close()
      await archive.close()
    },
  }
}
