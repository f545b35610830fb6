import { describe, expect, it } from 'vitest'
import { fixText, lintText, rules } from '../../src/lint/index.js'
import { BASE_CABLE, hostileCable, mutate } from '../../src/lint/examples/base-cable.js'

const modes = ['compose', 'archive'] as const

describe('hostile input', () => {
  const inputs: Record<string, string> = {
    empty: '',
    'blank lines': '\n\n\n',
    'binary bytes': '\u0000\u0001\u0002VZCZC\u00ff\ufffd',
    'header alone': BASE_CABLE.slice(0, BASE_CABLE.indexOf('C O N F')),
    'class line alone': 'C O N F I D E N T I A L STATE 012345',
    'CRLF line endings': BASE_CABLE.replace(/\n/g, '\r\n'),
    'lower-case everything': BASE_CABLE.toLowerCase(),
    'unclosed parentheses': mutate([['¶2. (U) Background.', '¶2. (U) (Comment: ((((( Background.']]),
  }
  for (const [name, text] of Object.entries(inputs)) {
    it(`should lint ${name} in both modes without a rule failing`, () => {
      for (const mode of modes) {
        const messages = lintText(text, { mode })
        expect(messages.filter((m) => m.message.includes('failed on this input'))).toEqual([])
        for (const m of messages) {
          expect(m.span.start.offset).toBeLessThanOrEqual(m.span.end.offset)
          expect(rules.some((r) => r.id === m.ruleId)).toBe(true)
        }
      }
    })
  }

  it('should report CRLF text at the same lines and columns as LF text', () => {
    const lf = lintText(mutate([['[ECON](#)', '[econ](#)']]), { mode: 'archive' })
    const crlf = lintText(mutate([['[ECON](#)', '[econ](#)']]).replace(/\n/g, '\r\n'), { mode: 'archive' })
    expect(crlf.map((m) => [m.ruleId, m.span.start.line, m.span.start.column])).toEqual(lf.map((m) => [m.ruleId, m.span.start.line, m.span.start.column]))
  })

  it('should lint 3,000 REF lines and a 2 MB paragraph line, reporting the long line and fixing nothing unsafe', () => {
    // its speed is measured by `npm run bench` (scenario "lint hostile"), not timed here
    const big = hostileCable()
    const messages = lintText(big, { mode: 'compose' })
    expect(messages.some((m) => m.ruleId === 'TXT-023')).toBe(true)
    expect(messages.filter((m) => m.message.includes('failed on this input'))).toEqual([])
    expect(fixText(big, { mode: 'archive' }).messages.length).toBeGreaterThan(0)
  })
})
