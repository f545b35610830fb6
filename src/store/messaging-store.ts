import type {
  AuditEntry,
  AuditFilter,
  Collective,
  DeliveryRow,
  Draft,
  DraftFields,
  DraftState,
  InboxRow,
  NewDelivery,
  NewDraft,
  Office,
  Post,
  ReleasedCableHead,
  ReleasedCableRow,
  Subscription,
  SubscriptionKind,
  User,
} from './messaging-types.js'
import type { ApiTokenRow, ReadKind, SessionRow } from './auth-types.js'
import type { Access, CableRecord, UpsertOutcome } from './store.js'
import type { RecordedHead } from './audit-chain.js'

/**
 * The messaging storage contract: directory, drafting workflow, delivery queue and inboxes, subscriptions
 * and the audit log. Every engine (SQLite, PostgreSQL) implements it; the messaging layer (`src/messaging`)
 * holds every rule and sees no SQL. Methods are async so a networked engine fits the same shape; times are
 * epoch milliseconds.
 *
 * Transactions: `transaction(async (tx) => …)` runs its callback in ONE database transaction and hands it
 * `tx`, a view of the same store bound to that transaction. Inside the callback use `tx` only: the outer
 * store waits for the transaction to end (SQLite engine) or works on another connection (PostgreSQL), so
 * using it there is a bug the SQLite engine reports at once. A rejected callback rolls everything back.
 */

export interface DirectoryStore {
  /** Inserts or replaces a post by PLAD. */
  upsertPost(p: Post): Promise<void>
  post(plad: string): Promise<Post | null>
  /** The post a routing indicator names (first PLAD in order when several share it). */
  postByRoute(route: string): Promise<Post | null>
  /** Every post, by PLAD. */
  posts(): Promise<Post[]>
  postCount(): Promise<number>
  upsertOffice(post: string, code: string, name: string): Promise<void>
  /** Offices of one post, or of all posts; by post, then code. */
  offices(post?: string): Promise<Office[]>
  /** Whether `code` is an office of `post`. */
  office(post: string, code: string): Promise<boolean>
  upsertCollective(plad: string, route: string | null, note: string): Promise<void>
  addMember(collective: string, post: string, inferred: boolean): Promise<void>
  /** False when the post was not a member. */
  removeMember(collective: string, post: string): Promise<boolean>
  /** A collective with its members by post; null when there is none. */
  collective(plad: string): Promise<Collective | null>
  collectives(): Promise<Collective[]>
  /** Inserts or replaces a user by name. */
  upsertUser(u: User): Promise<void>
  user(name: string): Promise<User | null>
  /** Users of one post, or all users; by name. */
  users(post?: string): Promise<User[]>
  userCount(): Promise<number>
}

