import { Command, CommanderError } from 'commander'
import { registerCommands } from './commands/index.js'
import { CliError } from './errors.js'
import { nodeIo, type Io } from './io.js'

/**
 * Runs the `cable` command line and resolves to the process exit code.
 * Only this function turns errors into exit codes; commands throw `CliError`.
 *
 * @example
 *   process.exitCode = await main(['parse', 'cable.txt'])
 */
export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
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
      io.stderr.write(`cable: ${error.message}\n`)
      return error.exitCode
    }
    io.stderr.write(`cable: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 70
  }
}
