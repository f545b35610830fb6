import type { Command } from 'commander'
import { resolveDbLocation } from '../../archive/db-location.js'
import { openArchiveForReading, type ReaderFlags } from '../../archive/open-archive.js'
import { showText } from '../../archive/output/write-show.js'
import { readerAccess } from '../../archive/reader-access.js'
import { showCable } from '../../archive/show-cable.js'
import { parseCable } from '../../format/parse.js'
import { renderCanonical } from '../../format/render-canonical.js'
import type { Access, Store } from '../../store/store.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'

/** Opens the archive and the reader's access for a read command, turning bad flags into usage errors. */
export function openForReading(flags: ReaderFlags, io: Io): { store: Store; access: Access | undefined } {
  try {
    const access = readerAccess(flags.clearance, flags.caveats)
    return { store: openArchiveForReading(resolveDbLocation(flags.db, io.env, io.cwd)), access }
  } catch (error) {
    throw new CliError((error as Error).message)
  }
}

/** Adds the options every read command shares. */
export function readerOptions(command: Command): Command {
  return command
    .option('--db <path>', 'database file (default $CABLEGRAM_DB or ./cablegram.db)')
    .option('--clearance <level>', 'read as a reader with this clearance (default: archive mode, all visible)')
    .option('--caveats <list>', 'caveats the reader holds, comma-separated (NOFORN,EXDIS,…)')
}

/** `cable show ID`: one cable with its references resolved and the cables citing it; exit 1 when absent. */
export function registerShow(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('show'))
    .description('show a cable from the archive, its references resolved, and the cables that cite it')
    .argument('<id>', 'reference id (canonical or as written) or sha256: key')
    .option('--format <format>', 'text or json', 'text')
    .option('--canonical', 'print the text in canonical layout instead of as stored')
    .action(async (id: string, opts: ReaderFlags & { format: string; canonical?: boolean }) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new CliError(`--format must be text or json, got "${opts.format}"`)
      const { store, access } = openForReading(opts, io)
      try {
        const view = await showCable(store, id, access)
        if (!view) {
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
        await store.close()
      }
    })
}
