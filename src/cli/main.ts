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
      // commander's own usage errors (`error: missing required argument 'id'`) are written in the catch below,
      // naming the command they are about
      outputError: () => undefined,
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
      if (error.exitCode === 0) return 0
      io.stderr.write(`${usageError(program, argv, error)}\n`)
      return 2
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

/**
 * A commander usage error as `cable` writes every error: the command it is about, what is wrong, and where to read
 * the usage (`cable route: missing required argument 'id' (see cable route --help)`). A command that only groups
 * subcommands (`cable snapshot`) names them when none is given.
 */
export function usageError(program: Command, argv: string[], error: CommanderError): string {
  const path: string[] = []
  let command = program
  for (const arg of argv) {
    if (arg.startsWith('-')) break
    const sub = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg))
    if (!sub) break
    path.push(sub.name())
    command = sub
  }
  const where = ['cable', ...path].join(' ')
  const subs = command.commands.map((c) => c.name())
  if (subs.length && error.code !== 'commander.unknownCommand') {
    return `${where}: name a subcommand: ${subs.join(', ')} (see ${where} --help)`
  }
  const what = neutralizeControlChars(error.message.replace(/^error:\s*/, ''))
  return `${where}: ${what} (see ${where} --help)`
}

/** The database a command line names (`--db X`, `--db=X`, else `$CABLEGRAM_DB` or ./cablegram.db). */
function databaseNamed(argv: string[], io: Io): string {
  const i = argv.findIndex((a) => a === '--db' || a.startsWith('--db='))
  const flag = i < 0 ? undefined : argv[i].startsWith('--db=') ? argv[i].slice(5) : argv[i + 1]
  return resolveDbLocation(flag, io.env, io.cwd)
}
