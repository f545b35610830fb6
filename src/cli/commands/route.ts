import type { Command } from 'commander'
import { resolveDbLocation } from '../../archive/db-location.js'
import type { ReaderFlags } from '../../archive/open-archive.js'
import { routeText } from '../../archive/output/write-route.js'
import { routeCable } from '../../messaging/routing-replay.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { oneOf } from '../option-values.js'
import { openForReading, readerOptions } from './show.js'

/** `cable route ID`: routing replay (docs/research.md); exit 1 when the cable is not in the archive. */
export function registerRoute(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('route'))
    .description('routing replay: which posts received a cable, with what role and precedence, certain or inferred')
    .argument('<id>', 'reference id (canonical or as written) or sha256: key')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, opts: ReaderFlags & { format: string }) => {
      oneOf('--format', opts.format, ['text', 'json'] as const)
      if (id.trim() === '') throw new CliError('route: the cable id is empty; give a reference id (09STATE99704) or a sha256: key')
      const { store, access, reader } = await openForReading(opts, io)
      try {
        const route = await routeCable(store, resolveDbLocation(opts.db, io.env, io.cwd), id, access)
        if (!route) {
          await reader.auditMissing(store, 'route', id)
          io.stderr.write(`cable: ${id} is not in the archive\n`)
          setExit(1)
          return
        }
        io.stdout.write(opts.format === 'json' ? JSON.stringify(route, null, 2) + '\n' : routeText(route))
      } finally {
        await reader.close()
        await store.close()
      }
    })
}
