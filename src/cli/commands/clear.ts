import type { Command } from 'commander'
import { clearDraft } from '../../messaging/index.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { withMessagingOptions, withService } from './messaging-common.js'
import { positiveInt } from '../option-values.js'

/** `cable clear N`: a named clearer clears a lint-clean draft. */
export function registerClear(program: Command, io: Io, _setExit: SetExit): void {
  withMessagingOptions(program.command('clear'))
    .description('clear a draft you are named as clearer of')
    .argument('<draft>', 'draft number')
    .action(async (id: string, opts) => {
      const d = await withService(io, opts, (ctx, user) => clearDraft(ctx, user, positiveInt('draft', id)))
      const missing = d.clearers.filter((c) => !d.cleared.includes(c))
      io.stdout.write(`draft ${d.id} cleared; ${missing.length ? `still needs: ${missing.join(', ')}` : 'ready for approval'}\n`)
    })
}
