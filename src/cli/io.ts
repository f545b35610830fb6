import { readFileSync } from 'node:fs'
import { neutralizeForTerminal } from '../format/control-chars.js'
import type { TerminalInput } from './hidden-input.js'

/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean }
  stderr: { write(s: string): unknown; isTTY?: boolean }
  readStdin(): Promise<string>
  /** Standard input when it is a terminal (secrets are then read without echo); absent when it is a pipe or file. */
  terminal?: TerminalInput
  readFile(path: string): string
  cwd: string
  env: Record<string, string | undefined>
}

/**
 * The process's own streams. A reader that stops early (`cable search … | head`) closes the pipe: the
 * command then ends quietly with its exit code so far instead of dying on EPIPE with a stack trace; any
 * other failure to write the output is reported in one line, exit 2.
 */
export function nodeIo(): Io {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
    process.stderr.write(`cable: cannot write the output: ${error.message}\n`)
    process.exit(2)
  })
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    readFile: (path) => readFileSync(path, 'utf8'),
    terminal: process.stdin.isTTY ? process.stdin : undefined,
    cwd: process.cwd(),
    env: process.env,
  }
}

/**
 * The same Io with standard output made safe for a terminal: control characters of cable text and fields are
 * shown as visible stand-ins (ESC → ␛), so a hostile cable cannot move the cursor, clear the screen or set the
 * window title of the reader's terminal; the command's own colours (SGR) pass. `raw` keeps the bytes as they are
 * (byte-exact renderings written to a file or a pipe). Standard error is left as it is (the progress bar drives
 * the terminal there); messages written to it are neutralised where they are made.
 */
export function terminalSafe(io: Io, raw: boolean): Io {
  if (raw) return io
  const out = io.stdout
  const stdout = Object.create(out) as Io['stdout']
  stdout.write = (s: string) => out.write(typeof s === 'string' ? neutralizeForTerminal(s) : s)
  return { ...io, stdout }
}
