import { existsSync, statSync } from 'node:fs'
import type { Command } from 'commander'
import { resolveDbLocation } from '../../archive/db-location.js'
import { openMessaging, ServiceError, type ServiceContext, type ServiceErrorCode } from '../../messaging/index.js'
import { DatabaseFileError } from '../../store/database-file-error.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'

/** Exit code of each service refusal; usage and I/O problems stay 2 (docs/messaging.md lists them). */
export const EXIT_CODES: Readonly<Record<ServiceErrorCode, number>> = {
  INVALID: 2,
  NOT_FOUND: 3,
  FORBIDDEN: 4,
  NOT_CLEARED: 4,
  OUT_OF_ORDER: 5,
  CONFLICT: 5,
  LINT_FAILED: 6,
  UNAUTHENTICATED: 4,
  RATE_LIMITED: 7,
  PASSWORD_CHANGE_REQUIRED: 4,
}

/** Adds the options every messaging command takes. */
export function withMessagingOptions(cmd: Command): Command {
  return cmd.option('--db <path>', 'database file (default $CABLEGRAM_DB or ./cablegram.db)').option('--as <user>', 'acting user (default $CABLEGRAM_USER)')
}

export interface MessagingFlags {
  db?: string
  as?: string
}

/**
 * Opens the database, runs one service call as the acting user and closes it; a ServiceError becomes a
 * CliError with the exit code of its refusal.
 */
export async function withService<T>(
  io: Io,
  flags: MessagingFlags,
  fn: (ctx: ServiceContext, user: string | undefined) => T | Promise<T>,
  options: { create?: boolean } = {},
): Promise<T> {
  const location = resolveDbLocation(flags.db, io.env, io.cwd)
  // only `cable directory init` (and the archive's import) may create a database: a mistyped --db must not
  // silently answer from a new, empty one
  // (a server URL names a database the server holds: nothing to look for on disk)
  const isFile = location !== ':memory:' && !/^[a-z]+:\/\//.test(location)
  if (!options.create && isFile && !existsSync(location)) {
    throw new CliError(`no database at ${location}: run \`cable directory init\` (or \`cable import\`) first, or pass --db`)
  }
  // a 0-byte file is an empty SQLite database to the engine: refused rather than initialised, as a missing one
  if (!options.create && isFile && statSync(location).size === 0) {
    throw new CliError(`${location}: the file is empty (0 bytes), not a Cablegram database: run \`cable directory init\` first, or pass --db`)
  }
  let ctx: ServiceContext
  try {
    ctx = await openMessaging(location)
  } catch (error) {
    throw new CliError(error instanceof DatabaseFileError ? error.message : `cannot open database ${location}: ${(error as Error).message}`)
  }
  try {
    return await fn(ctx, flags.as ?? io.env['CABLEGRAM_USER'])
  } catch (error) {
    if (error instanceof ServiceError) {
      const details = error.details.length > 1 ? '\n' + error.details.map((d) => `  - ${d}`).join('\n') : ''
      throw new CliError(error.message + details, EXIT_CODES[error.code])
    }
    throw error
  } finally {
    await ctx.store.close()
  }
}

/** Comma-or-space separated list flag. */
export const listFlag = (value: string | undefined): string[] => (value ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean)

export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

export const isoTime = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'))