export interface WorkflowStore {
  /** Stores a new draft in state `draft`; returns its id. */
  insertDraft(d: NewDraft): Promise<number>
  /** Replaces a draft's fields and clearers; earlier clearances no longer apply to the new text, so they are dropped. */
  updateDraft(id: number, fields: DraftFields, clearers: string[], at: number): Promise<void>
  draft(id: number): Promise<Draft | null>
  /**
   * Reads a draft and, inside a transaction, holds it until commit so a concurrent release of the same draft
   * waits and then sees it released (PostgreSQL `FOR UPDATE`; SQLite's write lock already holds everything).
   */
  lockDraft(id: number): Promise<Draft | null>
  /** Draft ids in creation order, optionally of one state or originating post. */
  draftIds(filter: { state?: DraftState; originPost?: string }): Promise<number[]>
  /** Records a clearance; a repeated clearance by the same clearer is ignored. */
  recordClearance(draftId: number, clearer: string, at: number): Promise<void>
  /** Records the approval and moves the draft to `approved`. */
  recordApproval(draftId: number, approver: string, at: number): Promise<void>
  /**
   * Takes the next MRN serial of an origin for a year (1, 2, …). Call inside a transaction: the counter row
   * stays locked until commit, and a rolled-back release gives its serial back, so serials are gap-free.
   */
  nextSerial(origin: string, year: number): Promise<number>
  /** The serial the next release from an origin would take this year (previews; takes nothing). */
  peekSerial(origin: string, year: number): Promise<number>
  /** Next message continuity number from one post to another (spec §4.1), 1…9999 then wrapping. */
  nextMcn(originPost: string, post: string): Promise<number>
  /** Stores a released cable (immutable from then on) and marks its draft `released`. */
  insertCable(c: ReleasedCableRow): Promise<void>
  /**
   * Writes a released cable into the archive tables of the same database, in the caller's transaction, with
   * the archive engine's own writer (upsert by key). `inserted` is 0 when the archive already held the key.
   */
  archiveCable(record: CableRecord): Promise<UpsertOutcome>
  cable(id: string): Promise<ReleasedCableRow | null>
  cableHead(id: string): Promise<ReleasedCableHead | null>
  /** Every released cable, oldest release first. */
  cables(): Promise<ReleasedCableRow[]>
  /** Serials released from an origin in a year, ascending. */
  serials(origin: string, year: number): Promise<number[]>
  /** Names the principals of a released NODIS or EXDIS cable (once, at release: the rows are immutable). */
  setPrincipals(cableId: string, users: string[]): Promise<void>
  /** The principals named for a cable, sorted. */
  principals(cableId: string): Promise<string[]>
  /** Whether the archive holds a cable under this key (an imported text may hold an MRN a post will issue). */
  archiveHas(key: string): Promise<boolean>
  /**
   * Which of `ids` (archive keys) the reader may read, decided by THE access rule in SQL (the same condition
   * the archive engine puts in every search, show, refs and stats query; `Access` in src/store/store.ts).
   */
  readable(ids: string[], access: Access): Promise<Set<string>>
}

export interface DeliveryStore {
  /**
   * Queues deliveries (a release queues one per recipient post, in one statement on PostgreSQL). On
   * PostgreSQL the workers are notified once, when the transaction that queued them commits.
   */
  enqueue(deliveries: NewDelivery[]): Promise<void>
  /**
   * Leases up to `limit` pending deliveries to `owner` until `now + leaseMs`, lowest rank first, then oldest.
   * An item whose lease ran out (its worker died) is claimable again. Call inside a transaction so two
   * workers never lease the same item.
   */
  claim(owner: string, now: number, leaseMs: number, limit: number): Promise<DeliveryRow[]>
  /** Rank of the most urgent item nobody holds a live lease on; null when there is none. */
  mostUrgentClaimable(now: number): Promise<number | null>
  /** Hands `owner`'s leased, undelivered items back to the queue. */
  releaseLeases(owner: string, ids: number[]): Promise<void>
  /**
   * Puts a delivery in its post's inbox and marks it done. The inbox is keyed by delivery id, so a retry
   * after a crash inserts nothing: returns false when the item was already delivered.
   */
  deliver(id: number, now: number): Promise<boolean>
  delivery(id: number): Promise<DeliveryRow | null>
  /** Deliveries of a cable, by post. */
  deliveriesOf(cableId: string): Promise<DeliveryRow[]>
  pendingCount(): Promise<number>
  /** Undelivered items per precedence, most urgent first. */
  pendingByPrecedence(): Promise<{ precedence: string; count: number }[]>
  /** A post's inbox, most urgent first, then by delivery time. */
  inbox(post: string): Promise<InboxRow[]>
  inboxEntry(post: string, cableId: string): Promise<InboxRow | null>
  inboxCount(): Promise<number>
  /** Marks a delivered cable acknowledged; false when it already was. */
  acknowledge(post: string, cableId: string, user: string, now: number): Promise<boolean>
  /**
   * Resolves when new deliveries may have been queued (PostgreSQL: a NOTIFY from a committed release) or
   * after `ms` at the latest, or at once when `signal` aborts. Workers call it when the queue is empty.
   */
  waitForWork(ms: number, signal?: AbortSignal): Promise<void>
}

export interface SubscriptionStore {
  /** Adds a subscription; adding one the user holds already changes nothing. */
  add(user: string, kind: SubscriptionKind, value: string): Promise<void>
  /** False when the user held no such subscription. */
  remove(user: string, kind: string, value: string): Promise<boolean>
  /** A user's subscriptions by kind, then value. */
  of(user: string): Promise<Subscription[]>
}

