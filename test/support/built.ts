import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (this file is test/support/built.ts). */
export const REPO = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Throws unless the compiled CLI exists. `npm test` builds before vitest starts; tests must never rebuild
 * `dist/` themselves: tsc rewrites files in place, so a build during the run lets other tests' child
 * processes load a half-written module (CI saw "does not provide an export named …").
 * @throws Error naming the missing file and the command that makes it
 */
export function requireBuild(): void {
  const main = join(REPO, 'dist', 'src', 'cli', 'main.js')
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (\`npm test\` does)`)
}
