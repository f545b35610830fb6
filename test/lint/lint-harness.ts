import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runCable, type MemoryIoOptions, type RunResult } from '../memory-io.js'

/** ../shared relative to the repository root; tests that read it skip when it is absent. */
export const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url))
export const SEED = `${SHARED}/corpus/seed/09STATE99704.txt`
export const CORPUS = `${SHARED}/corpus/cables`
export const hasShared = existsSync(SEED)

export type { RunResult } from '../memory-io.js'

/** Runs `cable …` in process; files come from disk, standard input from `stdin`. */
export function cable(argv: string[], opts: MemoryIoOptions = {}): Promise<RunResult> {
  return runCable(argv, opts)
}
