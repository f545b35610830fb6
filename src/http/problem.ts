import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from '@hono/zod-openapi'
import { DatabaseFileError } from '../store/database-file-error.js'
import { QuerySyntaxError } from '../archive/query/query-error.js'
import { RateLimitError, ServiceError, type ServiceErrorCode } from '../messaging/service-error.js'

/**
 * Every stable `code` a problem response carries: the service's refusals (the CLI's exit-code names) and the
 * few only HTTP has. Clients branch on `code`, never on `title` or `detail` wording.
 */
export type ProblemCode =
  | ServiceErrorCode
  | 'QUERY_SYNTAX'
  | 'MALFORMED'
  | 'UNKNOWN_PARAMETER'
  | 'CSRF'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_ACCEPTABLE'
  | 'METHOD_NOT_ALLOWED'
  | 'INTERNAL'

/** HTTP status of each code: one table, as `EXIT_CODES` is for the CLI. */
export const PROBLEM_STATUS: Readonly<Record<ProblemCode, ContentfulStatusCode>> = {
  INVALID: 422,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  NOT_CLEARED: 403,
  OUT_OF_ORDER: 409,
  CONFLICT: 409,
  LINT_FAILED: 422,
  QUERY_SYNTAX: 400,
  MALFORMED: 400,
  UNKNOWN_PARAMETER: 400,
  UNAUTHENTICATED: 401,
  CSRF: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_ACCEPTABLE: 406,
  METHOD_NOT_ALLOWED: 405,
  INTERNAL: 500,
}

const TITLES: Readonly<Record<ProblemCode, string>> = {
  INVALID: 'Invalid request',
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'Forbidden',
  NOT_CLEARED: 'Not cleared',
  OUT_OF_ORDER: 'Out of order',
  CONFLICT: 'Conflict',
  LINT_FAILED: 'Lint failed',
  QUERY_SYNTAX: 'Query syntax error',
  MALFORMED: 'Malformed request body',
  UNKNOWN_PARAMETER: 'Unknown query parameter',
  UNAUTHENTICATED: 'Authentication required',
  CSRF: 'CSRF token missing or wrong',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  PASSWORD_CHANGE_REQUIRED: 'Password change required',
  NOT_ACCEPTABLE: 'Not acceptable',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  INTERNAL: 'Internal server error',
}

/** An RFC 9457 problem document as Cablegram sends it. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://cablegram.dev/problems/not-found' }),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: 'Stable code: NOT_FOUND, FORBIDDEN, OUT_OF_ORDER, LINT_FAILED, QUERY_SYNTAX, …' }),
    detail: z.string(),
    instance: z.string().optional(),
    /** Where in the input: a field path (`fields.subject.text`) or a query column. */
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    column: z.number().int().optional(),
    details: z.array(z.string()).optional(),
  })
  .openapi('Problem')

export type Problem = z.infer<typeof ProblemSchema>

/**
 * A refusal the HTTP layer raises itself (authentication, CSRF, rate limits, body size); the error handler
 * renders it, as it renders a `ServiceError`.
 *
 * @example
 *   throw new HttpProblem('UNAUTHENTICATED', 'log in first: POST /api/session')
 */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly extra: Partial<Problem> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'HttpProblem'
  }
}

/** Builds a problem document for `code`. */
export function problemBody(code: ProblemCode, detail: string, instance?: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://cablegram.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[code],
    status: PROBLEM_STATUS[code],
    code,
    detail,
    ...(instance ? { instance } : {}),
    ...extra,
  }
}

/** Sends a problem document with its status and `application/problem+json`. */
export function problem(c: Context, code: ProblemCode, detail: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}): Response {
  const body = problemBody(code, detail, new URL(c.req.url).pathname, extra)
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  })
}

/**
 * Turns any error into a problem response. Service refusals and HTTP problems keep their message (written
 * for the user, never naming what the user may not see); anything else is logged and answered with a
 * generic 500, so no stack trace or engine message reaches a client.
 */
export function errorToProblem(error: unknown, c: Context, log: (line: string) => void): Response {
  if (error instanceof HttpProblem) return problem(c, error.code, error.message, error.extra, error.headers)
  if (error instanceof RateLimitError) return problem(c, 'RATE_LIMITED', error.message, {}, { 'retry-after': String(error.retryAfterSeconds) })
  if (error instanceof ServiceError) {
    // an INVALID refusal lists its problems by field, `errors: [{path, message}]`, as the schema hook's do
    if (error.code === 'INVALID') return problem(c, 'INVALID', error.message, { errors: error.errors })
    return problem(c, error.code, error.message, error.details.length ? { details: error.details } : {})
  }
  if (error instanceof QuerySyntaxError) return problem(c, 'QUERY_SYNTAX', error.message, { column: error.column })
  if (error instanceof HTTPException) {
    // hono's own: malformed JSON (400), the body limit (413), a body that is not JSON (415, zod-openapi's
    // media-type gate: curl -d sends form encoding unless told otherwise)
    if (error.status === 415) {
      const sent = c.req.header('content-type') ?? 'none'
      return problem(c, 'UNSUPPORTED_MEDIA_TYPE', `this route reads a JSON body: send Content-Type: application/json (the request said ${sent})`)
    }
    if (error.status === 413) return problem(c, 'PAYLOAD_TOO_LARGE', error.message || 'request body too large')
    if (error.status === 400) return problem(c, 'MALFORMED', error.message || 'the request body cannot be read')
    if (error.status === 401) return problem(c, 'UNAUTHENTICATED', error.message || 'authentication required')
    if (error.status === 404) return problem(c, 'NOT_FOUND', error.message || 'not found')
  }
  if (error instanceof DatabaseFileError) {
    // the database went away under a running server (stopped, dropped, a changed password): one log line
    // naming it (password hidden), no stack trace, and the client learns nothing about the server
    log(`database error on ${c.req.method} ${new URL(c.req.url).pathname}: ${error.message}`)
    return problem(c, 'INTERNAL', 'the server failed to answer this request; the error is in its log')
  }
  log(`internal error on ${c.req.method} ${new URL(c.req.url).pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return problem(c, 'INTERNAL', 'the server failed to answer this request; the error is in its log')
}
