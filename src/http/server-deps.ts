import type { QueryNode } from '../archive/query/ast.js'
import type { Store } from '../store/store.js'
import type { Principal } from './env.js'
import type { MessagingServer } from './routes/messaging-deps.js'

/**
 * What the archive routes report each read to: denials to audit and the bulk-read guard, which counts
 * cables read and exported per principal and refuses (429) past its limit. Implemented over the messaging
 * service (src/messaging) where the database has a directory; no-ops for a public archive.
 */
export interface ArchiveReads {
  /** After a search: audits cables that matched but were withheld (counted, never named). */
  searched(principal: Principal, query: QueryNode | null, visible: number): Promise<void>
  /** After a read found nothing visible for `id`: audits a denial when the cable exists. */
  missing(principal: Principal, action: string, id: string): Promise<void>
  /** Counts `n` cables read or exported against the principal's limit; throws a RATE_LIMITED refusal past it. */
  charge(principal: Principal, kind: 'read' | 'export', n: number): Promise<void>
}

/** Finds who a request acts for from its credentials. */
export interface Authenticator {
  /**
   * The principal of a bearer token or session cookie; null when the request carries neither. Throws
   * `HttpProblem('UNAUTHENTICATED')` for a credential that is unknown, expired or revoked.
   */
  authenticate(credentials: { bearer?: string; session?: string }): Promise<Principal | null>
}

/** Everything the HTTP app is built from; `cable serve` assembles it, tests assemble their own. */
export interface ServerDeps {
  archive: Store
  /** A second connection to the same archive, for a long export (closed by the caller). */
  openReadStore(): Store
  reads: ArchiveReads
  /** Null in public mode: no logins, every reader is anonymous. */
  auth: Authenticator | null
  /** The messaging service and logins; null in public mode (those routes are off). */
  messaging: MessagingServer | null
  public: boolean
  /**
   * The archive is open read-only (a public server: anonymous readers write nothing), so saving a query
   * snapshot is refused with 403; an operator server opens it for writing.
   */
  readOnlyArchive?: boolean
  /** Folder of the built web app served at `/`, when it exists. */
  staticDir: string | null
  /** Largest request body accepted, in bytes. */
  bodyLimit: number
  /** Check every JSON response against its route's schema (tests). */
  checkResponses?: boolean
  log(line: string): void
}

/** Archive reads that record nothing: a public archive has no directory to audit to and no users to limit. */
export const PUBLIC_READS: ArchiveReads = {
  searched: async () => {},
  missing: async () => {},
  charge: async () => {},
}
