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
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message)
    this.name = 'ServiceError'
  }
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
