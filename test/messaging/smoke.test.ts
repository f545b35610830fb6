import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BUILT = existsSync(join(ROOT, 'dist/src/cli/main.js'))

describe.skipIf(!BUILT)('the real cable binary (needs npm run build)', () => {
  it('should install the directory, add a user and list an empty inbox', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablegram-smoke-'))
    try {
      const env = { ...process.env, CABLEGRAM_DB: join(dir, 'smoke.db'), CABLEGRAM_USER: 'root' }
      const run = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/cable.js'), ...args], { env, encoding: 'utf8' })
      expect(run('directory', 'init')).toMatch(/installed \d+ posts/)
      expect(run('user', 'add', 'root', '--post', 'AMEMBASSY DUSHANBE', '--roles', 'admin,reader', '--clearance', 'SBU')).toContain('root')
      expect(run('inbox')).toBe('0 cables\n')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
