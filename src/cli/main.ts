import { Command, CommanderError } from 'commander'
import { resolveDbLocation } from '../archive/db-location.js'
import { DatabaseFileError, fileErrorReason } from '../store/database-file-error.js'
import { registerCommands } from './commands/index.js'
import { CliError } from './errors.js'
import { neutralizeControlChars } from '../format/control-chars.js'
import { nodeIo, terminalSafe, type Io } from './io.js'

/**
 * Runs the `cable` command line and resolves to the process exit code.
 * Only this function turns errors into exit codes; commands throw `CliError`.
 *
 * @example
 *   process.exitCode = await main(['parse', 'cable.txt'])
 */
export async function main(argv: string[], rawIo: Io = nodeIo()): Promise<number> {
  // cable text and fields are untrusted: their control characters never reach a terminal as commands. `render` and
  // `lint` write file contents (byte-exact, form feeds between cables) when their output goes to a file or pipe.
  const io = terminalSafe(rawIo, (argv[0] === 'render' || argv[0] === 'lint') && rawIo.stdout.isTTY !== true)
  const program = new Command('cable')
    .description('Cablegram: diplomatic telegrams — parse, render, lint, archive, search and deliver')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
  let exitCode = 0
  registerCommands(program, io, (code) => {
    exitCode = code
  })
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit through here with code 0
      return error.exitCode === 0 ? 0 : 2
    }
    if (error instanceof CliError) {
      io.stderr.write(`cable: ${neutralizeControlChars(error.message)}\n`)
      return error.exitCode
    }
    if (error instanceof DatabaseFileError) {
      io.stderr.write(`cable: ${neutralizeControlChars(error.message)}\n`)
      return 2
    }
    // a database that turns out damaged midway (a page fails its checks during a search) is the file's
    // fault, not the program's: name the file, exit 2
    const fileReason = fileErrorReason(error)
    if (fileReason) {
      io.stderr.write(`cable: ${databaseNamed(argv, io)}: ${fileReason}\n`)
      return 2
    }
    io.stderr.write(`cable: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 70
  }
}

/** The database a command line names (`--db X`, `--db=X`, else `$CABLEGRAM_DB` or ./cablegram.db). */
function databaseNamed(argv: string[], io: Io): string {
  const i = argv.findIndex((a) => a === '--db' || a.startsWith('--db='))
  const flag = i < 0 ? undefined : argv[i].startsWith('--db=') ? argv[i].slice(5) : argv[i + 1]
  return resolveDbLocation(flag, io.env, io.cwd)
}
