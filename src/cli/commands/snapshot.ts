import type { Command } from 'commander'
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, type Stats } from 'node:fs'
import { resolve } from 'node:path'
import type { ReaderFlags } from '../../archive/open-archive.js'
import { snapshotCheckText, snapshotText } from '../../archive/output/write-snapshot.js'
import { QuerySyntaxError } from '../../archive/query/query-error.js'
import { loadSnapshot, parseSnapshot, saveSnapshot, SnapshotError, verifySnapshot, type Snapshot } from '../../archive/snapshots.js'
import type { Access, Store } from '../../store/store.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { oneOf } from '../option-values.js'
import { openForReading, readerOptions } from './show.js'

type Flags = ReaderFlags & { format: string }

/** A snapshot by id from this archive, or from a JSON file written by `snapshot show --format json`. */
async function findSnapshot(store: Store, ref: string, io: Io, access: Access | undefined): Promise<Snapshot> {
  const saved = await loadSnapshot(store, ref, access)
  if (saved) return saved
  // a file: named so (`.json`), or a path (a separator in it, or something by that name on disk: a directory is
  // refused as one, never taken for an id that does not exist)
  if (/\.json$/i.test(ref) || /[\\/]/.test(ref) || existsSync(resolve(io.cwd, ref))) return parseSnapshot(readSnapshotFile(resolve(io.cwd, ref), ref), ref)
  throw new SnapshotError(`no snapshot ${ref} in this archive (to check one saved elsewhere, pass its JSON file: cable snapshot show ID --format json > ID.json)`)
}

const WRITTEN_BY = 'a snapshot file is written by cable snapshot show ID --format json > ID.json'

/**
 * The text of a snapshot file. Only a regular file is read: the path is opened without blocking and checked on
 * the open descriptor, so a named pipe (which would wait for a writer forever), a device, a socket or a directory
 * is refused at once, naming what it is (`SnapshotError`).
 */
function readSnapshotFile(path: string, ref: string): string {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new SnapshotError(`${ref}: no such file (${WRITTEN_BY})`)
    throw new SnapshotError(`${ref}: cannot read the snapshot file (${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'a directory' : (code ?? String(error))})`)
  }
  try {
    const kind = fileKind(fstatSync(fd))
    if (kind) throw new SnapshotError(`${ref}: cannot read the snapshot file (${kind}): only a regular file is read; ${WRITTEN_BY}`)
    return readFileSync(fd, 'utf8')
  } catch (error) {
    if (error instanceof SnapshotError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new SnapshotError(`${ref}: cannot read the snapshot file (${code === 'EISDIR' ? 'a directory' : (code ?? String(error))})`)
  } finally {
    closeSync(fd)
  }
}

/** What a path that is no regular file is, in words; null for a regular file. */
function fileKind(st: Stats): string | null {
  if (st.isFile()) return null
  if (st.isDirectory()) return 'a directory'
  if (st.isFIFO()) return 'a named pipe'
  if (st.isSocket()) return 'a socket'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  return 'an unknown kind of file'
}

/** Runs one snapshot subcommand with the archive open, turning snapshot and query errors into usage errors. */
async function withArchive(opts: Flags, io: Io, fn: (store: Store, access: Awaited<ReturnType<typeof openForReading>>['access']) => Promise<void>, write = false): Promise<void> {
  oneOf('--format', opts.format, ['text', 'json'] as const)
  const { store, access, reader } = await openForReading(opts, io, { write })
  try {
    await fn(store, access)
  } catch (error) {
    if (error instanceof SnapshotError) throw new CliError(error.message)
    if (error instanceof QuerySyntaxError) throw new CliError(`${error.message}\n${error.excerpt()}`)
    throw error
  } finally {
    await reader.close()
    await store.close()
  }
}

/** `cable snapshot save QUERY | show ID | verify ID`: citable query snapshots (docs/research.md). */
export function registerSnapshot(program: Command, io: Io, setExit: SetExit): void {
  const snapshot = program.command('snapshot').description('citable query snapshots: save a result set, verify it later on any archive')
  readerOptions(snapshot.command('save'))
    .description('record what a query returns now: content hashes, count and a short id to cite')
    .argument('<query...>', 'the query (docs/search.md); several words are joined with spaces')
    .option('--format <format>', 'text or json', 'text')
    .action(async (words: string[], opts: Flags) =>
      withArchive(opts, io, async (store, access) => {
        const s = await saveSnapshot(store, words.join(' '), access)
        io.stdout.write(opts.format === 'json' ? JSON.stringify(s, null, 2) + '\n' : snapshotText(s))
      }, true),
    )
  readerOptions(snapshot.command('show'))
    .description('print a saved snapshot (--format json writes the file `verify` reads on another archive)')
    .argument('<id>', 'snapshot id (cg-…)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, opts: Flags) =>
      withArchive(opts, io, async (store, access) => {
        const s = await findSnapshot(store, id, io, access)
        io.stdout.write(opts.format === 'json' ? JSON.stringify(s, null, 2) + '\n' : snapshotText(s))
      }),
    )
  readerOptions(snapshot.command('verify'))
    .description('run a snapshot query again: identical, or the cables added, removed and changed (exit 1 when different)')
    .argument('<id>', 'snapshot id saved in this archive, or a snapshot JSON file')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, opts: Flags) =>
      withArchive(opts, io, async (store, access) => {
        const check = await verifySnapshot(store, await findSnapshot(store, id, io, access), access)
        io.stdout.write(opts.format === 'json' ? JSON.stringify(check, null, 2) + '\n' : snapshotCheckText(check))
        if (!check.identical) setExit(1)
      }),
    )
}
