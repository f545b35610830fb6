import type { Command } from 'commander'
import { acknowledge, readCable } from '../../messaging/index.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { withMessagingOptions, withService, writeJson } from './messaging-common.js'

/** `cable read ID`: the telegram of a cable delivered to your post, if you are cleared for it. */
export function registerRead(program: Command, io: Io, _setExit: SetExit): void {
  withMessagingOptions(program.command('read'))
    .description('print a cable delivered to your post (audited); --ack acknowledges receipt')
    .argument('<id>', 'cable id, e.g. 26STATE12')
    .option('--ack', 'acknowledge receipt (required for FLASH and NIACT)')
    .option('--json', 'print the cable’s fields as JSON instead of the telegram')
    .action(async (id: string, opts) => {
      const result = await withService(io, opts, async (ctx, user) => {
        const read = await readCable(ctx, user, id.toUpperCase())
        const ack = opts.ack ? await acknowledge(ctx, user, id.toUpperCase()) : null
        return { ...read, ack }
      })
      if (opts.json) writeJson(io, JSON.parse(result.cable.json))
      else io.stdout.write(result.text + '\n')
      if (result.ack) io.stderr.write(result.ack.acknowledged ? `acknowledged ${id.toUpperCase()}\n` : `${id.toUpperCase()} was already acknowledged\n`)
    })
}
