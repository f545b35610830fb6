import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The read-only shared folder beside the repository (`../shared`), or `$CABLEGRAM_SHARED` when the
 * checkout lives elsewhere (a git worktree); tests on the real corpus skip when it is absent.
 */
export const SHARED = process.env['CABLEGRAM_SHARED'] ?? fileURLToPath(new URL('../../../shared', import.meta.url))
export const CORPUS_CABLES = join(SHARED, 'corpus', 'cables')
export const SEED = join(SHARED, 'corpus', 'seed', '09STATE99704.txt')
export const HAS_CORPUS = existsSync(CORPUS_CABLES)
export const HAS_SEED_CABLE = existsSync(SEED)
