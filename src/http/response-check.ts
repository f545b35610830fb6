import type { OpenAPIHono } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { HttpEnv } from './env.js'
import { problemBody, ProblemSchema } from './problem.js'

interface Parser {
  safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }
}

/**
 * Checks every JSON response against the schema its route declares for that status (the same zod schemas
 * the OpenAPI document is generated from), so the document cannot drift from what the server sends. A
 * response that does not match becomes a 500 naming the first mismatch, and is logged. Tests run with it
 * on; `cable serve` does not pay for it.
 */
export function responseCheck(app: OpenAPIHono<HttpEnv>, log: (line: string) => void): MiddlewareHandler<HttpEnv> {
  let routes: Map<string, Record<string, { content?: Record<string, { schema?: unknown }> }>> | null = null
  const table = () => {
    if (routes) return routes
    routes = new Map()
    for (const d of app.openAPIRegistry.definitions) {
      if (d.type !== 'route') continue
      // OpenAPI `{id}` is hono's `:id`
      routes.set(`${d.route.method.toUpperCase()} ${d.route.path.replace(/\{(\w+)\}/g, ':$1')}`, d.route.responses as never)
    }
    return routes
  }
  return async (c, next) => {
    await next()
    const type = (c.res.headers.get('content-type') ?? '').split(';')[0].trim()
    if (type !== 'application/json' && type !== 'application/problem+json') return
    const where = `${c.req.method} ${c.req.path} ${c.res.status}`
    const fail = (why: string) => {
      log(`response check: ${where}: ${why}`)
      c.res = new Response(JSON.stringify(problemBody('INTERNAL', `response does not match its schema: ${why}`)), { status: 500, headers: { 'content-type': 'application/problem+json' } })
    }
    let schema: Parser | undefined
    if (type === 'application/problem+json') {
      // any route may refuse (authentication, limits, a bug): every problem has the one shape
      schema = ProblemSchema
    } else {
      const route = matchedRoutes(c).find((r) => table().has(`${c.req.method} ${r.path}`))
      if (!route) return
      const declared = table().get(`${c.req.method} ${route.path}`)![String(c.res.status)]
      schema = declared?.content?.['application/json']?.schema as Parser | undefined
      if (!schema) return fail(`status ${c.res.status} with JSON is not declared`)
    }
    const result = schema.safeParse(await c.res.clone().json())
    if (!result.success) {
      const issue = result.error!.issues[0]
      fail(`${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    }
  }
}
