import { createHash, randomBytes } from 'node:crypto'
import type { ApiTokenRow } from '../store/auth-types.js'
import { beyond } from './admin-bounds.js'
import { actor, audit, refuse, requireRole, type ServiceContext } from './context.js'
import { DUMMY_HASH, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './password-hash.js'
import { RateLimitError, ServiceError } from './service-error.js'
import type { User } from './types.js'

/**
 * Logins for the network interfaces: passwords, sessions (cookie + CSRF token) and API tokens. Tokens are
 * 32 random bytes shown to their holder once; only their SHA-256 is stored, so a copy of the database
 * logs nobody in. Every login, failed or not, is audited; failed logins are throttled per (user name, client
 * address) and limited per client address (`LoginPolicy`).
 */

/**
 * How failed logins are throttled (OWASP Authentication Cheat Sheet: throttle, do not lock accounts, so that
 * nobody can lock anyone out by guessing his name). Failures count per (user name, client address) pair: after
 * `failuresPerUserAddress` of them that address waits `firstDelayMs` before its next try for that user, twice as
 * long after each further failure, at most `maxDelayMs`, while the same user logs in from any other address. Every
 * address also has an overall limit, `failuresPerAddress` failures for any user names, so one address cannot
 * guess through many names. A failure counts for `failureWindowMs`.
 */
export interface LoginPolicy {
  /** How long a session lasts after login, in ms. */
  sessionMs: number
  /** Failed logins of one user name from one client address before each further try must wait. */
  failuresPerUserAddress: number
  /** The first wait, in ms; it doubles with each further failure of the pair. */
  firstDelayMs: number
  /** The longest wait, in ms. */
  maxDelayMs: number
  /** Failed logins allowed per client address, whatever the user names, within `failureWindowMs`. */
  failuresPerAddress: number
  /** How long a failure counts, in ms. */
  failureWindowMs: number
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  sessionMs: 8 * 60 * 60 * 1000,
  failuresPerUserAddress: 5,
  firstDelayMs: 2 * 1000,
  maxDelayMs: 15 * 60 * 1000,
  failuresPerAddress: 20,
  failureWindowMs: 15 * 60 * 1000,
}

/**
 * How long a user name must wait at a client address after `failures` failed logins from it (the policy's growing
 * delay), in ms: 0 up to `failuresPerUserAddress`, then `firstDelayMs` doubled with each further failure, at most
 * `maxDelayMs`.
 *
 * @example
 *   throttleDelayMs(DEFAULT_LOGIN_POLICY, 5) // 2000
 *   throttleDelayMs(DEFAULT_LOGIN_POLICY, 7) // 8000
 */
export function throttleDelayMs(policy: LoginPolicy, failures: number): number {
  if (failures < policy.failuresPerUserAddress) return 0
  const doublings = Math.min(failures - policy.failuresPerUserAddress, 40)
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** doublings)
}

/** SHA-256 (hex) of a token: what the database keeps. */
export const tokenSha256 = (token: string): string => createHash('sha256').update(token).digest('hex')
const newToken = (): string => randomBytes(32).toString('base64url')

/** Prefix of API tokens, so a leaked one is recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'cgt_'

/**
 * Sets a user's password: his own, or as an admin someone else's. An admin may set the password only of an
 * account he dominates (clearance at most his, caveats and access roles he holds: admin-bounds.ts), since
 * whoever knows a password can log in as its holder; the password he sets is temporary: its holder must
 * choose his own at the next login (`login` with `newPassword`, or `cable user passwd NAME --as NAME`).
 * Refuses passwords shorter than `MIN_PASSWORD_LENGTH`; every session of the user is revoked; the audit entry
 * names who set whose password. With `proof` (the HTTP API: a session cookie or token may be stolen) a user
 * changing his own password must give his current one; the local CLI, where the database file's permissions
 * are the boundary, passes none. Throws `ServiceError` FORBIDDEN when it is missing or wrong.
 *
 * @example
 *   await setPassword(ctx, 'alice', 'dora', 'a long passphrase') // dora must change it at her next login
 */
