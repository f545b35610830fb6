import { isAbsolute, resolve } from 'node:path'
import { DEFAULT_DB } from '../store/open-store.js'

/**
 * Which database a command uses: `--db`, else `CABLEGRAM_DB`, else `./cablegram.db`, relative paths
 * taken from `cwd`.
 *
 * @example
 *   resolveDbLocation(undefined, { CABLEGRAM_DB: '/data/a.db' }, '/home') // '/data/a.db'
 */
export function resolveDbLocation(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): string {
  const chosen = flag ?? env['CABLEGRAM_DB'] ?? DEFAULT_DB
  if (chosen === ':memory:' || /^[a-z]+:\/\//.test(chosen) || isAbsolute(chosen)) return chosen
  return resolve(cwd, chosen)
}
