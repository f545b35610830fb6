import type { Command } from 'commander'
import { installDirectory, putCollective, putPost, removeCollectiveMember } from '../../messaging/index.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { withMessagingOptions, withService, writeJson } from './messaging-common.js'

/** `cable directory …`: posts, offices and collectives (changes need the admin role). */
export function registerDirectory(program: Command, io: Io, setExit: SetExit): void {
  const dir = program.command('directory').description('posts, offices and collectives of the messaging directory')

  withMessagingOptions(dir.command('init'))
    .description('install the shipped default directory (posts from the routing-indicator table, collectives)')
    .action(async (opts) => {
      const counts = await withService(io, opts, (ctx, user) => installDirectory(ctx, user), { create: true })
      io.stdout.write(`installed ${counts.posts} posts, ${counts.offices} offices, ${counts.collectives} collectives (${counts.members} memberships)\n`)
    })

  withMessagingOptions(dir.command('posts'))
    .description('list posts (PLAD, routing indicator, MRN origin)')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const posts = await withService(io, opts, (ctx) => ctx.store.directory.posts())
      if (opts.json) return writeJson(io, posts)
      for (const p of posts) io.stdout.write(`${p.plad}\t${p.route ?? '-'}\t${p.origin}\t${p.kind}\n`)
    })

  withMessagingOptions(dir.command('collectives'))
    .description('list collectives with their member posts (* = inferred membership)')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const list = await withService(io, opts, (ctx) => ctx.store.directory.collectives())
      if (opts.json) return writeJson(io, list)
      for (const c of list) {
        io.stdout.write(`${c.plad}${c.route ? ` (${c.route})` : ''}: ${c.members.length} posts\n`)
        for (const m of c.members) io.stdout.write(`  ${m.post}${m.inferred ? ' *' : ''}\n`)
      }
    })

  withMessagingOptions(dir.command('show'))
    .description('show one post (with its offices) or collective')
    .argument('<name>', 'PLAD of a post or collective')
    .action(async (name: string, opts) => {
      const found = await withService(io, opts, async (ctx) => {
        const key = name.toUpperCase().replace(/\s+/g, ' ').trim()
        const post = await ctx.store.directory.post(key)
        if (post) return { post, offices: await ctx.store.directory.offices(key), users: (await ctx.store.directory.users(key)).map((u) => u.name) }
        return ctx.store.directory.collective(key)
      })
      if (!found) {
        io.stderr.write(`cable: ${name} is not in the directory\n`)
        return setExit(3)
      }
      writeJson(io, found)
    })

  withMessagingOptions(dir.command('add-post'))
    .description('add or update a post')
    .argument('<plad>', 'plain language address, e.g. "AMEMBASSY DUSHANBE"')
    .requiredOption('--origin <origin>', 'MRN origin printed in class lines, e.g. DUSHANBE')
    .option('--route <ri>', 'routing indicator, e.g. RUEHDBU')
    .option('--kind <kind>', 'embassy, consulate, mission, office…', 'embassy')
    .action(async (plad: string, opts) => {
      const post = await withService(io, opts, (ctx, user) =>
        putPost(ctx, user, { plad, origin: opts.origin, route: opts.route ?? null, kind: opts.kind, source: 'added with cable directory add-post' }),
      )
      io.stdout.write(`post ${post.plad} (${post.origin})\n`)
    })

  withMessagingOptions(dir.command('add-collective'))
    .description('add members to a collective (creating it)')
    .argument('<plad>', 'collective PLAD, e.g. "EUROPEAN POLITICAL COLLECTIVE"')
    .requiredOption('--member <plads...>', 'member post PLADs, each quoted')
    .option('--route <ri>', 'routing indicator of the collective')
    .action(async (plad: string, opts) => {
      const members = (opts.member as string[]).map((m) => m.trim()).filter(Boolean)
      if (members.length === 0) throw new CliError('--member needs at least one post')
      await withService(io, opts, (ctx, user) => putCollective(ctx, user, plad, opts.route ?? null, members))
      io.stdout.write(`collective ${plad.toUpperCase()}: +${members.length} members\n`)
    })

  withMessagingOptions(dir.command('remove-member'))
    .description('remove a post from a collective')
    .argument('<collective>', 'collective PLAD')
    .argument('<post>', 'member post PLAD')
    .action(async (collective: string, post: string, opts) => {
      const removed = await withService(io, opts, (ctx, user) => removeCollectiveMember(ctx, user, collective, post))
      if (!removed) {
        io.stderr.write(`cable: ${post} is not a member of ${collective}\n`)
        setExit(3)
      }
    })
}
