/** Rows of the login tables (sessions, API tokens): only SHA-256 hashes of the tokens are ever stored. */

export interface SessionRow {
  /** SHA-256 (hex) of the session token held by the client's cookie. */
  tokenSha256: string
  user: string
  /** CSRF token the client echoes in a header on every state-changing request. */
  csrf: string
  /** Client address at login. */
  address: string
  createdAt: number
  expiresAt: number
  revokedAt: number | null
}

export interface ApiTokenRow {
  id: number
  tokenSha256: string
  user: string
  label: string
  createdAt: number
  /** Null: never expires (until revoked). */
  expiresAt: number | null
  revokedAt: number | null
}

export type ReadKind = 'read' | 'export'
