import type Database from 'better-sqlite3'
import type { Subscription, SubscriptionKind } from '../messaging-types.js'

/** SQL for users' profile subscriptions (TAGS, captions, keywords). */
export class MessagingSubscriptionSql {
  constructor(private readonly db: Database.Database) {}

  add(user: string, kind: SubscriptionKind, value: string): void {
    this.db.prepare('INSERT OR IGNORE INTO msg_subscription (user, kind, value) VALUES (?, ?, ?)').run(user, kind, value)
  }

  remove(user: string, kind: string, value: string): boolean {
    return this.db.prepare('DELETE FROM msg_subscription WHERE user = ? AND kind = ? AND value = ?').run(user, kind, value).changes > 0
  }

  of(user: string): Subscription[] {
    return this.db.prepare('SELECT kind, value FROM msg_subscription WHERE user = ? ORDER BY kind, value').all(user) as Subscription[]
  }
}
