import type { Command } from 'commander'
import { approveDraft } from '../../messaging/index.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { withMessagingOptions, withService } from './messaging-common.js'
import { positiveInt } from '../option-values.js'

/** `cable approve N`: an approver of the originating post approves a fully cleared draft. */
export function registerApprove(program: Command, io: Io, _setExit: SetExit): void {
  withMessagingOptions(program.command('approve'))
    .description('approve a cleared draft of your post')
    .argument('<draft>', 'draft number')
    .action(async (id: string, opts) => {
      const d = await withService(io, opts, (ctx, user) => approveDraft(ctx, user, positiveInt('draft', id)))
      io.stdout.write(`draft ${d.id} approved by ${d.approvedBy}; ready for release\n`)
    })
}
