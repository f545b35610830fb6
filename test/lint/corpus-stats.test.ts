import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lintText } from '../../src/lint/index.js'
import { StatsCollector } from '../../src/lint/stats.js'
import { CORPUS, hasShared } from './lint-harness.js'

// every 10th cable keeps this file fast; `cable lint --stats ../shared/corpus/cables` runs all 5,202
const sample = hasShared ? readdirSync(CORPUS).sort().filter((_, i) => i % 10 === 0) : []

describe.skipIf(!hasShared)('archive lint over real cables (every 10th of ../shared/corpus/cables; skipped when absent)', () => {
  it('should lint every sampled cable without a rule failing, with spans inside the text', () => {
    for (const name of sample) {
      const text = readFileSync(join(CORPUS, name), 'utf8')
      for (const m of lintText(text, { mode: 'archive', claimedId: name.replace(/\.txt$/, '') })) {
        expect(m.message, `${name} ${m.ruleId}`).not.toContain('failed on this input')
        expect(m.span.end.offset, `${name} ${m.ruleId}`).toBeLessThanOrEqual(text.length)
      }
    }
  })

  it('should break the sample down by year and classification, every cable counted once in each', () => {
    const stats = new StatsCollector('archive')
    for (const name of sample) stats.add(readFileSync(join(CORPUS, name), 'utf8'), name, name.replace(/\.txt$/, ''))
    const result = stats.result()
    expect(result.cables).toBe(sample.length)
    const sum = (b: Record<string, { cables: number }>) => Object.values(b).reduce((n, x) => n + x.cables, 0)
    expect(sum(result.byYear)).toBe(sample.length)
    expect(sum(result.byClassification)).toBe(sample.length)
    expect(Object.keys(result.byClassification)).toEqual(expect.arrayContaining(['CONFIDENTIAL', 'SECRET', 'SBU', 'UNCLASSIFIED']))
    // the publisher's dating: no sampled cable is left without a year once ids date the partial records
    expect(result.byYear.unknown?.cables ?? 0).toBeLessThan(sample.length / 50)
  })
})
