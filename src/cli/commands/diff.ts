import type { Command } from 'commander'
import { diffVersions, ReadInPartError, VersionNotFoundError } from '../../archive/cable-versions.js'
import { diffText } from '../../archive/output/write-versions.js'
import type { ReaderFlags } from '../../archive/open-archive.js'
import { CliError, readInPartLine } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { oneOf, positiveInt } from '../option-values.js'
import { openForReading, readerOptions } from './show.js'

/** `cable diff ID [V1 V2]`: word diff between two versions of a cable (default: the first and the last). */
export function registerDiff(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('diff'))
    .description('word diff between two versions of a cable (default: its first and its last)')
    .argument('<id>', 'reference id (canonical or as written) or sha256: key')
    .argument('[v1]', 'older version number (see cable show ID --versions)')
    .argument('[v2]', 'newer version number')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, v1: string | undefined, v2: string | undefined, opts: ReaderFlags & { format: string }) => {
      oneOf('--format', opts.format, ['text', 'json'] as const)
      if (v1 !== undefined && v2 === undefined) throw new CliError('cable diff: give two version numbers, or none for the first and the last')
      const from = v1 === undefined ? undefined : positiveInt('V1', v1)
      const to = v2 === undefined ? undefined : positiveInt('V2', v2)
      const { store, access, reader } = await openForReading(opts, io)
      try {
        const d = await diffVersions(store, id, from, to, access)
        if (!d) {
          await reader.auditMissing(store, 'diff', id)
          io.stderr.write(`cable: ${id} is not in the archive\n`)
          setExit(1)
          return
        }
        io.stdout.write(opts.format === 'json' ? JSON.stringify(d, null, 2) + '\n' : diffText(d))
      } catch (error) {
        if (error instanceof VersionNotFoundError) throw new CliError(error.message)
        if (error instanceof ReadInPartError) {
          io.stderr.write(readInPartLine(error))
          setExit(1)
          return
        }
        throw error
      } finally {
        await reader.close()
        await store.close()
      }
    })
}
