/** Closed set of reasons the messaging service refuses a request; adapters map them to exit codes or statuses. */
export type ServiceErrorCode =
  | 'NOT_FOUND'
  | 'INVALID'
  | 'FORBIDDEN'
  | 'NOT_CLEARED'
  | 'OUT_OF_ORDER'
  | 'LINT_FAILED'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'PASSWORD_CHANGE_REQUIRED'

/**
 * A refusal with its reason. `NOT_FOUND` is also what a reader gets for a cable they may not see,
 * so the answer never reveals that it exists.
 *
 * @example
 *   throw new ServiceError('OUT_OF_ORDER', 'draft 4 needs clearance from: bob')
 */
export class ServiceError extends Error {
  /**
   * For INVALID: each problem with the field it concerns, `{ path, message }` (`to[1].precedence`; `''` for the
   * request as a whole), as the HTTP API documents it; given by the caller, else read from `details` (see
   * `fieldErrors`). Empty for the other codes.
   */
  readonly errors: FieldError[]

  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details: string[] = [],
    errors?: FieldError[],
  ) {
    super(message)
    this.name = 'ServiceError'
    this.errors = errors ?? (code === 'INVALID' ? fieldErrors(details, message) : [])
  }
}

/** One problem of a refused input: the field path (`to[1].precedence`, `clearers[0]`; `''` for the whole input) and what is wrong. */
export interface FieldError {
  path: string
  message: string
}

// `to[1].precedence: …`, `clearers[0]: …`, optionally after a file place (`line 4, column 3: `)
const DETAIL = /^(?:(line \d+, column \d+): )?([A-Za-z][\w-]*(?:\[\d+\]|\.[A-Za-z][\w-]*)*): ([\s\S]+)$/

/**
 * The problems of an INVALID refusal as `{ path, message }`: each detail written `path: message` (the service's
 * convention, a file place before it kept at the end of the message) gives its path; any other detail, or the
 * message itself when there are no details, concerns the whole input (`path: ''`).
 *
 * @example
 *   fieldErrors(['to[1].precedence: unknown precedence "SOON"'], '…') // [{ path: 'to[1].precedence', message: 'unknown precedence "SOON"' }]
 *   fieldErrors([], 'a password needs at least 12 characters')       // [{ path: '', message: 'a password needs …' }]
 */
export function fieldErrors(details: readonly string[], message: string): FieldError[] {
  if (details.length === 0) return [{ path: '', message }]
  return details.map((d) => {
    const m = DETAIL.exec(d)
    if (!m) return { path: '', message: d }
    return { path: m[2], message: m[1] ? `${m[3]} (${m[1]})` : m[3] }
  })
}

/**
 * A refusal for now that will pass: too many failed logins, or the bulk-read limit. `retryAfterSeconds`
 * says when to try again (HTTP `Retry-After`).
 */
export class RateLimitError extends ServiceError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message)
    this.name = 'RateLimitError'
  }
}
