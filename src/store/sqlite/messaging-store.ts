import type Database from 'better-sqlite3'
import { MessagingAuditSql } from './messaging-audit-sql.js'
import { openMessagingDatabase } from './messaging-database.js'
import { MessagingDeliverySql } from './messaging-delivery-sql.js'
import { MessagingDirectorySql } from './messaging-directory-sql.js'
import { MessagingSubscriptionSql } from './messaging-subscription-sql.js'
import { MessagingWorkflowSql } from './messaging-workflow-sql.js'
import type { SqliteStore } from './sqlite-store.js'

/**
 * The messaging tables of the archive's SQLite file. Synchronous on purpose: release and delivery must run
 * several statements inside one `BEGIN IMMEDIATE` transaction, which better-sqlite3 gives only to
 * synchronous code.
 *
 * @example
 *   const store = MessagingStore.open('cables.db')
 *   store.immediate(() => store.workflow.nextSerial('STATE', 2026))
 */
export class MessagingStore {
  readonly directory: MessagingDirectorySql
  readonly workflow: MessagingWorkflowSql
  readonly delivery: MessagingDeliverySql
  readonly audit: MessagingAuditSql
  readonly subscriptions: MessagingSubscriptionSql

  readonly db: Database.Database

  /** `archive` is the archive engine on the same file: release writes its cable rows in the same transaction. */
  constructor(readonly archive: SqliteStore) {
    const db = archive.db
    this.db = db
    this.directory = new MessagingDirectorySql(db)
    this.workflow = new MessagingWorkflowSql(db)
    this.delivery = new MessagingDeliverySql(db)
    this.audit = new MessagingAuditSql(db)
    this.subscriptions = new MessagingSubscriptionSql(db)
  }

  static open(path: string): MessagingStore {
    return new MessagingStore(openMessagingDatabase(path))
  }

  /** Runs `fn` in a write transaction taken up front, so concurrent writers serialize instead of deadlocking. */
  immediate<T>(fn: () => T): T {
    return this.archive.transaction(() => fn())
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
