import type { Command } from 'commander'
import { resolveDbLocation } from '../../archive/db-location.js'
import { openArchiveForReading, type ReaderFlags } from '../../archive/open-archive.js'
import { showText } from '../../archive/output/write-show.js'
import { readerAccess } from '../../archive/reader-access.js'
import { showCable } from '../../archive/show-cable.js'
import { cableVersions, ReadInPartError } from '../../archive/cable-versions.js'
import { versionsText } from '../../archive/output/write-versions.js'
import { findCable } from '../../archive/find-cable.js'
import { parseCable } from '../../format/parse.js'
import { renderCanonical } from '../../format/render-canonical.js'
import { archiveReader, ServiceError, type ArchiveReader } from '../../messaging/index.js'
import type { Access, Store } from '../../store/store.js'
import { CliError, readInPartLine } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { EXIT_CODES } from './messaging-common.js'
import { oneOf } from '../option-values.js'

/**
 * Opens the archive and the reader for a read command: in a database with a messaging directory the reader
 * is a user (`--as`, `$CABLEGRAM_USER`) with that user's access; in a plain archive, `--clearance` and
 * `--caveats` narrow what is shown. Bad flags and refusals become CLI errors.
 */
export async function openForReading(flags: ReaderFlags, io: Io, options: { write?: boolean } = {}): Promise<{ store: Store; access: Access | undefined; reader: ArchiveReader }> {
  const location = resolveDbLocation(flags.db, io.env, io.cwd)
  let store: Store
  let declared: Access | undefined
  try {
    declared = readerAccess(flags.clearance, flags.caveats)
    store = openArchiveForReading(location, options)
  } catch (error) {
    throw new CliError((error as Error).message)
  }
  try {
    const reader = await archiveReader(location, { as: flags.as, envUser: io.env['CABLEGRAM_USER'], declared })
    return { store, access: reader.access, reader }
  } catch (error) {
    await store.close()
    if (error instanceof ServiceError) throw new CliError(error.message, EXIT_CODES[error.code])
    throw error
  }
}

/** Adds the options every read command shares. */
export function readerOptions(command: Command): Command {
  return command
    .option('--db <path>', 'database file (default $CABLEGRAM_DB or ./cablegram.db)')
    .option('--as <user>', 'read as this directory user (default $CABLEGRAM_USER); required where the database has a directory')
    .option('--clearance <level>', 'in a plain archive: read as a reader with this clearance (default: all visible)')
    .option('--caveats <list>', 'with --clearance: caveats the reader holds, comma-separated (NOFORN,EXDIS,…)')
}

/** `cable show ID`: one cable with its references resolved and the cables citing it; exit 1 when absent. */
export function registerShow(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('show'))
    .description('show a cable from the archive, its references resolved, and the cables that cite it')
    .argument('<id>', 'reference id (canonical or as written) or sha256: key')
    .option('--format <format>', 'text or json', 'text')
    .option('--canonical', 'print the text in canonical layout instead of as stored')
    .option('--versions', 'list every text of the cable (later releases, corrected copies) with its sources')
    .action(async (id: string, opts: ReaderFlags & { format: string; canonical?: boolean; versions?: boolean }) => {
      oneOf('--format', opts.format, ['text', 'json'] as const)
      const { store, access, reader } = await openForReading(opts, io)
      try {
        if (opts.versions) {
          let versions
          try {
            versions = await cableVersions(store, id, access)
          } catch (error) {
            // read in part: his versions are withheld, said as `diff` says it (exit 1), never "not in the archive"
            if (!(error instanceof ReadInPartError)) throw error
            io.stderr.write(readInPartLine(error))
            setExit(1)
            return
          }
          if (!versions) {
            await reader.auditMissing(store, 'show', id)
            io.stderr.write(`cable: ${id} is not in the archive\n`)
            setExit(1)
            return
          }
          const key = (await findCable(store, id, access))?.key ?? id
          io.stdout.write(opts.format === 'json' ? JSON.stringify({ key, versions }, null, 2) + '\n' : versionsText(key, versions))
          return
        }
        const view = await showCable(store, id, access)
        if (!view) {
          await reader.auditMissing(store, 'show', id)
          io.stderr.write(`cable: ${id} is not in the archive\n`)
          setExit(1)
          return
        }
        if (opts.format === 'json') {
          io.stdout.write(JSON.stringify(view, null, 2) + '\n')
          return
        }
        const text = opts.canonical ? renderCanonical(parseCable(view.cable.text, { plain: true })) : view.cable.text
        io.stdout.write(showText(view, text))
      } finally {
        await reader.close()
        await store.close()
      }
    })
}
