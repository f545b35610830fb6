import { describe, expect, it } from 'vitest'
import { lintText } from '../../src/lint/index.js'
import { mutate } from '../../src/lint/examples/base-cable.js'

/**
 * The portion rules TXT-016 … TXT-019 on a releasable rendering (archive mode): a placeholder (`[Paragraph 2
 * withheld: …]`, `[Text withheld: …]`) stands where the rendering withheld text, and a rule reads it as withheld
 * text on the line it stands on, not beyond (issue 15: the archive-mode lines of src/lint/rules/txt-portions.ts,
 * whose other tests are research suites no mutation group runs). The renderings are written by hand from the
 * synthetic base cable (CONFIDENTIAL; ¶1 (C), ¶2 (U), ¶3 (C)); compose mode reads the same text as a draft, where a
 * placeholder is text like any other.
 */

const UNCLAS: [string, string][] = [
  ['C O N F I D E N T I A L SECTION', 'UNCLAS SECTION'],
  ['ZNY CCCCC', 'ZNR UUUUU'],
  ['SUBJECT: (C) DEMARCHE', 'SUBJECT: (U) DEMARCHE'],
  ['¶1. (C) This', '¶1. (U) This'],
  ['¶3. (C) Please', '¶3. (U) Please'],
]

/** One rule's findings on `text` in a mode: its message and the text its span covers. */
function findings(rule: string, text: string, mode: 'archive' | 'compose') {
  return lintText(text, { mode })
    .filter((m) => m.ruleId === rule)
    .map((m) => ({ message: m.message, at: text.slice(m.span.start.offset, m.span.end.offset) }))
}

describe('TXT-016 on a rendering: a withheld paragraph without a mark', () => {
  it('should not ask for the mark of a paragraph whose placeholder stands on its number line, in archive mode only', () => {
    const text = mutate([['¶2. (U) Background.', '¶2. [Paragraph 2 withheld: holds a portion marked (S), above CONFIDENTIAL]']])
    expect(findings('TXT-016', text, 'archive')).toEqual([])
    expect(findings('TXT-016', text, 'compose')).toEqual([{ message: 'Paragraph 2 of a CONFIDENTIAL cable has no portion mark', at: '2' }])
  })

  it('should still flag an unmarked paragraph shown in full when a later paragraph is withheld', () => {
    // the placeholder of ¶3 lies after ¶2's number line: it says nothing of ¶2's mark
    const text = mutate([
      ['¶2. (U) Background.', '¶2. Background.'],
      ['¶3. (C) Please deliver the points below.', '¶3. [Paragraph 3 withheld: holds a portion marked (S), above CONFIDENTIAL]'],
    ])
    expect(findings('TXT-016', text, 'archive')).toEqual([{ message: 'Paragraph 2 of a CONFIDENTIAL cable has no portion mark', at: '2' }])
  })

  it('should read a placeholder on the last line of a rendering that ends without a line break', () => {
    const text = mutate([['¶3. (C) Please deliver the points below.\n\nCLINTON', '¶3. [Paragraph 3 withheld: holds a portion marked (S), above CONFIDENTIAL]']])
    expect(text.endsWith(']')).toBe(true)
    expect(findings('TXT-016', text, 'archive')).toEqual([])
    expect(findings('TXT-016', text, 'compose')).toEqual([{ message: 'Paragraph 3 of a CONFIDENTIAL cable has no portion mark', at: '3' }])
  })
})

