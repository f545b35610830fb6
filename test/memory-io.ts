import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Io } from '../src/cli/io.js'

export type MemoryIo = Io & { out: () => string; err: () => string }

/** An Io that records what a command writes; files are read from disk relative to `cwd`. */
export function memoryIo(options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {}): MemoryIo {
  let out = ''
  let err = ''
  const cwd = options.cwd ?? process.cwd()
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    readStdin: async () => options.stdin ?? '',
    readFile: (path) => readFileSync(resolve(cwd, path), 'utf8'),
    cwd,
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  }
}
