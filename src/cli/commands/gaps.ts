import type { Command } from 'commander'
import { gapMap, GapOptionError } from '../../archive/gap-map.js'
import { CliError } from '../errors.js'
import type { ReaderFlags } from '../../archive/open-archive.js'
import { gapsText } from '../../archive/output/write-gaps.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { oneOf, wholeNumber } from '../option-values.js'
import { openForReading, readerOptions } from './show.js'

/** `cable gaps [--origin X] [--year Y]`: the MRN gap map (docs/research.md); exit 1 when nothing matches. */
export function registerGaps(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('gaps'))
    .description('MRN gap map: serials held and cited against the range they span, per origin and year')
    .option('--origin <post>', 'one originating post (station key or name: HARARE, AMEMBASSY HARARE)')
    .option('--year <year>', 'one year (four digits)')
    .option('--format <format>', 'table or json (months and missing ids, for charts)', 'table')
    .action(async (opts: ReaderFlags & { origin?: string; year?: string; format: string }) => {
      const format = oneOf('--format', opts.format, ['table', 'json'] as const)
      const year = opts.year === undefined ? undefined : wholeNumber('--year', opts.year, 1900, 2099)
      const { store, access, reader } = await openForReading(opts, io)
      try {
        let rows
        try {
          rows = await gapMap(store, { origin: opts.origin, year, access })
        } catch (error) {
          if (error instanceof GapOptionError) throw new CliError(`--${error.message}`)
          throw error
        }
        io.stdout.write(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : gapsText(rows, rows.length <= 3 && Boolean(opts.origin || year)))
        if (rows.length === 0) setExit(1)
      } finally {
        await reader.close()
        await store.close()
      }
    })
}
