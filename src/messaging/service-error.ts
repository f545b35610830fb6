/** Closed set of reasons the messaging service refuses a request; adapters map them to exit codes or statuses. */
export type ServiceErrorCode =
  | 'NOT_FOUND'
  | 'INVALID'
  | 'FORBIDDEN'
  | 'NOT_CLEARED'
  | 'OUT_OF_ORDER'
  | 'LINT_FAILED'
  | 'CONFLICT'

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
