import type Database from 'better-sqlite3'
import type { ApiTokenRow, ReadKind, SessionRow } from '../auth-types.js'

const SESSION = 'token_sha256 AS tokenSha256, user, csrf, address, created_at AS createdAt, expires_at AS expiresAt, revoked_at AS revokedAt'
const TOKEN = 'id, token_sha256 AS tokenSha256, user, label, created_at AS createdAt, expires_at AS expiresAt, revoked_at AS revokedAt'

/** SQL for passwords, sessions, API tokens, failed-login counts and the bulk-read counters. */
export class MessagingAuthSql {
  constructor(private readonly db: Database.Database) {}

  setPassword(user: string, hash: string, at: number, mustChange: boolean): void {
    this.db
      .prepare('INSERT INTO msg_password (user, hash, set_at, must_change) VALUES (?, ?, ?, ?) ON CONFLICT(user) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at, must_change = excluded.must_change')
      .run(user, hash, at, mustChange ? 1 : 0)
  }

  passwordMustChange(user: string): boolean {
    return this.db.prepare('SELECT must_change FROM msg_password WHERE user = ?').pluck().get(user) === 1
  }

  passwordHash(user: string): string | null {
    return (this.db.prepare('SELECT hash FROM msg_password WHERE user = ?').pluck().get(user) as string | undefined) ?? null
  }

  insertSession(s: Omit<SessionRow, 'revokedAt'>): void {
    this.db
      .prepare('INSERT INTO msg_session (token_sha256, user, csrf, address, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.tokenSha256, s.user, s.csrf, s.address, s.createdAt, s.expiresAt)
  }

  session(tokenSha256: string): SessionRow | null {
    return (this.db.prepare(`SELECT ${SESSION} FROM msg_session WHERE token_sha256 = ?`).get(tokenSha256) as SessionRow | undefined) ?? null
  }

  revokeSession(tokenSha256: string, at: number): boolean {
    return this.db.prepare('UPDATE msg_session SET revoked_at = ? WHERE token_sha256 = ? AND revoked_at IS NULL').run(at, tokenSha256).changes > 0
  }

  revokeUserSessions(user: string, at: number): number {
    return this.db.prepare('UPDATE msg_session SET revoked_at = ? WHERE user = ? AND revoked_at IS NULL AND expires_at > ?').run(at, user, at).changes
  }

  insertToken(t: Omit<ApiTokenRow, 'id' | 'revokedAt'>): number {
    const r = this.db
      .prepare('INSERT INTO msg_api_token (token_sha256, user, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(t.tokenSha256, t.user, t.label, t.createdAt, t.expiresAt)
    return Number(r.lastInsertRowid)
  }

  token(tokenSha256: string): ApiTokenRow | null {
    return (this.db.prepare(`SELECT ${TOKEN} FROM msg_api_token WHERE token_sha256 = ?`).get(tokenSha256) as ApiTokenRow | undefined) ?? null
  }

  tokens(user?: string): ApiTokenRow[] {
    return (user === undefined ? this.db.prepare(`SELECT ${TOKEN} FROM msg_api_token ORDER BY id`).all() : this.db.prepare(`SELECT ${TOKEN} FROM msg_api_token WHERE user = ? ORDER BY id`).all(user)) as ApiTokenRow[]
  }

  revokeToken(id: number, at: number): boolean {
    return this.db.prepare('UPDATE msg_api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0
  }

  recordLoginFailure(key: string, at: number): void {
    this.db.prepare('INSERT INTO msg_login_failure (key, at) VALUES (?, ?)').run(key, at)
  }

  loginFailures(key: string, since: number): { count: number; oldest: number | null; newest: number | null } {
    return this.db.prepare('SELECT count(*) AS count, min(at) AS oldest, max(at) AS newest FROM msg_login_failure WHERE key = ? AND at >= ?').get(key, since) as { count: number; oldest: number | null; newest: number | null }
  }

  clearLoginFailures(key: string): void {
    this.db.prepare('DELETE FROM msg_login_failure WHERE key = ?').run(key)
  }

  addReads(user: string, kind: ReadKind, windowStart: number, n: number): number {
    return this.db
      .prepare('INSERT INTO msg_read_count (user, kind, window_start, count) VALUES (?, ?, ?, ?) ON CONFLICT(user, kind, window_start) DO UPDATE SET count = count + excluded.count RETURNING count')
      .pluck()
      .get(user, kind, windowStart, n) as number
  }
}
