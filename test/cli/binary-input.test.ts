import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { binaryTextReason } from '../../src/format/text-input.js'
import { runCable } from '../memory-io.js'

// A binary file given to parse/lint/render is no telegram: the same rule import applies (a NUL byte),
// reported as a usage/I-O error (exit 2) naming the file, not parsed into a Cable of nulls with exit 0.
const dir = mkdtempSync(join(tmpdir(), 'cable-binary-'))
const bin = join(dir, 'image.txt')
writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x41, 0x42]))

describe('binary input', () => {
  it('binaryTextReason should name a NUL in the first 8 KB and accept telegram text', () => {
    expect(binaryTextReason('UNCLAS STATE 000001\n')).toBeNull()
    expect(binaryTextReason('abc\u0000def')).toBe('binary file (contains NUL bytes)')
  })

  for (const command of ['parse', 'lint', 'render']) {
    it(`cable ${command} should refuse a binary file with exit 2`, async () => {
      const r = await runCable([command, bin])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`${bin}: binary file (contains NUL bytes)`)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    })
  }

  it('cable parse should refuse binary standard input with exit 2', async () => {
    const r = await runCable(['parse', '-'], { stdin: 'x\u0000y' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('standard input: binary file (contains NUL bytes)')
  })
})
