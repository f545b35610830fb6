import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import type { Cable } from '../../src/format/model.js'
import { lintCable, lintCableResult, lintText } from '../../src/lint/index.js'
import { BASE_CABLE, mutate } from '../../src/lint/examples/base-cable.js'

/** The cable as a composer builds it: fields only, no segments and no spans. */
function composed(text: string): Cable {
  const c = parseCable(text)
  const strip = <T extends { span?: unknown }>(x: T): T => ({ ...x, span: undefined })
  return {
    ...c,
    segments: [],
    spans: {},
    tagSpans: [],
    captionSpans: [],
    to: c.to?.map(strip) ?? null,
    info: c.info?.map(strip) ?? null,
    references: c.references.map(strip),
    paragraphs: c.paragraphs.map(strip),
    eo: c.eo ? strip(c.eo) : null,
    classifiedBy: c.classifiedBy ? strip(c.classifiedBy) : null,
  }
}

describe('lintCable on a cable composed from fields (no spans)', () => {
  it('should lint the canonical render, so every message has a span into that text', () => {
    const draft = composed(mutate([['¶2. (U) Background.', '¶2. Background.']]))
    const result = lintCableResult(draft, { mode: 'compose' })
    expect(result.text).toBe(renderCanonical(draft))
    const unmarked = result.messages.filter((m) => m.ruleId === 'TXT-016')
    expect(unmarked).toHaveLength(1)
    expect(result.text.slice(unmarked[0].span.start.offset, unmarked[0].span.end.offset)).toBe('2')
  })

  it('should give the same messages as linting the canonical text', () => {
    // a draft with findings of several rules, so the comparison has something to compare
    const draft = composed(mutate([
      ['¶2. (U) Background.', '¶2. (S) Background.'],
      ['¶3. (C) Please', '¶3. Please'],
      ['SUBJECT: (C) DEMARCHE', 'SUBJECT: DEMARCHE'],
    ]))
    const fromFields = lintCable(draft, { mode: 'compose' })
    const fromText = lintText(renderCanonical(draft), { mode: 'compose' })
    expect(new Set(fromFields.map((m) => m.ruleId))).toEqual(new Set(['TXT-012', 'TXT-016', 'TXT-017']))
    expect(fromFields).toEqual(fromText)
  })

  it('should give no messages for the clean base cable either way', () => {
    const draft = composed(BASE_CABLE)
    expect(lintCable(draft, { mode: 'compose' })).toEqual([])
    expect(lintText(renderCanonical(draft), { mode: 'compose' })).toEqual([])
  })

  it('should block release of a mis-marked draft with errors in compose mode', () => {
    const draft = composed(mutate([['¶2. (U) Background.', '¶2. (S) Background.']]))
    const errors = lintCable(draft, { mode: 'compose' }).filter((m) => m.severity === 'error')
    expect(errors.map((m) => m.ruleId)).toContain('TXT-017')
  })
})
