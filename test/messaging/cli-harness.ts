import { readFileSync } from 'node:fs'
import { main } from '../../src/cli/main.js'
import type { Io } from '../../src/cli/io.js'

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `cable …` in process with a fake Io whose env points at `db`; files are read from disk. */
export async function cable(db: string, argv: string[], env: Record<string, string> = {}): Promise<RunResult> {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: async () => '',
    readFile: (p) => readFileSync(p, 'utf8'),
    cwd: process.cwd(),
    env: { CABLEGRAM_DB: db, ...env },
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}