describe('TXT-017 on a rendering: the mark on a placeholder is the withheld portion\'s as written', () => {
  it('should not judge a paragraph mark its placeholder carries against the class line, in archive mode only', () => {
    // (C) before an UNCLAS cable's placeholder may be a list letter the cable wrote, no mark: a finding of the cable's text
    const text = mutate([...UNCLAS, ['¶2. (U) Background.', '¶2. (C) [Paragraph 2 withheld: marked (C), above UNCLASSIFIED]']])
    expect(findings('TXT-017', text, 'archive')).toEqual([])
    expect(findings('TXT-017', text, 'compose')).toEqual([{ message: 'Portion mark (C) is above the cable’s overall UNCLASSIFIED', at: '(C)' }])
  })

  it('should still flag a mark above the class line on a paragraph shown in full when a later one is withheld', () => {
    const text = mutate([
      ['¶2. (U) Background.', '¶2. (S) Background.'],
      ['¶3. (C) Please deliver the points below.', '¶3. (C) [Paragraph 3 withheld: holds a portion marked (TS), above CONFIDENTIAL]'],
    ])
    expect(findings('TXT-017', text, 'archive')).toEqual([{ message: 'Portion mark (S) is above the cable’s overall CONFIDENTIAL', at: '(S)' }])
  })

  it('should skip a sub-item mark on a placeholder but flag the shown sub-item after it, however long its mark', () => {
    // B.'s mark is longer than A.'s line: the placeholder is looked for from the end of B.'s mark on, never before it
    const rel = 'S//REL TO USA, GBR, CAN, AUS, NZL, FRA, DEU, ITA'
    const text = mutate([['¶3. (C) Please deliver the points below.', `¶3. (C) Please deliver the points below.\nA. (S) [Text withheld: above CONFIDENTIAL]\nB. (${rel}) The harbour figures.`]])
    expect(findings('TXT-017', text, 'archive')).toEqual([{ message: `Portion mark (${rel}) of a sub-item is above the cable’s overall CONFIDENTIAL`, at: `(${rel})` }])
    expect(findings('TXT-017', text, 'compose')).toEqual([
      { message: 'Portion mark (S) of a sub-item is above the cable’s overall CONFIDENTIAL', at: '(S)' },
      { message: `Portion mark (${rel}) of a sub-item is above the cable’s overall CONFIDENTIAL`, at: `(${rel})` },
    ])
  })

  it('should flag a shown sub-item mark above the class line when a later sub-item is withheld', () => {
    const text = mutate([['¶3. (C) Please deliver the points below.', '¶3. (C) Please deliver the points below.\nA. (S) The harbour figures.\nB. (S) [Text withheld: above CONFIDENTIAL]']])
    expect(findings('TXT-017', text, 'archive')).toEqual([{ message: 'Portion mark (S) of a sub-item is above the cable’s overall CONFIDENTIAL', at: '(S)' }])
  })
})

describe('TXT-018 and TXT-019 on a rendering that withholds header text', () => {
  it('should not ask for a NOFORN caption where the rendering withholds text in the header, in archive mode only', () => {
    const text = mutate([
      ['\nSIPDIS\n', '\n[Text withheld: above CONFIDENTIAL]\nSIPDIS\n'],
      ['¶3. (C) Please', '¶3. (C//NF) Please'],
    ])
    expect(findings('TXT-018', text, 'archive')).toEqual([])
    expect(findings('TXT-018', text, 'compose')).toEqual([{ message: 'NOFORN portion (C//NF) but no NOFORN caption', at: '(C//NF)' }])
  })

  it('should still ask for the NOFORN caption when the only placeholder stands in the text, after the header', () => {
    const text = mutate([
      ['¶2. (U) Background.', '¶2. (C) [Paragraph 2 withheld: marked (C)]'],
      ['¶3. (C) Please', '¶3. (C//NF) Please'],
    ])
    expect(findings('TXT-018', text, 'archive')).toEqual([{ message: 'NOFORN portion (C//NF) but no NOFORN caption', at: '(C//NF)' }])
  })

  it('should not ask for a SENSITIVE caption where the rendering withholds text in the header, in archive mode only', () => {
    const text = mutate([...UNCLAS, ['\nSIPDIS\n', '\n[Text withheld: above UNCLASSIFIED]\nSIPDIS\n'], ['¶2. (U) Background.', '¶2. (SBU) Background.']])
    expect(findings('TXT-019', text, 'archive')).toEqual([])
    expect(findings('TXT-019', text, 'compose')).toEqual([{ message: 'SBU portion (SBU) in an UNCLAS cable without the SENSITIVE caption', at: '(SBU)' }])
  })

  it('should still ask for the SENSITIVE caption when the only placeholder stands in the text, after the header', () => {
    const text = mutate([...UNCLAS, ['¶2. (U) Background.', '¶2. (SBU) Background.'], ['¶3. (U) Please deliver the points below.', '¶3. (U) [Paragraph 3 withheld: marked (U)]']])
    expect(findings('TXT-019', text, 'archive')).toEqual([{ message: 'SBU portion (SBU) in an UNCLAS cable without the SENSITIVE caption', at: '(SBU)' }])
  })
})
