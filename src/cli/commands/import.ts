import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { resolve } from 'node:path'
import { resolveDbLocation } from '../../archive/db-location.js'
import { importArchive, type ImportReport } from '../../archive/import/import-archive.js'
import { openStore } from '../../store/open-store.js'
import { archiveImporter, ServiceError, type ArchiveImporter, type WithheldReport } from '../../messaging/index.js'
import { DatabaseFileError } from '../../store/database-file-error.js'
import { CliError } from '../errors.js'
import { EXIT_CODES } from './messaging-common.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { oneOf, positiveInt } from '../option-values.js'

/** `cable import PATH…`: files and directories into the archive; exit 1 when some input was unreadable. */
export function registerImport(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('import')
    .description('import cables (text, Cablegate HTML, cables.csv, JSON Lines; directories recursively) into the archive')
    .argument('<paths...>', 'files or directories')
    .option('--db <path>', 'database file (default $CABLEGRAM_DB or ./cablegram.db)')
    .option('--batch <n>', 'cables per transaction', '2000')
    .option('--format <format>', 'report format: text or json', 'text')
    .option('--as <user>', 'in an operator database: the importing user, an archivist or admin (default $CABLEGRAM_USER)')
    .action(async (paths: string[], opts: { db?: string; batch: string; format: string; as?: string }) => {
      const batchSize = positiveInt('--batch', opts.batch)
      oneOf('--format', opts.format, ['text', 'json'] as const)
      const location = resolveDbLocation(opts.db, io.env, io.cwd)
      let importer: ArchiveImporter
      try {
        importer = await archiveImporter(location, opts.as ?? io.env['CABLEGRAM_USER'])
      } catch (error) {
        if (error instanceof ServiceError) throw new CliError(error.message, EXIT_CODES[error.code])
        throw error
      }
      let store
      try {
        store = openStore(location)
      } catch (error) {
        await importer.close()
        if (error instanceof DatabaseFileError) throw error
        throw new CliError(`cannot open ${location}: ${(error as Error).message}`)
      }
      const bar = io.stderr.isTTY
        ? new SingleBar({
            stream: io.stderr as NodeJS.WritableStream,
            format: '{bar} {percentage}% | {cables} cables | {rate} cables/s | ETA {eta_formatted}',
            etaBuffer: 50,
          })
        : null
      const started = Date.now()
      bar?.start(1, 0, { cables: 0, rate: 0 })
      try {
        const report = await importArchive(store, paths.map((p) => resolve(io.cwd, p)), {
          batchSize,
          onProgress: (p) => {
            if (!bar) return
            bar.setTotal(Math.max(1, p.bytesTotal))
            bar.update(p.bytesDone, { cables: p.cables, rate: Math.round(p.cables / Math.max(0.001, (Date.now() - started) / 1000)) })
          },
        })
        bar?.stop()
        await importer.record(report)
        const shown = importer.shown(report)
        io.stdout.write(opts.format === 'json' ? JSON.stringify(shown) + '\n' : summary(shown, location))
        if (report.problems.length > 0) setExit(1)
      } finally {
        bar?.stop()
        await store.close()
        await importer.close()
      }
    })
}

function summary(r: WithheldReport & Partial<ImportReport>, location: string): string {
  const rate = r.seconds > 0 ? Math.round(r.cables / r.seconds) : r.cables
  const mbs = r.seconds > 0 ? (r.bytes / 1e6 / r.seconds).toFixed(1) : '-'
  let out =
    `Imported ${r.cables} cable${r.cables === 1 ? '' : 's'} from ${r.files} file${r.files === 1 ? '' : 's'} into ${location} in ${r.seconds.toFixed(1)} s (${rate} cables/s, ${mbs} MB/s)\n` +
    (r.inserted === undefined
      ? ''
      : `  new ${r.inserted}, new version ${r.versionsAdded}, replaced by a better copy ${r.replaced}, already stored ${r.unchanged}, new sources ${r.sourcesAdded}` +
        // a section of a telegram sent in sections that its cable lacked (docs/research.md, "Sections")
        (r.sectionsAdded ? `, new section ${r.sectionsAdded}` : '') +
        (r.releasedKept ? `, under a released cable's id (not changed) ${r.releasedKept}` : '') +
        '\n') +
    `  cables with parse errors (stored with their diagnostics): ${r.withErrors}\n`
  if (r.problems.length) {
    out += `  ${r.problems.length} input${r.problems.length === 1 ? '' : 's'} not imported:\n`
    for (const p of r.problems) out += `    ${p.locator}: ${p.reason}\n`
  }
  return out
}