export interface AuditStore {
  /**
   * Appends one entry. The log is append-only in the database itself (UPDATE, DELETE and a REPLACE over an
   * entry are refused) and a hash chain: the entry stores the hash of the one before it and its own
   * (`entryHash` of src/store/audit-chain.ts), and the head and length are recorded beside the log, all in
   * one write transaction so concurrent writers never fork the chain.
   */
  append(e: Omit<AuditEntry, 'id'>): Promise<void>
  /** Entries matching every given filter field, oldest first, at most `limit`. */
  query(f: AuditFilter): Promise<AuditEntry[]>
  /**
   * Every entry with its links, in id order, and the head recorded beside the log (for `verifyChain`):
   * `'missing'` when the chain's migration ran but the head row (or its table) is gone.
   */
  chain(): Promise<{ entries: ChainedEntry[]; recorded: RecordedHead }>
}

/** An audit entry with its hash-chain links. */
export interface ChainedEntry extends AuditEntry {
  prevHash: string
  hash: string
}

/**
 * Logins for the network interfaces and the bulk-read counters. Only SHA-256 hashes of session and API
 * tokens are stored; password hashes carry their own parameters (src/messaging/password-hash.ts).
 */
export interface AuthStore {
  /**
   * Sets (or replaces) a user's password hash. `mustChange`: the password was set by someone else (an admin)
   * and only lets its holder choose a new one.
   */
  setPassword(user: string, hash: string, at: number, mustChange: boolean): Promise<void>
  passwordHash(user: string): Promise<string | null>
  /** Whether the user's password must be changed at the next login; false when he has none. */
  passwordMustChange(user: string): Promise<boolean>
  insertSession(s: Omit<SessionRow, 'revokedAt'>): Promise<void>
  /** A session by the hash of its token, whatever its state (the caller checks expiry and revocation). */
  session(tokenSha256: string): Promise<SessionRow | null>
  /** False when it was already revoked or never existed. */
  revokeSession(tokenSha256: string, at: number): Promise<boolean>
  /** Revokes every open, unexpired session of a user; returns how many. */
  revokeUserSessions(user: string, at: number): Promise<number>
  /** Stores a new API token; returns its id. */
  insertToken(t: Omit<ApiTokenRow, 'id' | 'revokedAt'>): Promise<number>
  token(tokenSha256: string): Promise<ApiTokenRow | null>
  /** Tokens of one user, or all; by id. */
  tokens(user?: string): Promise<ApiTokenRow[]>
  /** False when it was already revoked or never existed. */
  revokeToken(id: number, at: number): Promise<boolean>
  /** Records a failed login under a key (a user name and client address pair, `address:IP`). */
  recordLoginFailure(key: string, at: number): Promise<void>
  /** Failed logins under `key` at or after `since`, the earliest and the latest of them (ms; null when none). */
  loginFailures(key: string, since: number): Promise<{ count: number; oldest: number | null; newest: number | null }>
  clearLoginFailures(key: string): Promise<void>
  /** Adds `n` to a user's count of cables read or exported in the window starting at `windowStart`; returns the new count. */
  addReads(user: string, kind: ReadKind, windowStart: number, n: number): Promise<number>
}

export interface MessagingStore {
  /** `sqlite` or `postgres`. */
  readonly engine: string
  readonly directory: DirectoryStore
  readonly workflow: WorkflowStore
  readonly delivery: DeliveryStore
  readonly subscriptions: SubscriptionStore
  readonly audit: AuditStore
  readonly auth: AuthStore
  /**
   * Runs `fn` in one transaction with `tx`, this store bound to it; commits when `fn` resolves, rolls back when
   * it rejects. Write transactions serialize (SQLite: `BEGIN IMMEDIATE` plus a lock per connection, so
   * concurrent callers on one connection queue; PostgreSQL: row locks). Called on `tx` it simply runs `fn(tx)`.
   *
   * @example
   *   const serial = await store.transaction((tx) => tx.workflow.nextSerial('STATE', 2026))
   */
  transaction<T>(fn: (tx: MessagingStore) => Promise<T>): Promise<T>
  close(): Promise<void>
}
