import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runTarget } from '../../bench/fuzz.js'
import { draftTarget, fuzzTargets, mutate, seedTexts } from '../../bench/fuzz/fuzz-targets.js'

// CI's short budget of `npm run fuzz` (the script runs any budget: npm run fuzz -- --runs 1000000).

const { texts } = seedTexts(60)
const SEED = 4242

describe('npm run fuzz, short budget', () => {
  it.each([
    ['parser', 400],
    ['lint', 120],
    ['query', 40],
    ['draft', 300],
    ['import', 60],
  ])('should find no failure in %s over %i inputs', async (name, runs) => {
    const target = fuzzTargets(texts).find((t) => t.name === name)!
    const r = await runTarget(target, { runs }, SEED)
    expect(r.error ?? '').toBe('')
    expect(r.failures).toBe(0)
    expect(r.inputs).toBe(runs)
    expect(r.perSecond).toBeGreaterThan(0)
  })

  it('should report a failing property with its shrunk input and a replay line', async () => {
    // the draft target with a property that cannot hold: every input fails, and the report says so
    const failing = { ...draftTarget(), property: fcProperty }
    const r = await runTarget(failing, { runs: 50 }, SEED)
    expect(r.failures).toBe(1)
    expect(r.error).toContain('always fails')
    expect(r.replay).toMatch(/--targets draft --seed \d+/)
  })

  it('should apply edits at fractional positions and keep the text otherwise intact', () => {
    expect(mutate('abcdef', [{ op: 'delete', at: 0.5, length: 1 }])).toBe('abcef')
    expect(mutate('abc', [{ op: 'insert', at: 1, text: 'X' }])).toBe('abcX')
    expect(mutate('a\nb\nc', [{ op: 'swapLines', a: 0, b: 0.99 }])).toBe('c\nb\na')
    expect(mutate('ABCD', [{ op: 'case', at: 0.5, length: 9 }])).toBe('ABcd')
    expect(mutate('abcd', [{ op: 'truncate', at: 0.25 }])).toBe('a')
    expect(mutate('abcd', [{ op: 'duplicate', at: 0.5, length: 2 }])).toBe('abcdcd')
  })
})

function fcProperty() {
  return fc.property(fc.string(), () => {
    throw new Error('always fails')
  }) as unknown as fc.IProperty<[unknown]>
}
