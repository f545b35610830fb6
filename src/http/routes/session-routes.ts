import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { LEVEL_NAMES } from '../../messaging/access.js'
import { createApiToken, listApiTokens, login, logout, revokeApiToken, revokeSessions } from '../../messaging/logins.js'
import type { User } from '../../messaging/types.js'
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../session-cookie.js'
import type { HttpEnv } from '../env.js'
import { HttpProblem } from '../problem.js'
import { json, problems } from '../schemas.js'
import { clientAddress, messagingOf, userOf, type MessagingDeps } from './messaging-deps.js'

const LoginSchema = z
  .object({
    user: z.string().min(1).max(100),
    password: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024).optional().openapi({ description: 'Changes the password in the same step; required when an admin set the current one (403 PASSWORD_CHANGE_REQUIRED without it)' }),
  })
  .openapi('Login')

export const WhoAmISchema = z
  .object({
    user: z.string(),
    fullName: z.string(),
    post: z.string(),
    roles: z.array(z.string()),
    clearance: z.string(),
    caveats: z.array(z.string()),
    via: z.enum(['session', 'token']),
    csrf: z.string().optional().openapi({ description: 'Send it back in the X-CSRF-Token header on every POST, PUT and DELETE made with the cookie' }),
    expiresAt: z.string().optional(),
  })
  .openapi('Session')

const TokenSchema = z
  .object({ id: z.number().int(), user: z.string(), label: z.string(), createdAt: z.string(), expiresAt: z.string().nullable(), revokedAt: z.string().nullable() })
  .openapi('ApiToken')

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export function whoAmI(user: User, via: 'session' | 'token', csrf?: string, expiresAt?: number) {
  return {
    user: user.name,
    fullName: user.fullName,
    post: user.post,
    roles: user.roles,
    clearance: LEVEL_NAMES[user.clearance] ?? String(user.clearance),
    caveats: user.caveats,
    via,
    ...(csrf ? { csrf } : {}),
    ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
  }
}

const loginRoute = createRoute({
  method: 'post',
  path: '/api/session',
  tags: ['session'],
  summary: 'Log in',
  description:
    'Checks the password and opens a session: sets the HttpOnly, SameSite=Strict session cookie (Secure behind HTTPS) and returns the CSRF token. Failed logins are audited and limited per user and per address (429 with Retry-After). A password an admin set for the user is temporary: the login answers 403 PASSWORD_CHANGE_REQUIRED until it is sent again with `newPassword`.',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: { 200: json(WhoAmISchema, 'Logged in'), ...problems(400, 401, 403, 413, 422, 429) },
})

const sessionRoute = createRoute({
  method: 'get',
  path: '/api/session',
  tags: ['session'],
  summary: 'Who am I',
  description: 'The principal of the request, with the session\'s CSRF token when logged in by cookie.',
  responses: { 200: json(WhoAmISchema, 'The principal'), ...problems(401) },
})

const logoutRoute = createRoute({
  method: 'delete',
  path: '/api/session',
  tags: ['session'],
  summary: 'Log out',
  description: 'Revokes the session and clears its cookie.',
  responses: { 204: { description: 'Logged out' }, ...problems(401, 403) },
})

const createToken = createRoute({
  method: 'post',
  path: '/api/tokens',
  tags: ['session'],
  summary: 'Create an API token',
  description: 'For scripts: `Authorization: Bearer TOKEN`. The token is in this response only; the server keeps its SHA-256.',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ label: z.string().max(200).default(''), expiresInDays: z.number().int().min(1).max(3650).optional() }) } },
      required: true,
    },
  },
  responses: { 201: json(z.object({ token: z.string(), id: z.number().int(), expiresAt: z.string().nullable() }), 'The new token'), ...problems(401, 403, 422) },
})

