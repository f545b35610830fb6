import type { Command } from 'commander'
import { getUser, LEVEL_NAMES, listUsers, putUser, showUser, type User } from '../../messaging/index.js'
import type { Io } from '../io.js'
import { CliError } from '../errors.js'
import { readHiddenLine } from '../hidden-input.js'
import { setPassword } from '../../messaging/logins.js'
import type { SetExit } from './index.js'
import { listFlag, withMessagingOptions, withService, writeJson } from './messaging-common.js'

/**
 * The new password: typed twice without echo when standard input is a terminal, else the first (only) line of
 * standard input, so scripts can pipe it in.
 */
async function readNewPassword(io: Io, name: string): Promise<string> {
  if (io.terminal) {
    const first = await readHiddenLine(io.terminal, io.stderr, `New password for ${name}: `)
    const again = await readHiddenLine(io.terminal, io.stderr, 'Type it again: ')
    if (first !== again) throw new CliError('the two passwords differ; nothing was changed')
    return first
  }
  const password = (await io.readStdin()).replace(/\r?\n$/, '')
  if (password.includes('\n')) throw new CliError('the password is the first line of standard input; got several lines')
  return password
}

const describe = (u: User) =>
  `${u.name}\t${u.post}${u.office ? ` ${u.office}` : ''}\t${u.roles.join(',')}\t${LEVEL_NAMES[u.clearance]}${u.caveats.length ? '//' + u.caveats.join('//') : ''}${u.active ? '' : '\t(deactivated)'}\n`

/** `cable user …`: users with post, office, roles, clearance and caveats (changes need the admin role). */
export function registerUser(program: Command, io: Io, _setExit: SetExit): void {
  const user = program.command('user').description('users: post, office, roles, clearance and caveats')

  withMessagingOptions(user.command('add'))
    .description('add or replace a user (the first user of a database must be an admin)')
    .argument('<name>', 'login name (lower case)')
    .requiredOption('--post <plad>', 'the post the user works at, e.g. "AMEMBASSY DUSHANBE"')
    .requiredOption('--roles <list>', 'drafter, clearer, approver, reader, admin (comma-separated)')
    .requiredOption('--clearance <level>', 'UNCLASSIFIED, SBU, CONFIDENTIAL, SECRET or TOP SECRET')
    .option('--caveats <list>', 'caveats the user is read into: NOFORN, NODIS, EXDIS, LIMDIS, …')
    .option('--office <code>', 'office at the post, e.g. SCA/CEN')
    .option('--full-name <name>', 'display name')
    .action(async (name: string, opts) => {
      const u = await withService(io, opts, (ctx, actor) =>
        putUser(ctx, actor, {
          name,
          post: opts.post,
          roles: listFlag(opts.roles),
          clearance: opts.clearance,
          caveats: listFlag(opts.caveats),
          office: opts.office ?? null,
          fullName: opts.fullName,
        }),
      )
      io.stdout.write(describe(u))
    })

  withMessagingOptions(user.command('passwd'))
    .description(
      "set a user's password for the HTTP API: your own, or as an admin that of a user within your own access, who must change it at the next login; typed without echo on a terminal (twice), else the first line of standard input",
    )
    .argument('<name>')
    .action(async (name: string, opts) => {
      const password = await readNewPassword(io, name)
      const actor = await withService(io, opts, async (ctx, actor) => {
        await setPassword(ctx, actor, name, password)
        return actor
      })
      io.stdout.write(`password of ${name} set; their sessions have ended${actor === name ? '' : `; ${name} must change it at the next login`}\n`)
    })

  withMessagingOptions(user.command('deactivate'))
    .description('deactivate a user: they keep their history but can no longer act or read')
    .argument('<name>')
    .action(async (name: string, opts) => {
      const u = await withService(io, opts, async (ctx, actor) => {
        const current = await getUser(ctx, name)
        return putUser(ctx, actor, { ...current, clearance: LEVEL_NAMES[current.clearance], active: false })
      })
      io.stdout.write(describe(u))
    })

  withMessagingOptions(user.command('list'))
    .description('list users')
    .option('--post <plad>', 'only users of this post')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const users = await withService(io, opts, (ctx, actor) => listUsers(ctx, actor, opts.post))
      if (opts.json) return writeJson(io, users)
      for (const u of users) io.stdout.write(describe(u))
    })

  withMessagingOptions(user.command('show'))
    .description('show one user as JSON')
    .argument('<name>')
    .action(async (name: string, opts) => {
      writeJson(io, await withService(io, opts, (ctx, actor) => showUser(ctx, actor, name)))
    })
}
