import type { Command } from 'commander'
import { archiveStats } from '../../archive/archive-stats.js'
import type { ReaderFlags } from '../../archive/open-archive.js'
import { statsText } from '../../archive/output/write-show.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { openForReading, readerOptions } from './show.js'
import { oneOf } from '../option-values.js'

/** `cable stats`: counts by year, origin and classification, and a cables-per-month histogram (`archiveStats`: what the reader's search finds). */
export function registerStats(program: Command, io: Io, setExit: SetExit): void {
  void setExit
  readerOptions(program.command('stats'))
    .description('archive counts by year, origin, classification, and cables per month')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: ReaderFlags & { format: string }) => {
      oneOf('--format', opts.format, ['text', 'json'] as const)
      const { store, access, reader } = await openForReading(opts, io)
      try {
        const stats = await archiveStats(store, access)
        io.stdout.write(opts.format === 'json' ? JSON.stringify(stats, null, 2) + '\n' : statsText(stats))
      } finally {
        await reader.close()
        await store.close()
      }
    })
}
