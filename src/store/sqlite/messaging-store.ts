import type Database from 'better-sqlite3'
import type { AuditStore, AuthStore, DeliveryStore, DirectoryStore, MessagingStore, SubscriptionStore, WorkflowStore } from '../messaging-store.js'
import { asyncView, ConnectionLock } from './connection-lock.js'
import { MessagingAuditSql } from './messaging-audit-sql.js'
import { MessagingAuthSql } from './messaging-auth-sql.js'
import { openMessagingDatabase } from './messaging-database.js'
import { MessagingDeliverySql } from './messaging-delivery-sql.js'
import { MessagingDirectorySql } from './messaging-directory-sql.js'
import { MessagingSubscriptionSql } from './messaging-subscription-sql.js'
import { MessagingWorkflowSql } from './messaging-workflow-sql.js'
import type { SqliteStore } from './sqlite-store.js'

/**
 * The SQLite messaging engine: the messaging tables of the archive's SQLite file, behind the async
 * `MessagingStore` contract. better-sqlite3 is synchronous, so every call runs at once; a transaction is
 * `BEGIN IMMEDIATE` (the file's write lock, taken up front so concurrent processes queue instead of
 * deadlocking) held across the callback's awaits, and a `ConnectionLock` keeps every other caller on this
 * connection out until it commits or rolls back.
 *
 * @example
 *   const store = SqliteMessagingStore.open('cables.db')
 *   await store.transaction((tx) => tx.workflow.nextSerial('STATE', 2026))
 */
export class SqliteMessagingStore implements MessagingStore {
  readonly engine = 'sqlite'
  readonly directory: DirectoryStore
  readonly workflow: WorkflowStore
  readonly delivery: DeliveryStore
  readonly audit: AuditStore
  readonly subscriptions: SubscriptionStore
  readonly auth: AuthStore
  private readonly db: Database.Database
  private tx: SqliteMessagingStore | null = null

  /** `archive` is the archive engine on the same file: release writes its cable rows in the same transaction. */
  private constructor(
    archive: SqliteStore,
    private readonly lock: ConnectionLock,
    private readonly inTransaction: boolean,
  ) {
    const db = archive.db
    this.db = db
    // the transaction's own view runs straight through: its caller holds the lock
    const run = inTransaction ? <R>(fn: () => R) => Promise.resolve().then(fn) : <R>(fn: () => R) => lock.run(fn)
    this.directory = asyncView(new MessagingDirectorySql(db), run)
    this.workflow = asyncView(new MessagingWorkflowSql(db), run)
    this.delivery = asyncView(new MessagingDeliverySql(db), run)
    this.audit = asyncView(new MessagingAuditSql(db), run)
    this.subscriptions = asyncView(new MessagingSubscriptionSql(db), run)
    this.auth = asyncView(new MessagingAuthSql(db), run)
    if (!inTransaction) this.tx = new SqliteMessagingStore(archive, lock, true)
  }

  /** Opens (creating if needed) the messaging tables of the SQLite file at `path`, migrations applied. */
  static open(path: string): SqliteMessagingStore {
    return new SqliteMessagingStore(openMessagingDatabase(path), new ConnectionLock(), false)
  }

  transaction<T>(fn: (tx: MessagingStore) => Promise<T>): Promise<T> {
    const tx = this.tx
    if (!tx) return fn(this)
    return this.lock.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE')
      try {
        const result = await fn(tx)
        this.db.exec('COMMIT')
        return result
      } catch (error) {
        // SQLite may have rolled back already (e.g. SQLITE_FULL); a second ROLLBACK would throw over the cause
        if (this.db.inTransaction) this.db.exec('ROLLBACK')
        throw error
      }
    })
  }

  /** Closes the connection once any transaction on it has ended. */
  close(): Promise<void> {
    return this.lock.run(() => {
      if (this.db.open) this.db.close()
    })
  }
}