export async function setPassword(ctx: ServiceContext, by: string | undefined, name: string, password: string, proof?: { currentPassword: string | undefined }): Promise<void> {
  const admin = await actor(ctx, by)
  const own = admin.name === name
  if (!own) await requireRole(ctx, admin, 'admin', 'passwd')
  const user = await ctx.store.directory.user(name)
  if (!user) throw new ServiceError('NOT_FOUND', `no user ${JSON.stringify(name)}`)
  if (own && proof) {
    // over the network a stolen session or token must not be enough to take the account for good
    const hash = await ctx.store.auth.passwordHash(name)
    if (hash && !(proof.currentPassword !== undefined && (await verifyPassword(proof.currentPassword, hash)))) {
      await refuse(ctx, admin, 'passwd', 'FORBIDDEN', `changing your own password needs your current one (currentPassword)${proof.currentPassword === undefined ? '' : ': it does not match'}`)
    }
  }
  if (!own) {
    const lacking = beyond(admin, user)
    if (lacking.length) await refuse(ctx, admin, 'passwd', 'FORBIDDEN', `${admin.name} cannot set the password of ${name}, who holds ${lacking.join(', ')} that ${admin.name} does not (an admin who holds ${lacking.length > 1 ? 'them' : 'it'} must)`)
  }
  checkPasswordLength(password)
  await storePassword(ctx, admin, user, password, !own)
}

function checkPasswordLength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new ServiceError('INVALID', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  if (password.length > MAX_PASSWORD_LENGTH) throw new ServiceError('INVALID', `a password has at most ${MAX_PASSWORD_LENGTH} characters`)
}

/** Stores a checked password, ends the user's sessions and audits who set whose password. */
async function storePassword(ctx: ServiceContext, by: User, user: User, password: string, mustChange: boolean): Promise<void> {
  const hash = await hashPassword(password)
  const at = ctx.now().getTime()
  await ctx.store.transaction(async (tx) => {
    await tx.auth.setPassword(user.name, hash, at, mustChange)
    await tx.auth.revokeUserSessions(user.name, at)
    const detail = mustChange ? `password of ${user.name} set by ${by.name}; ${user.name} must change it at the next login` : `password of ${user.name} set`
    await tx.audit.append({ at, actor: by.name, action: 'passwd', outcome: 'ok', cableId: null, draftId: null, post: user.post, detail })
  })
}

export interface NewSession {
  /** Goes in the HttpOnly cookie; never stored. */
  token: string
  csrf: string
  user: User
  expiresAt: number
}

/** The limit of one client address, whatever user names it tries: RATE_LIMITED past `failuresPerAddress`. */
async function refuseIfAddressLimited(ctx: ServiceContext, key: string, policy: LoginPolicy, address: string): Promise<void> {
  const now = ctx.now().getTime()
  const { count, oldest } = await ctx.store.auth.loginFailures(key, now - policy.failureWindowMs)
  if (count >= policy.failuresPerAddress && oldest !== null) {
    const retryAfter = Math.max(1, Math.ceil((oldest + policy.failureWindowMs - now) / 1000))
    throw new RateLimitError(`too many failed logins from ${address}: try again in ${retryAfter} s`, retryAfter)
  }
}

/** The growing delay of one (user name, client address) pair: RATE_LIMITED until its last failure is old enough. */
async function refuseIfThrottled(ctx: ServiceContext, key: string, policy: LoginPolicy, name: string, address: string): Promise<void> {
  const now = ctx.now().getTime()
  const { count, newest } = await ctx.store.auth.loginFailures(key, now - policy.failureWindowMs)
  const wait = throttleDelayMs(policy, count)
  if (wait > 0 && newest !== null && newest + wait > now) {
    const retryAfter = Math.max(1, Math.ceil((newest + wait - now) / 1000))
    throw new RateLimitError(`too many failed logins for ${name} from ${address}: try again in ${retryAfter} s`, retryAfter)
  }
}

