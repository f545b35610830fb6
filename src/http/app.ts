import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { getCookie } from 'hono/cookie'
import type { Context, MiddlewareHandler } from 'hono'
import { docsPage } from './docs-page.js'
import type { HttpEnv, Principal } from './env.js'
import { errorToProblem, HttpProblem, problem } from './problem.js'
import { registerArchiveRoutes } from './routes/archive-routes.js'
import { registerResearchRoutes } from './routes/research-routes.js'
import { registerEventRoutes } from './routes/event-routes.js'
import { registerFormatRoutes } from './routes/format-routes.js'
import type { MessagingDeps } from './routes/messaging-deps.js'
import { registerMessagingRoutes } from './routes/messaging-routes.js'
import { registerSessionRoutes } from './routes/session-routes.js'
import { responseCheck } from './response-check.js'
import { knownQueryParameters } from './query-params.js'
import { fieldErrors, type SchemaIssue } from './validation-messages.js'
import { problems } from './schemas.js'
import type { ServerDeps } from './server-deps.js'
import { CSRF_HEADER, SECURE_SESSION_COOKIE, SESSION_COOKIE } from './session-cookie.js'
import { timingSafeEqual } from 'node:crypto'


/** Routes open without a principal: the API description and logging in. */
const OPEN_ROUTES = new Set(['GET /api/openapi.json', 'GET /api/docs', 'POST /api/session'])
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** One area of routes (archive, messaging, research…): each lives in its own file under `routes/`. */
export type RouteArea = (app: OpenAPIHono<HttpEnv>, deps: ServerDeps) => void

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Decides the principal of every `/api/` request. Public mode: an anonymous reader with archive-mode access.
 * Otherwise a bearer token or the session cookie, and for a cookie a matching CSRF header on anything but
 * GET/HEAD/OPTIONS; no credential → 401 (UNAUTHENTICATED), except on the open routes.
 */
function authenticate(deps: ServerDeps): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    if (deps.public || !deps.auth) {
      c.set('principal', { user: null, access: undefined, via: 'public' })
      if (!deps.public && !OPEN_ROUTES.has(`${c.req.method} ${c.req.path}`)) throw new HttpProblem('UNAUTHENTICATED', 'this server has no logins configured')
      return next()
    }
    const header = c.req.header('authorization')
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1]
    const session = getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE)
    const open = OPEN_ROUTES.has(`${c.req.method} ${c.req.path}`)
    let principal: Principal | null = null
    try {
      principal = await deps.auth.authenticate({ bearer, session })
    } catch (error) {
      if (!open) throw error
    }
    if (!principal) {
      if (open) return next()
      throw new HttpProblem('UNAUTHENTICATED', 'log in (POST /api/session) or send Authorization: Bearer TOKEN', {}, { 'www-authenticate': 'Bearer realm="cablegram"' })
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER)
      if (!sent || !principal.csrf || !sameToken(sent, principal.csrf)) throw new HttpProblem('CSRF', `state-changing requests with the session cookie need the ${CSRF_HEADER} header from login`)
    }
    c.set('principal', principal)
    await next()
    // what a user may read is never kept by a shared or browser cache
    c.header('cache-control', 'no-store')
  }
}

