import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { synthCables } from '../../src/archive/synth/synth-cable.js'
import { cableText } from '../../src/archive/synth/write-synth.js'

describe('synthetic corpus', () => {
  const cables = [...synthCables(2000, 42)]

  it('uses topic words as densely as real cables do, not more', () => {
    // Real corpus (../shared/corpus): a cable that mentions `nuclear` does so 6.5 times on average, `terror…`
    // 4.7 times; a topic word repeated dozens of times per cable would make every full-text query slower than
    // on a real archive of the same size.
    for (const word of [/\bnuclear\b/gi, /\bterrorism\b/gi, /\belection\b/gi]) {
      const counts = cables.map((c) => c.body.match(word)?.length ?? 0).filter((n) => n > 0)
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length
      expect(counts.length).toBeGreaterThan(50)
      expect(mean).toBeGreaterThan(2)
      expect(mean).toBeLessThan(12)
    }
  })

  it('writes unique ids that the parser reads back from the text, and references among the generated cables', () => {
    expect(new Set(cables.map((c) => c.id)).size).toBe(cables.length)
    const ids = new Set(cables.map((c) => c.id))
    for (const c of cables.slice(0, 200)) expect(parseCable(cableText(c)).id).toBe(c.id)
    const cited = cables.flatMap((c) => c.references).filter((r) => ids.has(r))
    expect(cited.length).toBeGreaterThan(cables.length / 4)
  })
})