/**
 * Logs a user in with their password and opens a session. Wrong name or password answer the same
 * UNAUTHENTICATED refusal (after the same scrypt work), audited. Failures are throttled per (user name, client
 * address) with a growing delay and limited per address (`LoginPolicy`); a throttled try is answered RATE_LIMITED
 * with the seconds to wait, without checking the password, and audited. No account is ever locked: the right
 * password from another address logs the user in. `newPassword`
 * changes the password in the same step (it must differ from the current one); a password an admin set for
 * the user (must-change) opens no session without it: PASSWORD_CHANGE_REQUIRED.
 *
 * @example
 *   const s = await login(ctx, 'dora', 'a long passphrase', '127.0.0.1')
 *   s.token // for the cookie; s.csrf for the header
 */
export async function login(ctx: ServiceContext, name: string, password: string, address: string, policy: LoginPolicy = DEFAULT_LOGIN_POLICY, newPassword?: string): Promise<NewSession> {
  // the pair's key: an address holds no space, so the first one ends it and no pair reads as another
  const pairKey = `user-address:${address} ${name}`
  const addressKey = `address:${address}`
  const refused = (detail: string) => audit(ctx, { actor: name.slice(0, 100), action: 'login', outcome: 'refused', detail: `${detail} from ${address}` })
  try {
    await refuseIfThrottled(ctx, pairKey, policy, name, address)
    await refuseIfAddressLimited(ctx, addressKey, policy, address)
  } catch (error) {
    await refused('rate limited')
    throw error
  }
  const user = await ctx.store.directory.user(name)
  const hash = user ? await ctx.store.auth.passwordHash(name) : null
  const ok = await verifyPassword(password, hash ?? DUMMY_HASH)
  if (!user || !hash || !ok || !user.active) {
    const now = ctx.now().getTime()
    await ctx.store.auth.recordLoginFailure(pairKey, now)
    await ctx.store.auth.recordLoginFailure(addressKey, now)
    await refused(!user ? 'unknown user' : !hash ? 'no password set' : !ok ? 'wrong password' : 'user deactivated')
    throw new ServiceError('UNAUTHENTICATED', 'wrong user name or password')
  }
  if (newPassword !== undefined) {
    if (newPassword === password) {
      await refused('new password same as the old')
      throw new ServiceError('INVALID', 'the new password must differ from the current one')
    }
    checkPasswordLength(newPassword)
    await storePassword(ctx, user, user, newPassword, false)
  } else if (await ctx.store.auth.passwordMustChange(name)) {
    await refused('password must be changed')
    throw new ServiceError('PASSWORD_CHANGE_REQUIRED', `the password of ${name} was set by an administrator and must be changed: log in again with a new password (newPassword), or run \`cable user passwd ${name} --as ${name}\``)
  }
  const now = ctx.now().getTime()
  const session: NewSession = { token: newToken(), csrf: newToken(), user, expiresAt: now + policy.sessionMs }
  await ctx.store.transaction(async (tx) => {
    await tx.auth.clearLoginFailures(pairKey)
    await tx.auth.insertSession({ tokenSha256: tokenSha256(session.token), user: name, csrf: session.csrf, address, createdAt: now, expiresAt: session.expiresAt })
    await tx.audit.append({ at: now, actor: name, action: 'login', outcome: 'ok', cableId: null, draftId: null, post: user.post, detail: `session from ${address}` })
  })
  return session
}

/** Who a session token belongs to, with its CSRF token; null when unknown, expired or revoked, or the user is deactivated. */
export async function sessionUser(ctx: ServiceContext, token: string): Promise<{ user: User; csrf: string; expiresAt: number } | null> {
  const row = await ctx.store.auth.session(tokenSha256(token))
  if (!row || row.revokedAt !== null || row.expiresAt <= ctx.now().getTime()) return null
  const user = await ctx.store.directory.user(row.user)
  if (!user || !user.active) return null
  return { user, csrf: row.csrf, expiresAt: row.expiresAt }
}

/** Ends a session (logout); false when it was not open. */
export async function logout(ctx: ServiceContext, token: string): Promise<boolean> {
  const row = await ctx.store.auth.session(tokenSha256(token))
  if (!row) return false
  const revoked = await ctx.store.auth.revokeSession(row.tokenSha256, ctx.now().getTime())
  if (revoked) await audit(ctx, { actor: row.user, action: 'logout' })
  return revoked
}

