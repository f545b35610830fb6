import { build } from 'esbuild'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
// inside the repo's node_modules so the bundle resolves better-sqlite3 and finds data/ walking up
const OUT_DIR = join(ROOT, 'node_modules/.cache/cablegram-messaging-test')

/** Bundles driver.ts (TypeScript sources included) into one ESM file Node runs directly. */
export async function bundleDriver(): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true })
  const outfile = join(OUT_DIR, `driver-${process.pid}.mjs`)
  await build({
    entryPoints: [join(ROOT, 'test/messaging/driver.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pg'],
    outfile,
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  })
  return outfile
}

export function spawnDriver(driver: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [driver, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Resolves with the exit code and output once the child ends. */
export function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d) => (stdout += d))
  child.stderr?.on('data', (d) => (stderr += d))
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })))
}
