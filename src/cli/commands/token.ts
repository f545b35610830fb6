import type { Command } from 'commander'
import { createApiToken, listApiTokens, revokeApiToken } from '../../messaging/logins.js'
import type { Io } from '../io.js'
import { positiveInt } from '../option-values.js'
import type { SetExit } from './index.js'
import { isoTime, withMessagingOptions, withService, writeJson } from './messaging-common.js'
import { CliError } from '../errors.js'

/** `30d`, `12h`, `90m` → milliseconds. */
export function durationMs(flag: string, value: string): number {
  const m = /^(\d+)\s*([dhm])$/.exec(value.trim())
  if (!m || Number(m[1]) === 0) throw new CliError(`${flag} must be a duration like 30d, 12h or 90m, got "${value}"`)
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm']
}

/** `cable token …`: API tokens for scripts (`Authorization: Bearer`), shown once, stored hashed. */
export function registerToken(program: Command, io: Io, _setExit: SetExit): void {
  const token = program.command('token').description('API tokens for the HTTP API (cable serve)')

  withMessagingOptions(token.command('create'))
    .description('create an API token for the acting user (--as); it is printed once and only its hash is kept')
    .option('--label <text>', 'what the token is for', '')
    .option('--expires <duration>', 'lifetime: 30d, 12h, 90m (default: until revoked)')
    .action(async (opts) => {
      const life = opts.expires === undefined ? null : durationMs('--expires', opts.expires)
      const made = await withService(io, opts, (ctx, user) => createApiToken(ctx, user, opts.label, life === null ? null : ctx.now().getTime() + life))
      io.stdout.write(`${made.token}\n`)
      io.stderr.write(`token ${made.row.id} for ${made.row.user}${made.row.expiresAt === null ? '' : `, expires ${isoTime(made.row.expiresAt)}`}: store it now, it is not shown again\n`)
    })

  withMessagingOptions(token.command('list'))
    .description('list API tokens (yours; an admin may pass --user)')
    .option('--user <name>', 'tokens of this user (admins)')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const rows = await withService(io, opts, (ctx, user) => listApiTokens(ctx, user, opts.user ?? user))
      if (opts.json) return writeJson(io, rows)
      for (const r of rows) io.stdout.write(`${r.id}\t${r.user}\t${r.label || '-'}\tcreated ${isoTime(r.createdAt)}\texpires ${isoTime(r.expiresAt)}${r.revokedAt === null ? '' : `\trevoked ${isoTime(r.revokedAt)}`}\n`)
    })

  withMessagingOptions(token.command('revoke'))
    .description('revoke an API token (its owner or an admin)')
    .argument('<id>', 'token id from `cable token list`')
    .action(async (id: string, opts) => {
      await withService(io, opts, (ctx, user) => revokeApiToken(ctx, user, positiveInt('<id>', id)))
      io.stdout.write(`token ${id} revoked\n`)
    })
}
