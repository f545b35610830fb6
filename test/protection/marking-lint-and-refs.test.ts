import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { BASE_CABLE, mutate } from '../../src/lint/examples/base-cable.js'
import { lintText } from '../../src/lint/index.js'

/**
 * Two planted bugs of issue 15 outside access control: TXT-017 skipping the subject's portion mark, and
 * REF parsing without its letter-sequence check (an initial such as `J. DOE` inside an item opened a new one).
 */

const at = (text: string, rule: string) =>
  lintText(text, { mode: 'compose' })
    .filter((m) => m.ruleId === rule)
    .map((m) => [m.span.start.line, m.span.start.column, m.span.end.column])

describe('TXT-017 reads the subject portion mark (base cable: CONFIDENTIAL, subject on line 19)', () => {
  it('should flag an (S) subject in a CONFIDENTIAL cable at the mark', () => {
    expect(at(mutate([['SUBJECT: (C) DEMARCHE', 'SUBJECT: (S) DEMARCHE']]), 'TXT-017')).toEqual([[19, 10, 13]])
  })

  it('should flag a (TS) and an (S//NF) subject, and only the subject', () => {
    expect(at(mutate([['SUBJECT: (C) DEMARCHE', 'SUBJECT: (TS) DEMARCHE']]), 'TXT-017')).toEqual([[19, 10, 14]])
    expect(at(mutate([['SUBJECT: (C) DEMARCHE', 'SUBJECT: (S//NF) DEMARCHE']]), 'TXT-017')).toEqual([[19, 10, 17]])
  })

  it('should flag the subject and a paragraph both when both are above the cable', () => {
    const text = mutate([['SUBJECT: (C) DEMARCHE', 'SUBJECT: (S) DEMARCHE'], ['¶2. (U) Background.', '¶2. (S) Background.']])
    expect(at(text, 'TXT-017')).toEqual([[19, 10, 13], [27, 5, 8]])
  })

  it('should accept a subject at or below the cable level', () => {
    expect(at(mutate([['SUBJECT: (C) DEMARCHE', 'SUBJECT: (U) DEMARCHE']]), 'TXT-017')).toEqual([])
    expect(at(BASE_CABLE, 'TXT-017')).toEqual([])
  })
})

describe('REF items follow the letter sequence', () => {
  const refs = (line: string) => parseCable(mutate([['REF: A. STATE 1111 B. PARIS 222', line]])).references.map((r) => [r.letter, r.text, r.id])

  it('should keep an initial such as J. DOE inside its item', () => {
    expect(refs('REF: A. STATE 1111 B. MEETING WITH J. DOE ON 5 MAY C. PARIS 222')).toEqual([
      ['A', 'STATE 1111', '09STATE1111'],
      ['B', 'MEETING WITH J. DOE ON 5 MAY', null],
      ['C', 'PARIS 222', '09PARIS222'],
    ])
  })

  it('should keep initials that repeat a letter already used or skip ahead', () => {
    expect(refs('REF: A. LETTER FROM A. SMITH B. PARIS 222')).toEqual([
      ['A', 'LETTER FROM A. SMITH', null],
      ['B', 'PARIS 222', '09PARIS222'],
    ])
    expect(refs('REF: A. STATE 1111 B. TELCON WITH E. K. WEST C. PARIS 222')).toEqual([
      ['A', 'STATE 1111', '09STATE1111'],
      ['B', 'TELCON WITH E. K. WEST', null],
      ['C', 'PARIS 222', '09PARIS222'],
    ])
  })
})
