import type { Command } from 'commander'
import { subscribe, subscriptions, unsubscribe } from '../../messaging/index.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { withMessagingOptions, withService, writeJson } from './messaging-common.js'

/** `cable subscribe KIND VALUE`: profile distribution by TAG, caption or keyword (see `cable inbox --feed`). */
export function registerSubscribe(program: Command, io: Io, setExit: SetExit): void {
  withMessagingOptions(program.command('subscribe'))
    .description('subscribe to cables for your post by TAG, caption or keyword; read them with cable inbox --feed')
    .argument('[kind]', 'tag, caption or keyword')
    .argument('[value]', 'e.g. PREL, NODIS, "border security"')
    .option('--remove', 'remove the subscription instead')
    .option('--list', 'list your subscriptions')
    .option('--json', 'print JSON')
    .action(async (kind: string | undefined, value: string | undefined, opts) => {
      if (opts.list || kind === undefined) {
        const subs = await withService(io, opts, (ctx, user) => subscriptions(ctx, user))
        if (opts.json) return writeJson(io, subs)
        for (const s of subs) io.stdout.write(`${s.kind}\t${s.value}\n`)
        return
      }
      const v = value ?? ''
      if (opts.remove) {
        const removed = await withService(io, opts, (ctx, user) => unsubscribe(ctx, user, kind, v))
        if (!removed) {
          io.stderr.write(`cable: no subscription ${kind} ${v}\n`)
          setExit(3)
        }
        return
      }
      await withService(io, opts, (ctx, user) => subscribe(ctx, user, kind, v))
      io.stdout.write(`subscribed to ${kind} ${v}\n`)
    })
}
