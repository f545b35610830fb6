import type { Command } from 'commander'
import { copyArchive } from '../../archive/copy-archive.js'
import { openArchiveForReading } from '../../archive/open-archive.js'
import { archiveCopier, checkedMessagingCopy, ServiceError, type ArchiveCopier, type CheckedMessagingCopy, type MessagingCopyReport } from '../../messaging/index.js'
import { openStore } from '../../store/open-store.js'
import { DatabaseFileError } from '../../store/database-file-error.js'
import { EXIT_CODES } from './messaging-common.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { oneOf, positiveInt } from '../option-values.js'

/**
 * `cable copy --from LOCATION --to LOCATION`: an archive, and the messaging tables when the source holds
 * any (unless `--archive-only`), from one database to another (SQLite file or `postgres://` URL, either
 * way), resumable, verified at the end; exit 1 when the verification fails, 2 when the target's messaging
 * tables hold other data.
 */
export function registerCopy(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('copy')
    .description('copy an archive and its messaging tables between databases (SQLite file or postgres:// URL, either way); resumable; verified by counts and hashes')
    .requiredOption('--from <location>', 'source database')
    .requiredOption('--to <location>', 'target database (created if needed)')
    .option('--batch <n>', 'cables (or messaging rows) per target transaction', '500')
    .option('--archive-only', 'copy the cables only, not the messaging tables (directory, drafts, released cables, deliveries, audit log …)')
    .option('--format <format>', 'report format: text or json', 'text')
    .option('--as <user>', 'with an operator database: copying from one needs its admin, copying into one an archivist or admin (default $CABLEGRAM_USER)')
    .action(async (opts: { from: string; to: string; batch: string; format: string; as?: string; archiveOnly?: boolean }) => {
      const batchSize = positiveInt('--batch', opts.batch)
      oneOf('--format', opts.format, ['text', 'json'] as const)
      if (opts.from === opts.to) throw new CliError('--from and --to name the same database')
      // who may copy: the rule lives in the service layer (admin of an operator source, archivist or admin of an operator target)
      let copier: ArchiveCopier
      try {
        copier = await archiveCopier(opts.from, opts.to, opts.as ?? io.env['CABLEGRAM_USER'], { archiveOnly: opts.archiveOnly === true })
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
      try {
        // the PostgreSQL engine reports a source without an archive from the store's first call: make one (a
        // settings read) before the target is opened, so a refused copy leaves no new empty target behind
        await source.portionAccess()
      } catch (error) {
        await source.close()
        await copier.close()
        throw error
      }
      let target
      try {
        target = openStore(opts.to)
      } catch (error) {
        await source.close()
        await copier.close()
        // a bad target URL already names itself, its password hidden
        if (error instanceof DatabaseFileError) throw error
        throw new CliError(`cannot open ${opts.to}: ${(error as Error).message}`)
      }
      let messagingCopy: CheckedMessagingCopy | null = null
      try {
        // a target holding other messaging data is refused before anything is written; the messaging rows are
        // copied after the cables (checkedMessagingCopy says why)
        if (copier.messaging) messagingCopy = await userError(checkedMessagingCopy(opts.from, opts.to))
        const full = await copyArchive(source, target, {
          ...copier.options,
          batchSize,
          onProgress: (p) => {
            if (io.stderr.isTTY) io.stderr.write(`\rcopy: ${p.done}/${p.total} cables, ${p.written} written   `)
          },
        })
        if (io.stderr.isTTY) io.stderr.write('\n')
        const messaging = messagingCopy ? await copyMessagingTables(messagingCopy, batchSize, io) : null
        await copier.record(full)
        const report = copier.shown(full)
        const verified = report.verified && (messaging?.verified ?? true)
        if (opts.format === 'json') io.stdout.write(JSON.stringify(messaging ? { ...report, messaging } : report) + '\n')
        else {
          io.stdout.write(
            `Copied ${report.cables} cables from ${opts.from} to ${opts.to} in ${report.seconds.toFixed(1)} s` +
              ('written' in report ? ` (${report.written} written, ${report.skipped} already there)` : '') +
              '\n' +
              (report.verified ? `verified: same cables, sources and text hashes${report.portionAccess === null ? '' : `, archive settings (portion-access ${report.portionAccess ? 'on' : 'off'})`}\n` : `NOT verified:\n${report.differences.map((d) => `  ${d}\n`).join('')}`),
          )
          if (messaging) io.stdout.write(messagingText(messaging))
        }
        if (!verified) setExit(1)
      } finally {
        await messagingCopy?.close()
        await source.close()
        await target.close()
        await copier.close()
      }
    })
}

/** A service refusal as the CLI reports it (exit 2 for a target holding other messaging data). */
async function userError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof ServiceError) throw new CliError(error.message, EXIT_CODES[error.code])
    throw error
  }
}

/** Copies the messaging tables, with progress on a terminal. */
async function copyMessagingTables(messaging: CheckedMessagingCopy, batchSize: number, io: Io): Promise<MessagingCopyReport> {
  try {
    return await userError(
      messaging.copy({
        batchSize,
        onProgress: (p) => {
          if (io.stderr.isTTY) io.stderr.write(`\rcopy: ${p.table} ${p.rows} rows, ${p.written} written   `)
        },
      }),
    )
  } finally {
    if (io.stderr.isTTY) io.stderr.write('\n')
  }
}

/** The messaging part of the text report: rows per table, what was left out, the verification. */
function messagingText(m: MessagingCopyReport): string {
  const rows = m.tables.reduce((n, t) => n + t.rows, 0)
  const written = m.tables.reduce((n, t) => n + t.written, 0)
  return (
    `Copied ${rows} messaging rows in ${m.tables.length} tables in ${m.seconds.toFixed(1)} s (${written} written, ${rows - written} already there)\n` +
    m.leftOut.map((l) => `left out: ${l}\n`).join('') +
    (m.verified ? 'verified: same rows in every messaging table (counts and hashes), audit chain intact\n' : `messaging NOT verified:\n${m.differences.map((d) => `  ${d}\n`).join('')}`)
  )
}