/** Revokes every open session of a user (an admin, or the user themself). Returns how many were open. */
export async function revokeSessions(ctx: ServiceContext, by: string | undefined, name: string): Promise<number> {
  const admin = await actor(ctx, by)
  if (admin.name !== name) await requireRole(ctx, admin, 'admin', 'revoke-sessions')
  if (!(await ctx.store.directory.user(name))) throw new ServiceError('NOT_FOUND', `no user ${JSON.stringify(name)}`)
  const n = await ctx.store.auth.revokeUserSessions(name, ctx.now().getTime())
  await audit(ctx, { actor: admin.name, action: 'revoke-sessions', post: admin.post, detail: `${n} session(s) of ${name}` })
  return n
}

/**
 * Creates an API token for a user (`cable token create --as USER`). The token is returned once; only its
 * hash is kept. `expiresAt` null: valid until revoked. `via` is how the network caller proved who he is:
 * a caller holding only an API token is refused (FORBIDDEN, audited), since a token proves only that someone
 * holds it and minting another (perhaps unexpiring) one from it would let a stolen token outlive its own
 * expiry and revocation. The local CLI passes none.
 *
 * @example
 *   const { token } = await createApiToken(ctx, 'dora', 'nightly export', Date.now() + 30 * 86400e3)
 */
export async function createApiToken(ctx: ServiceContext, userName: string | undefined, label: string, expiresAt: number | null, via?: 'session' | 'token'): Promise<{ token: string; row: ApiTokenRow }> {
  const user = await actor(ctx, userName)
  if (via === 'token') await refuse(ctx, user, 'token-create', 'FORBIDDEN', 'a token cannot create tokens: log in with your password (POST /api/session) and create it with that session')
  const now = ctx.now().getTime()
  if (expiresAt !== null && expiresAt <= now) throw new ServiceError('INVALID', 'the token would expire before it is created')
  const token = API_TOKEN_PREFIX + newToken()
  const id = await ctx.store.auth.insertToken({ tokenSha256: tokenSha256(token), user: user.name, label, createdAt: now, expiresAt })
  await audit(ctx, { actor: user.name, action: 'token-create', post: user.post, detail: `token ${id}${label ? ` (${label})` : ''}` })
  return { token, row: { id, tokenSha256: tokenSha256(token), user: user.name, label, createdAt: now, expiresAt, revokedAt: null } }
}

/** The user of an API token; null when unknown, expired, revoked, or the user is deactivated. */
export async function tokenUser(ctx: ServiceContext, token: string): Promise<User | null> {
  const row = await ctx.store.auth.token(tokenSha256(token))
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= ctx.now().getTime())) return null
  const user = await ctx.store.directory.user(row.user)
  return user && user.active ? user : null
}

/** A user's API tokens (an admin sees everyone's when `of` is undefined); hashes are not returned. */
export async function listApiTokens(ctx: ServiceContext, by: string | undefined, of?: string): Promise<Omit<ApiTokenRow, 'tokenSha256'>[]> {
  const user = await actor(ctx, by)
  if (of !== user.name) await requireRole(ctx, user, 'admin', 'token-list')
  return (await ctx.store.auth.tokens(of)).map(({ tokenSha256: _hash, ...row }) => row)
}

/** Revokes an API token: its owner or an admin. */
export async function revokeApiToken(ctx: ServiceContext, by: string | undefined, id: number): Promise<void> {
  const user = await actor(ctx, by)
  const owned = (await ctx.store.auth.tokens(user.name)).some((t) => t.id === id)
  // another user's token is, to a non-admin, as absent as one that never existed
  if (!owned && !user.roles.includes('admin')) throw new ServiceError('NOT_FOUND', `no open API token ${id}`)
  if (!(await ctx.store.auth.revokeToken(id, ctx.now().getTime()))) throw new ServiceError('NOT_FOUND', `no open API token ${id}`)
  await audit(ctx, { actor: user.name, action: 'token-revoke', post: user.post, detail: `token ${id}` })
}
