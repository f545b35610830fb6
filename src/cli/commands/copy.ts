import type { Command } from 'commander'
import { copyArchive } from '../../archive/copy-archive.js'
import { openArchiveForReading } from '../../archive/open-archive.js'
import { archiveCopier, ServiceError, type ArchiveCopier } from '../../messaging/index.js'
import { openStore } from '../../store/open-store.js'
import { EXIT_CODES } from './messaging-common.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { oneOf, positiveInt } from '../option-values.js'

/**
 * `cable copy --from LOCATION --to LOCATION`: an archive from one database to another (SQLite file or
 * `postgres://` URL, either way), resumable, verified at the end; exit 1 when the verification fails.
 */
export function registerCopy(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('copy')
    .description('copy an archive between databases (SQLite file or postgres:// URL, either way); resumable; verified by counts and text hashes')
    .requiredOption('--from <location>', 'source database')
    .requiredOption('--to <location>', 'target database (created if needed)')
    .option('--batch <n>', 'cables per target transaction', '500')
    .option('--format <format>', 'report format: text or json', 'text')
    .option('--as <user>', 'with an operator database: copying from one needs its admin, copying into one an archivist or admin (default $CABLEGRAM_USER)')
    .action(async (opts: { from: string; to: string; batch: string; format: string; as?: string }) => {
      const batchSize = positiveInt('--batch', opts.batch)
      oneOf('--format', opts.format, ['text', 'json'] as const)
      if (opts.from === opts.to) throw new CliError('--from and --to name the same database')
      // who may copy: the rule lives in the service layer (admin of an operator source, archivist or admin of an operator target)
      let copier: ArchiveCopier
      try {
        copier = await archiveCopier(opts.from, opts.to, opts.as ?? io.env['CABLEGRAM_USER'])
      } catch (error) {
        if (error instanceof ServiceError) throw new CliError(error.message, EXIT_CODES[error.code])
        throw error
      }
      let source
      try {
        source = openArchiveForReading(opts.from)
      } catch (error) {
        await copier.close()
        throw error
      }
      let target
      try {
        target = openStore(opts.to)
      } catch (error) {
        await source.close()
        await copier.close()
        throw new CliError(`cannot open ${opts.to}: ${(error as Error).message}`)
      }
      try {
        const full = await copyArchive(source, target, {
          ...copier.options,
          batchSize,
          onProgress: (p) => {
            if (io.stderr.isTTY) io.stderr.write(`\rcopy: ${p.done}/${p.total} cables, ${p.written} written   `)
          },
        })
        if (io.stderr.isTTY) io.stderr.write('\n')
        await copier.record(full)
        const report = copier.shown(full)
        if (opts.format === 'json') io.stdout.write(JSON.stringify(report) + '\n')
        else {
          io.stdout.write(
            `Copied ${report.cables} cables from ${opts.from} to ${opts.to} in ${report.seconds.toFixed(1)} s` +
              ('written' in report ? ` (${report.written} written, ${report.skipped} already there)` : '') +
              '\n' +
              (report.verified ? 'verified: same cables, sources and text hashes\n' : `NOT verified:\n${report.differences.map((d) => `  ${d}\n`).join('')}`),
          )
        }
        if (!report.verified) setExit(1)
      } finally {
        await source.close()
        await target.close()
        await copier.close()
      }
    })
}
