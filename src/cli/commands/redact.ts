import type { Command } from 'commander'
import type { ReaderFlags } from '../../archive/open-archive.js'
import { clearanceSpec } from '../../archive/reader-access.js'
import { redactStoredCable } from '../../archive/releasable.js'
import { ReadInPartError } from '../../archive/cable-versions.js'
import { CliError, readInPartLine } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { oneOf } from '../option-values.js'
import { openForReading, readerOptions } from './show.js'

/** `cable redact ID --for LEVEL[,CAVEATS]`: the cable as a reader at that clearance may see it. */
export function registerRedact(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('redact'))
    .description('render a cable for a lower clearance: portions above it replaced by a line saying what was withheld and why')
    .argument('<id>', 'reference id (canonical or as written) or sha256: key')
    .requiredOption('--for <clearance>', 'the releasable level and caveats: CONFIDENTIAL, SECRET,NOFORN, UNCLASSIFIED')
    .option('--format <format>', 'text or json (text plus the list of withheld portions)', 'text')
    .action(async (id: string, opts: ReaderFlags & { for: string; format: string }) => {
      oneOf('--format', opts.format, ['text', 'json'] as const)
      let target
      try {
        target = clearanceSpec(opts.for)
      } catch (error) {
        throw new CliError(`--for: ${(error as Error).message}`)
      }
      const { store, access, reader } = await openForReading(opts, io)
      try {
        let r
        try {
          r = await redactStoredCable(store, id, target, access)
        } catch (error) {
          // read in part: said so (exit 1), never "not in the archive" (QA 10 F2)
          if (!(error instanceof ReadInPartError)) throw error
          io.stderr.write(readInPartLine(error))
          setExit(1)
          return
        }
        if (!r) {
          await reader.auditMissing(store, 'redact', id)
          io.stderr.write(`cable: ${id} is not in the archive\n`)
          setExit(1)
          return
        }
        io.stdout.write(opts.format === 'json' ? JSON.stringify(r, null, 2) + '\n' : r.text)
      } finally {
        await reader.close()
        await store.close()
      }
    })
}
