import { describe, expect, it } from 'vitest'
import { BASE_CABLE, mutate } from '../../src/lint/examples/base-cable.js'
import { formatSpan } from '../../src/lint/format-span.js'
import { lintText, rules } from '../../src/lint/index.js'
import type { RuleExample } from '../../src/lint/types.js'

function lintExample(example: RuleExample) {
  const text = mutate(example.edits)
  const corpus = example.corpus ? { ids: new Map(example.corpus.map((id) => [id, 'earlier.txt'])) } : undefined
  return lintText(text, { mode: example.mode ?? 'archive', claimedId: example.claimedId, corpus, source: 'example.txt' })
}

describe('rule examples (docs/rules.md shows the same ones)', () => {
  it('should have the 51 rules of spec §9 and TXT-029 (marks the marking parser reads), each id once', () => {
    expect(rules).toHaveLength(52)
    expect(new Set(rules.map((r) => r.id)).size).toBe(52)
  })

  it('should report nothing on the base cable in either mode', () => {
    expect(lintText(BASE_CABLE, { mode: 'archive' })).toEqual([])
    expect(lintText(BASE_CABLE, { mode: 'compose' })).toEqual([])
  })

  for (const rule of rules) {
    describe(rule.id, () => {
      it(`should report ${rule.id} at ${rule.examples.fail.span} on its failing example`, () => {
        const found = lintExample(rule.examples.fail).filter((m) => m.ruleId === rule.id)
        expect(found.map((m) => formatSpan(m.span))).toContain(rule.examples.fail.span)
      })
      it(`should not report ${rule.id} on its passing example`, () => {
        expect(lintExample(rule.examples.pass).filter((m) => m.ruleId === rule.id)).toEqual([])
      })
    })
  }
})
