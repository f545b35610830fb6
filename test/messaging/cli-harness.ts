import { runCable, type RunResult } from '../memory-io.js'

export type { RunResult } from '../memory-io.js'

/** Runs `cable …` in process with its database set by `CABLEGRAM_DB`; files are read from disk. */
export function cable(db: string, argv: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runCable(argv, { env: { CABLEGRAM_DB: db, ...env } })
}
