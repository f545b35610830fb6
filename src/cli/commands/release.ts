import type { Command } from 'commander'
import { releaseDraft } from '../../messaging/index.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { listFlag, withMessagingOptions, withService, writeJson } from './messaging-common.js'
import { positiveInt } from '../option-values.js'

/** `cable release N`: assigns MRN and DTG, stores the telegram and queues its deliveries, atomically. */
export function registerRelease(program: Command, io: Io, _setExit: SetExit): void {
  withMessagingOptions(program.command('release'))
    .description('release an approved draft: MRN, DTG, canonical telegram, archive, deliveries (one transaction)')
    .argument('<draft>', 'draft number')
    .option('--json', 'print the result as JSON')
    .option('--print', 'print the released telegram')
    .option('--principals <users>', 'for a NODIS or EXDIS cable: the users who may read it (comma-separated; you are always one)')
    .action(async (id: string, opts) => {
      const r = await withService(io, opts, (ctx, user) => releaseDraft(ctx, user, positiveInt('draft', id), { principals: listFlag(opts.principals) }))
      if (opts.json) return writeJson(io, r)
      io.stdout.write(`released ${r.cableId} (${r.mrn}, ${r.dtg}, ${r.sections} section${r.sections > 1 ? 's' : ''}); ${r.deliveries.length} deliveries queued\n`)
      if (opts.print) io.stdout.write(r.text + '\n')
    })
}
