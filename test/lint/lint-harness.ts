import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { main } from '../../src/cli/main.js'
import type { Io } from '../../src/cli/io.js'

/** ../shared relative to the repository root; tests that read it skip when it is absent. */
export const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url))
export const SEED = `${SHARED}/corpus/seed/09STATE99704.txt`
export const CORPUS = `${SHARED}/corpus/cables`
export const hasShared = existsSync(SEED)

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `cable …` in process; files come from disk, standard input from `stdin`. */
export async function cable(argv: string[], opts: { stdin?: string; cwd?: string; tty?: boolean; env?: Record<string, string> } = {}): Promise<RunResult> {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: async () => opts.stdin ?? '',
    readFile: (p) => readFileSync(p, 'utf8'),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}