const listTokens = createRoute({
  method: 'get',
  path: '/api/tokens',
  tags: ['session'],
  summary: 'List API tokens',
  description: 'Your own tokens; an admin may ask for `?user=NAME`.',
  request: { query: z.object({ user: z.string().max(100).optional() }) },
  responses: { 200: json(z.array(TokenSchema), 'Tokens (never their values)'), ...problems(401, 403) },
})

const revokeToken = createRoute({
  method: 'delete',
  path: '/api/tokens/{id}',
  tags: ['session'],
  summary: 'Revoke an API token',
  request: { params: z.object({ id: z.coerce.number().int().min(1) }) },
  responses: { 204: { description: 'Revoked' }, ...problems(401, 403, 404) },
})

const revokeUserSessions = createRoute({
  method: 'delete',
  path: '/api/users/{name}/sessions',
  tags: ['users'],
  summary: 'Revoke every session of a user',
  description: 'Admins, or the user themself.',
  request: { params: z.object({ name: z.string().min(1).max(100) }) },
  responses: { 200: json(z.object({ revoked: z.number().int() }), 'How many sessions were open'), ...problems(401, 403) },
})

/** Login, logout, who-am-I and API tokens, over `src/messaging/logins.ts`. */
export function registerSessionRoutes(app: OpenAPIHono<HttpEnv>, deps: MessagingDeps): void {
  app.openapi(loginRoute, async (c) => {
    const { user, password, newPassword } = c.req.valid('json')
    const session = await login(messagingOf(deps), user, password, clientAddress(c), deps.messaging.loginPolicy, newPassword)
    // the request log names who logged in
    c.set('principal', { user: session.user.name, access: undefined, via: 'session' })
    const secure = deps.messaging.secureCookies
    setCookie(c, secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: '/',
      expires: new Date(session.expiresAt),
    })
    return c.json(whoAmI(session.user, 'session', session.csrf, session.expiresAt), 200)
  })

  app.openapi(sessionRoute, async (c) => {
    const p = c.get('principal')
    const user = await userOf(deps, c)
    return c.json(whoAmI(user, p.via === 'token' ? 'token' : 'session', p.csrf), 200)
  })

  app.openapi(logoutRoute, async (c) => {
    const token = getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE)
    if (c.get('principal').via !== 'session' || !token) throw new HttpProblem('INVALID', 'log out ends a cookie session; revoke API tokens with DELETE /api/tokens/{id}')
    await logout(messagingOf(deps), token)
    deleteCookie(c, deps.messaging.secureCookies ? SECURE_SESSION_COOKIE : SESSION_COOKIE, { path: '/', secure: deps.messaging.secureCookies })
    return c.body(null, 204)
  })

  app.openapi(createToken, async (c) => {
    const body = c.req.valid('json')
    const ctx = messagingOf(deps)
    const expiresAt = body.expiresInDays ? ctx.now().getTime() + body.expiresInDays * 86_400_000 : null
    // who may mint a token (not a caller holding only one) is decided in src/messaging/logins.ts
    const p = c.get('principal')
    const { token, row } = await createApiToken(ctx, p.user ?? undefined, body.label, expiresAt, p.via === 'token' ? 'token' : 'session')
    return c.json({ token, id: row.id, expiresAt: iso(row.expiresAt) }, 201)
  })

  app.openapi(listTokens, async (c) => {
    const me = c.get('principal').user!
    const rows = await listApiTokens(messagingOf(deps), me, c.req.valid('query').user ?? me)
    return c.json(rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)!, expiresAt: iso(r.expiresAt), revokedAt: iso(r.revokedAt) })), 200)
  })

  app.openapi(revokeToken, async (c) => {
    await revokeApiToken(messagingOf(deps), c.get('principal').user ?? undefined, c.req.valid('param').id)
    return c.body(null, 204)
  })

  app.openapi(revokeUserSessions, async (c) => {
    const revoked = await revokeSessions(messagingOf(deps), c.get('principal').user ?? undefined, c.req.valid('param').name)
    return c.json({ revoked }, 200)
  })
}
