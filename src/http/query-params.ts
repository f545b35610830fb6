import type { MiddlewareHandler } from 'hono'
import type { HttpEnv } from './env.js'
import { problem } from './problem.js'

/** What of a route definition the query check reads: its declared query schema, when it has one. */
interface RouteQuery {
  request?: { query?: unknown }
}

/**
 * The query parameters a route declares: the keys of its zod query object; none when it declares no query.
 * Throws at registration for a query schema whose keys cannot be read, so no route accepts parameters unchecked.
 */
export function declaredQueryParameters(route: RouteQuery): string[] {
  const schema = route.request?.query
  if (schema === undefined) return []
  const shape = (schema as { shape?: unknown }).shape
  if (!shape || typeof shape !== 'object') throw new TypeError('a route query schema must be a zod object: its parameters are checked against its keys')
  return Object.keys(shape)
}

/**
 * Refuses a request whose query string names a parameter the route does not declare (a typo such as `?a=1` for
 * `?from=1` would otherwise be ignored without a word): 400 UNKNOWN_PARAMETER, `errors` naming each unknown
 * parameter (`{ path, message }`, path = the parameter) with the parameters the route takes.
 *
 * @example
 *   GET /api/cables/09STATE1/diff?a=1 → 400 {"code":"UNKNOWN_PARAMETER","errors":[{"path":"a","message":"unknown query parameter; known here: from, to"}],…}
 */
export function knownQueryParameters(route: RouteQuery): MiddlewareHandler<HttpEnv> {
  const known = declaredQueryParameters(route)
  const takes = known.length ? `known here: ${known.join(', ')}` : 'this route takes no query parameters'
  return async (c, next) => {
    const unknown = Object.keys(c.req.queries()).filter((k) => !known.includes(k))
    if (unknown.length === 0) return next()
    const errors = unknown.map((name) => ({ path: name, message: `unknown query parameter; ${takes}` }))
    return problem(c, 'UNKNOWN_PARAMETER', `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => JSON.stringify(n)).join(', ')}: ${takes}`, { errors })
  }
}
