import type { Command } from 'commander'
import { cableNetwork, networkCsv, networkDot, networkJson } from '../../archive/network.js'
import type { ReaderFlags } from '../../archive/open-archive.js'
import { peopleText } from '../../archive/output/write-people.js'
import { archivePeople, checkPeopleName, peopleNamed, PeopleOptionError } from '../../archive/people.js'
import type { Io } from '../io.js'
import { messagingDirectory, shippedDirectory } from '../../messaging/routing-replay.js'
import { CliError } from '../errors.js'
import type { SetExit } from './index.js'
import { oneOf, wholeNumber } from '../option-values.js'
import { openForReading, readerOptions } from './show.js'

/** `cable people` and `cable network` (docs/research.md). */
export function registerPeople(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('people'))
    .description('people in the archive: signers, Classified-by names, participants, drafters and clearers, with their cables')
    .option('--name <name>', 'only people whose name matches (surname, or first and last name), with every mention')
    .option('--limit <n>', 'people to list (default 50 for table, all for json)')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: ReaderFlags & { name?: string; limit?: string; format: string }) => {
      const format = oneOf('--format', opts.format, ['table', 'json'] as const)
      // a name reduced to nothing (empty, no letter) is refused, never read as everyone (as `gaps --origin -`)
      if (opts.name !== undefined) {
        try {
          checkPeopleName(opts.name)
        } catch (error) {
          if (error instanceof PeopleOptionError) throw new CliError(`--${error.message}`, 2)
          throw error
        }
      }
      const limit = opts.limit === undefined ? (format === 'table' ? 50 : Infinity) : wholeNumber('--limit', opts.limit, 1)
      const { store, access, reader } = await openForReading(opts, io)
      try {
        let people = await archivePeople(store, access, reader.messaging)
        if (opts.name !== undefined) people = peopleNamed(people, opts.name)
        const shown = people.slice(0, limit)
        io.stdout.write(format === 'json' ? JSON.stringify(shown, null, 2) + '\n' : peopleText(shown, opts.name !== undefined))
        if (people.length === 0) setExit(1)
      } finally {
        reader.close()
        await store.close()
      }
    })
  readerOptions(program.command('network'))
    .description('origin→addressee network, weighted by cables per year')
    .option('--year <year>', 'only cables of this year')
    .option('--format <format>', 'json (graphology), dot (Graphviz) or csv (source,target,year,weight)', 'json')
    .action(async (opts: ReaderFlags & { year?: string; format: string }) => {
      const format = oneOf('--format', opts.format, ['json', 'dot', 'csv'] as const)
      const year = opts.year === undefined ? undefined : wholeNumber('--year', opts.year, 1900, 2099)
      const { store, access, reader } = await openForReading(opts, io)
      try {
        // addressees read through the directory `cable route` uses: the database's own, else the shipped one
        const g = await cableNetwork(store, access, year, reader.messaging ? messagingDirectory(reader.messaging) : shippedDirectory())
        io.stdout.write(format === 'json' ? networkJson(g) : format === 'dot' ? networkDot(g) : networkCsv(g))
        if (g.size === 0) setExit(1)
      } finally {
        reader.close()
        await store.close()
      }
    })
}