/** One log line per request: method, path, status, milliseconds, user. */
function requestLog(deps: ServerDeps): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const start = performance.now()
    await next()
    const ms = (performance.now() - start).toFixed(1)
    const user = c.get('principal')?.user ?? '-'
    deps.log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms ${user}`)
  }
}

/** What of a route the validation hook reads: the schema of each request part. */
interface RouteRequest {
  request?: { query?: unknown; params?: unknown; headers?: unknown; body?: { content?: Partial<Record<string, unknown>> } }
}

/**
 * The schema validation hook: a refused request gets 422 INVALID with `errors: [{path, message}]`, each message
 * plain (`missing; give …`, `expected a whole number from 1 to 10000, got 0`), written from the issue, the
 * raw value sent and the route's schema for that part of the request (`route`, null when unknown).
 */
function validationHook(route: RouteRequest | null) {
  return (result: { success: boolean; error?: { issues: readonly SchemaIssue[] }; data?: unknown; target?: string }, c: Context) => {
    if (result.success || !result.error) return
    const request = route?.request
    const schema =
      result.target === 'query' ? request?.query
      : result.target === 'param' ? request?.params
      : result.target === 'header' ? request?.headers
      : result.target === 'json' ? (request?.body?.content?.['application/json'] as { schema?: unknown } | undefined)?.schema
      : undefined
    const errors = fieldErrors(result.error.issues, result.data, schema)
    return problem(c, 'INVALID', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors })
  }
}

/**
 * Builds the Cablegram HTTP app: the JSON API under `/api/`, its OpenAPI 3.1 document and reference page,
 * and the web app's files at `/` when `deps.staticDir` holds them. `areas` add route files (messaging,
 * research, …) after the archive's.
 *
 * @example
 *   const app = createApp(deps)
 *   const res = await app.request('/api/search?q=tag:PREL')
 */
export function createApp(deps: ServerDeps, areas: RouteArea[] = []): OpenAPIHono<HttpEnv> {
  const app = new OpenAPIHono<HttpEnv>({
    defaultHook: validationHook(null),
  })
  // every route refuses query parameters it does not declare, before its own validation (query-params.ts)
  const register = app.openapi
  app.openapi = ((route: Parameters<typeof register>[0], ...rest: unknown[]) => {
    const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware]
    const responses = route.responses[400] ? route.responses : { ...problems(400), ...route.responses }
    // the route's own hook, else one that reads the route's schemas for plain messages (validation-messages.ts)
    const [handler, hook] = rest
    return (register as (...a: unknown[]) => unknown)({ ...route, responses, middleware: [knownQueryParameters(route), ...own] }, handler, hook ?? validationHook(route))
  }) as typeof register
  app.onError((error, c) => errorToProblem(error, c, deps.log))
  app.notFound((c) => problem(c, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`))
  app.use('*', requestLog(deps))
  if (deps.checkResponses) app.use('/api/*', responseCheck(app, deps.log))
  app.use(
    '/api/*',
    bodyLimit({ maxSize: deps.bodyLimit, onError: (c) => problem(c, 'PAYLOAD_TOO_LARGE', `request bodies are limited to ${deps.bodyLimit} bytes`) }),
  )
  app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }))
  app.use('/api/*', authenticate(deps))
  for (const area of [registerFormatRoutes, registerArchiveRoutes, registerResearchRoutes, ...areas]) area(app, deps)
  // messaging and logins exist only on an operator's database, never in public mode
  if (deps.messaging && !deps.public) {
    const m = deps as MessagingDeps
    registerSessionRoutes(app, m)
    registerMessagingRoutes(app, m)
    registerEventRoutes(app, m)
  }

  const info = {
    title: 'Cablegram API',
    version: '0.1.0',
    description: deps.public
      ? 'A public, read-only archive of released cables: no login, no messaging routes.'
      : 'Archive and messaging. Log in with POST /api/session (cookie + CSRF header) or send Authorization: Bearer TOKEN.',
  }
  const document = () => app.getOpenAPI31Document({ openapi: '3.1.0', info })
  app.get('/api/openapi.json', (c) => c.json(document()))
  app.get('/api/docs', (c) => c.html(docsPage(document())))
  app.all('/api/*', (c) => problem(c, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`))

  const dir = deps.staticDir
  if (dir && existsSync(join(dir, 'index.html'))) {
    app.use('/*', serveStatic({ root: dir }))
    // client-side routes of the web app (no file extension) get its index page
    app.get('*', async (c, next) => (/\.[a-z0-9]+$/i.test(c.req.path) ? next() : serveStatic({ root: dir, path: 'index.html' })(c, next)))
  }
  return app
}
