import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyFixes, fixText, type Fix } from '../../src/lint/index.js'
import { BASE_CABLE, mutate } from '../../src/lint/examples/base-cable.js'

/** Damage the fixer repairs, each as an edit of the base cable. */
const DAMAGE: ReadonlyArray<readonly [string, string]> = [
  ['[ECON](#)', '[econ](#)'],
  ['[FR](#)', '[FR](#) [PREL](#)'],
  ['[UK](#)', '[uk](#) [UK](#)'],
  ['¶3. (C) Please', '¶5. (C) Please'],
  ['¶2. (U)', '¶1. (U)'],
  ['C O N F I D E N T I A L SECTION', 'C O N F I D E N T I A L   SECTION'],
  ['LONDON PRIORITY 7788', 'LONDON PRIOITY 7788'],
  ['OO RUEHFR', 'PP RUEHFR'],
  ['ZNY CCCCC', 'ZNY SSSSS'],
  ['STATE 012345', 'STATE 12345'],
  ['PARIS IMMEDIATE 4521', 'PARIS IMMEDIATE 451'],
]

/** Checks that `after` equals `before` except inside the applied edits (offsets into `before`). */
function onlyEditsChanged(before: string, after: string, applied: readonly Fix[]): void {
  let rebuilt = ''
  let last = 0
  for (const f of applied) {
    rebuilt += before.slice(last, f.start) + f.text
    last = f.end
  }
  expect(rebuilt + before.slice(last)).toBe(after)
}

describe('applyFixes', () => {
  it('should apply edits in offset order and skip one overlapping an applied edit', () => {
    const { text, applied } = applyFixes('abcdef', [
      { start: 4, end: 5, text: 'E' },
      { start: 0, end: 2, text: 'AB' },
      { start: 1, end: 3, text: 'xx' },
    ])
    expect(text).toBe('ABcdEf')
    expect(applied.map((f) => f.start)).toEqual([0, 4])
  })
})

describe('fixText', () => {
  it('should repair every mechanical slip of the damage list back to the base cable', () => {
    // not in this list: a repeated number (the parser reads it as literal lines: reported, not renumbered) and a
    // 3-digit MCN (padded to 0451, not restored to 4521)
    const damaged = mutate(DAMAGE.filter(([find, repl]) => BASE_CABLE.includes(find) && repl !== '¶1. (U)' && repl !== 'PARIS IMMEDIATE 451'))
    const result = fixText(damaged, { mode: 'compose' })
    expect(result.text).toBe(BASE_CABLE)
    expect(result.messages).toEqual([])
  })

  it('should report a repeated paragraph number without renumbering anything', () => {
    const input = mutate([['¶2. (U)', '¶1. (U)']])
    const result = fixText(input, { mode: 'compose' })
    // the parser reads the second `1.` as literal lines, so the sequence is not one it fully read: no fix
    expect(result.text).toBe(input)
    expect(result.messages.filter((m) => m.ruleId === 'TXT-015').map((m) => [m.span.start.line, m.span.start.column, m.message, m.fix])).toEqual([
      [27, 2, 'Unexpected paragraph number 1, expected 2', undefined],
      [31, 2, 'Unexpected paragraph number 3, expected 2', undefined],
    ])
  })

  it('should renumber from the first break with one edit', () => {
    const result = fixText(mutate([['¶2. (U)', '¶3. (U)'], ['¶3. (C) Please', '¶4. (C) Please']]), { mode: 'compose' })
    expect(result.text).toBe(BASE_CABLE)
    expect(result.passes).toHaveLength(1)
    expect(result.passes[0]).toHaveLength(1)
  })

  it('should fix CRLF text and keep its line endings', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n')
    const result = fixText(crlf(mutate([['[ECON](#)', '[econ](#) [PREL](#)'], ['¶3. (C) Please', '¶4. (C) Please']])), { mode: 'archive' })
    expect(result.text).toBe(crlf(BASE_CABLE))
  })

  it('should leave a clean cable untouched', () => {
    const result = fixText(BASE_CABLE, { mode: 'compose' })
    expect(result.passes).toEqual([])
    expect(result.text).toBe(BASE_CABLE)
  })

  it('should never change a byte outside the fixed spans, and fixing twice should change nothing (property)', () => {
    const usable = DAMAGE.filter(([find]) => BASE_CABLE.includes(find))
    const junk = fc.stringMatching(/^[A-Za-z0-9 ,.;()'-]{0,40}$/)
    fc.assert(
      fc.property(fc.subarray([...usable], { minLength: 1 }), junk, fc.constantFrom('archive', 'compose'), (damage, words, mode) => {
        // free text the fixer must carry over untouched, wherever it lands
        const input = mutate([...damage, ['Background.', `Background ${words}.`]])
        const result = fixText(input, { mode: mode as 'archive' | 'compose' })
        let text = input
        for (const pass of result.passes) {
          const next = applyFixes(text, pass).text
          onlyEditsChanged(text, next, pass)
          text = next
        }
        expect(text).toBe(result.text)
        expect(result.text).toContain(`Background ${words}.`)
        const again = fixText(result.text, { mode: mode as 'archive' | 'compose' })
        expect(again.passes).toEqual([])
        expect(again.text).toBe(result.text)
      }),
      { numRuns: 60 },
    )
  })

  it('should report wrapped (HTML) input instead of rewriting it', () => {
    const html = `<html><body><pre>${BASE_CABLE.replace('[ECON](#)', '[econ](#)')}</pre></body></html>`
    const result = fixText(html, { mode: 'archive' })
    expect(result.wrapped).toBe(true)
    expect(result.passes).toEqual([])
    // the text handed back is the telegram inside the page, unchanged, and the slip is reported with its fix
    expect(result.text).toBe(result.original)
    expect(result.text).toContain('[econ](#)')
    const tags = result.messages.filter((m) => m.fix && result.text.slice(m.span.start.offset, m.span.end.offset).includes('econ'))
    expect(tags.length).toBeGreaterThan(0)
  })
})
