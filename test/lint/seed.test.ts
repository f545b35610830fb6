import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lintText } from '../../src/lint/index.js'
import { formatSpan } from '../../src/lint/format-span.js'
import { hasShared, SEED } from './lint-harness.js'

describe.skipIf(!hasShared)('seed cable 09STATE99704 (needs ../shared/corpus/seed; skipped when absent)', () => {
  const seed = hasShared ? readFileSync(SEED, 'utf8') : ''

  it('should give no errors and no warnings in archive mode', () => {
    // expected archive-mode messages of any severity: none (ENV-019 stays silent: the INFO collective has no RI)
    expect(lintText(seed, { mode: 'archive' })).toEqual([])
  })

  it('should only warn about reflowed long lines in compose mode', () => {
    const messages = lintText(seed, { mode: 'compose' })
    expect(messages.filter((m) => m.severity === 'error')).toEqual([])
    expect(new Set(messages.map((m) => m.ruleId))).toEqual(new Set(['TXT-022']))
    expect(messages.map((m) => formatSpan(m.span))).toContain('37:56-37:1089')
  })

  it('should report TXT-016 at the number of a paragraph whose portion mark is removed', () => {
    const text = seed.replace('¶4. (SBU) ', '¶4. ')
    const found = lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-016')
    expect(found).toHaveLength(1)
    expect(found[0].span.start.line).toBe(41)
    expect(formatSpan(found[0].span)).toBe('41:2-41:3')
  })

  it('should report TXT-019 when the SENSITIVE caption is dropped from the SBU seed', () => {
    const found = lintText(seed.replace('SENSITIVE\n', ''), { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-019')
    expect(found.map((m) => m.ruleId)).toEqual(['TXT-019'])
    expect(found[0].message).toContain('SBU')
  })
})
