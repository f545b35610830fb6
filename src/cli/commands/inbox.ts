import type { Command } from 'commander'
import { feed, inbox } from '../../messaging/index.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { isoTime, withMessagingOptions, withService, writeJson } from './messaging-common.js'

/** `cable inbox`: your post's inbox (only cables you are cleared for), most urgent first. */
export function registerInbox(program: Command, io: Io, _setExit: SetExit): void {
  withMessagingOptions(program.command('inbox'))
    .description('your post’s inbox, most urgent first; only cables you are cleared for are listed or counted')
    .option('--unacknowledged', 'only cables not yet acknowledged')
    .option('--feed', 'only cables matching your subscriptions (cable subscribe)')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const items = await withService(io, opts, (ctx, user) => (opts.feed ? feed(ctx, user) : inbox(ctx, user, { unacknowledged: Boolean(opts.unacknowledged) })))
      if (opts.json) return writeJson(io, items)
      io.stdout.write(`${items.length} cable${items.length === 1 ? '' : 's'}\n`)
      for (const i of items) {
        const ack = i.acknowledgedAt === null ? (i.precedence === 'FLASH' || i.precedence === 'NIACT IMMEDIATE' ? 'ACK REQUIRED' : 'new') : `ack ${i.acknowledgedBy}`
        const matched = 'matched' in i ? `\t${(i.matched as string[]).join(',')}` : ''
        io.stdout.write(`${i.precedence}\t${i.role.toUpperCase()}\t${i.cableId}\t${isoTime(i.deliveredAt)}\t${ack}\t${i.subject}${matched}\n`)
      }
    })
}
