import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCable } from '../memory-io.js'

const dir = mkdtempSync(join(tmpdir(), 'cablegram-reader-'))
const db = join(dir, 'plain.db')
const samples = join(import.meta.dirname, '../../samples')

describe('archive readers in a plain archive (no directory users)', () => {
  beforeAll(async () => {
    expect((await runCable(['import', samples, '--db', db])).code).toBe(0)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('should show everything without a declared clearance', async () => {
    const r = await runCable(['search', 'trade', '--db', db, '--format', 'jsonl'])
    expect(r.stdout).toContain('09PARIS77')
  })

  it('should narrow what a declared clearance sees, counts included', async () => {
    const hidden = await runCable(['search', 'trade', '--db', db, '--clearance', 'UNCLASSIFIED', '--format', 'json', '--facets'])
    expect(hidden.stdout).not.toContain('09PARIS77')
    expect(JSON.parse(hidden.stdout).total).toBe(0)
    const shown = await runCable(['search', 'trade', '--db', db, '--clearance', 'CONFIDENTIAL', '--format', 'jsonl'])
    expect(shown.stdout).toContain('09PARIS77')
  })

  it('should refuse --as where there is no directory to know the user from', async () => {
    const r = await runCable(['show', '09PARIS77', '--db', db, '--as', 'dora'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no directory users/)
  })

  it('should ignore $CABLEGRAM_USER in a plain archive', async () => {
    const r = await runCable(['stats', '--db', db, '--format', 'json'], { env: { CABLEGRAM_USER: 'dora' } })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).cables).toBe(3)
  })
})
