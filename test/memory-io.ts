import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Io } from '../src/cli/io.js'
import { main } from '../src/cli/main.js'

export type MemoryIo = Io & { out: () => string; err: () => string }

export interface MemoryIoOptions {
  /** Working directory: relative file paths and configuration are found from it (as with a real shell). */
  cwd?: string
  env?: Record<string, string>
  stdin?: string
  /** Pretend standard output is a terminal (colour, progress bars). */
  tty?: boolean
}

/** An Io that records what a command writes; files are read from disk relative to `cwd`. */
export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  let out = ''
  let err = ''
  const cwd = options.cwd ?? process.cwd()
  return {
    stdout: { write: (s: string) => (out += s), isTTY: options.tty },
    stderr: { write: (s: string) => (err += s) },
    readStdin: async () => options.stdin ?? '',
    readFile: (path) => readFileSync(resolve(cwd, path), 'utf8'),
    cwd,
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  }
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `cable …` in process, as the tests of every command do. */
export async function runCable(argv: string[], options: MemoryIoOptions = {}): Promise<RunResult> {
  const io = memoryIo(options)
  const code = await main(argv, io)
  return { code, stdout: io.out(), stderr: io.err() }
}
