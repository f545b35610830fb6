import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { lintCable, lintText } from '../../src/lint/index.js'
import { mutate } from '../../src/lint/examples/base-cable.js'

/**
 * The portion-mark rules TXT-016 … TXT-019 and TXT-029 (issue 15, mutation testing of
 * src/lint/rules/txt-portions.ts): what each flags, with which message, at which mark. The base cable is
 * CONFIDENTIAL, captioned SIPDIS, with a (C) subject and paragraphs (C), (U), (C); UNCLAS marks them all (U).
 */

const UNCLAS: [string, string][] = [
  ['C O N F I D E N T I A L SECTION', 'UNCLAS SECTION'],
  ['ZNY CCCCC', 'ZNR UUUUU'],
  ['SUBJECT: (C) DEMARCHE', 'SUBJECT: (U) DEMARCHE'],
  ['¶1. (C) This', '¶1. (U) This'],
  ['¶3. (C) Please', '¶3. (U) Please'],
]
const SENSITIVE: [string, string] = ['\nSIPDIS\n', '\nSENSITIVE\nSIPDIS\n']

/** The messages of one rule on the base cable after `edits`, each with the text its span covers. */
function findings(rule: string, edits: [string, string][]) {
  const text = mutate(edits)
  return lintText(text, { mode: 'compose' })
    .filter((m) => m.ruleId === rule)
    .map((m) => ({ message: m.message, at: text.slice(m.span.start.offset, m.span.end.offset) }))
}

describe('TXT-016 unmarked paragraphs', () => {
  it('should flag an unmarked paragraph of a classified cable at its number, naming the level', () => {
    expect(findings('TXT-016', [['¶2. (U) Background.', '¶2. Background.']])).toEqual([{ message: 'Paragraph 2 of a CONFIDENTIAL cable has no portion mark', at: '2' }])
  })

  it('should flag it in an SBU (UNCLAS SENSITIVE) cable as SBU, and not in plain UNCLAS text', () => {
    expect(findings('TXT-016', [...UNCLAS, SENSITIVE, ['¶2. (U) Background.', '¶2. Background.']])).toEqual([{ message: 'Paragraph 2 of a SBU cable has no portion mark', at: '2' }])
    expect(findings('TXT-016', [...UNCLAS, ['¶2. (U) Background.', '¶2. Background.']])).toEqual([])
  })
})

describe('TXT-017 portions above the cable', () => {
  it('should flag a portion above an UNCLAS cable, but not an SBU one (SBU is a control, TXT-019 checks it)', () => {
    expect(findings('TXT-017', [...UNCLAS, ['¶2. (U) Background.', '¶2. (C) Background.']])).toEqual([{ message: 'Portion mark (C) is above the cable’s overall UNCLASSIFIED', at: '(C)' }])
    expect(findings('TXT-017', [...UNCLAS, ['¶2. (U) Background.', '¶2. (SBU) Background.']])).toEqual([])
  })

  it('should accept portions at the cable level', () => {
    expect(findings('TXT-017', [['¶2. (U) Background.', '¶2. (C) Background.']])).toEqual([])
  })
})

describe('TXT-018 caveat portions need their caption', () => {
  it('should flag a restrictive caveat without its caption once, at the first mark naming it', () => {
    expect(findings('TXT-018', [['¶2. (U) Background.', '¶2. (C//NF) Background.'], ['¶3. (C) Please', '¶3. (C//NF) Please']])).toEqual([
      { message: 'NOFORN portion (C//NF) but no NOFORN caption', at: '(C//NF)' },
    ])
    expect(findings('TXT-018', [['¶3. (C) Please', '¶3. (C//NF/ORCON) Please']]).map((m) => m.message)).toEqual([
      'NOFORN portion (C//NF/ORCON) but no NOFORN caption',
      'ORCON portion (C//NF/ORCON) but no ORCON caption',
    ])
  })

  it('should accept the caveat when its caption (or an alias folding onto it) is there, and ignore caveats that restrict nobody', () => {
    expect(findings('TXT-018', [['¶3. (C) Please', '¶3. (C//NF) Please'], ['\nSIPDIS\n', '\nNOFORN\nSIPDIS\n']])).toEqual([])
    expect(findings('TXT-018', [['¶3. (C) Please', '¶3. (C//NODIS) Please'], ['\nSIPDIS\n', '\nNODIF\n']])).toEqual([])
    expect(findings('TXT-018', [['¶3. (C) Please', '¶3. (C//FGI) Please']])).toEqual([])
  })

  it('should take NOFORN written after the serial of the class line as held', () => {
    expect(findings('TXT-018', [['¶3. (C) Please', '¶3. (C//NF) Please'], ['STATE 012345\n', 'STATE 012345 NOFORN\n']])).toEqual([])
    expect(findings('TXT-018', [['¶3. (C) Please', '¶3. (C//NF/ORCON) Please'], ['STATE 012345\n', 'STATE 012345 NOFORN\n']]).map((m) => m.message)).toEqual([
      'ORCON portion (C//NF/ORCON) but no ORCON caption',
    ])
  })
})

describe('TXT-019 SBU portions in UNCLAS text', () => {
  it('should flag the first SBU portion of an UNCLAS cable without the SENSITIVE caption', () => {
    expect(findings('TXT-019', [...UNCLAS, ['¶2. (U) Background.', '¶2. (SBU) Background.'], ['¶3. (U) Please', '¶3. (SBU) Please']])).toEqual([
      { message: 'SBU portion (SBU) in an UNCLAS cable without the SENSITIVE caption', at: '(SBU)' },
    ])
  })

  it('should accept it with SENSITIVE, and in a classified cable', () => {
    expect(findings('TXT-019', [...UNCLAS, SENSITIVE, ['¶2. (U) Background.', '¶2. (SBU) Background.']])).toEqual([])
    expect(findings('TXT-019', [['¶2. (U) Background.', '¶2. (SBU) Background.']])).toEqual([])
    expect(findings('TXT-019', [...UNCLAS, ['\nSIPDIS\n', '\nSENSITIVE BUT UNCLASSIFIED\nSIPDIS\n'], ['¶2. (U) Background.', '¶2. (SBU) Background.']])).toEqual([])
  })

  it('should say nothing of an UNCLAS cable without SBU portions', () => {
    expect(findings('TXT-019', UNCLAS)).toEqual([])
  })
})

describe('TXT-029 unreadable portion marks', () => {
  it('should flag a mark the parser refuses with its reason, and a mark naming no level', () => {
    expect(findings('TXT-029', [['¶3. (C) Please', '¶3. (C//NOFRON) Please']])).toEqual([
      { message: 'Portion mark (C//NOFRON): unknown marking word "NOFRON" (did you mean NOFORN?)', at: '(C//NOFRON)' },
    ])
    expect(findings('TXT-029', [['¶3. (C) Please', '¶3. (NF) Please']])).toEqual([{ message: 'Portion mark (NF) names no level (U, SBU, C, S, TS)', at: '(NF)' }])
    expect(findings('TXT-029', [])).toEqual([])
  })
})

describe('TXT-017 sub-item marks', () => {
  const ABOVE = 'of a sub-item is above the cable’s overall CONFIDENTIAL'

  it('should report a sub-item mark above the class line at the mark, parentheses included', () => {
    expect(findings('TXT-017', [['¶2. (U) Background.', '¶2. (U) Background.\nB. (S) Item.']])).toEqual([{ message: `Portion mark (S) ${ABOVE}`, at: '(S)' }])
    expect(findings('TXT-017', [['¶2. (U) Background.', '¶2. (U) Background.\n  (2) (S//NF) Item.']])).toEqual([{ message: `Portion mark (S//NF) ${ABOVE}`, at: '(S//NF)' }])
  })

  it('should report a paragraph mark the sub-item pattern also matches once, as the paragraph mark', () => {
    // `2. (S)` without ¶ opens paragraph 2 and reads as a sub-item `2.` too
    expect(findings('TXT-017', [['¶2. (U) Background.', '2. (S) Background.']])).toEqual([
      { message: 'Portion mark (S) is above the cable’s overall CONFIDENTIAL', at: '(S)' },
    ])
  })

  it('should read a sub-item of an unnumbered portion before ¶1', () => {
    expect(findings('TXT-017', [['¶1. (C) This is', '(C) Summary:\nA. (S) Item.\n\n¶1. (C) This is']])).toEqual([{ message: `Portion mark (S) ${ABOVE}`, at: '(S)' }])
  })

  it('should take a self-contradicting sub-item mark at its stricter reading, and leave one nobody can read to TXT-029', () => {
    expect(findings('TXT-017', [['¶2. (U) Background.', '¶2. (U) Background.\nB. (S//REL TO USA, GBR//NF) Item.']])).toEqual([
      { message: `Portion mark (S//REL TO USA, GBR//NF) ${ABOVE}`, at: '(S//REL TO USA, GBR//NF)' },
    ])
    expect(findings('TXT-017', [['¶2. (U) Background.', '¶2. (U) Background.\nB. (S//ZZ) Item.']])).toEqual([])
  })

  // every spelling of an enumerator the pattern takes: two digits, blanks inside the parentheses and around the
  // mark or none, one or two dashes, a bullet; and caveats after one slash or two, with blanks around the slashes
  it.each([
    ['10) (S) Item.', '(S)'],
    ['B.(S) Item.', '(S)'],
    ['B.  (S) Item.', '(S)'],
    ['( 2) (S) Item.', '(S)'],
    ['(b) (S) Item.', '(S)'],
    ['(12) (S) Item.', '(S)'],
    ['(2 ) (S) Item.', '(S)'],
    ['(2)(S) Item.', '(S)'],
    ['(2)  (S) Item.', '(S)'],
    ['-- (S) Item.', '(S)'],
    ['-(S) Item.', '(S)'],
    ['- (S) Item.', '(S)'],
    ['*(S) Item.', '(S)'],
    ['* (S) Item.', '(S)'],
    ['B. (S/NF) Item.', '(S/NF)'],
    ['B. (S //NF) Item.', '(S //NF)'],
    ['B. (S// NF) Item.', '(S// NF)'],
  ])('should read the sub-item line %j and report its mark %s', (line, mark) => {
    expect(findings('TXT-017', [['¶2. (U) Background.', `¶2. (U) Background.\n${line}`]])).toEqual([{ message: `Portion mark ${mark} ${ABOVE}`, at: mark }])
  })

  it('should take no enumerator and mark inside a sentence for a sub-item: a sub-item opens its line', () => {
    expect(findings('TXT-017', [['¶2. (U) Background.', '¶2. (U) Background; see B. (S) below.']])).toEqual([])
    expect(findings('TXT-017', [['¶2. (U) Background.', '¶2. (U) Background;\nsee - (S) below.']])).toEqual([])
  })
})

describe('TXT-018 NOFORN on the class line in spellings the caption reader leaves', () => {
  // after the serial, `(NOFORN)`, `- NOFORN` and `noforn` are no caption, but the class line still says NOFORN
  it.each([['(NOFORN)'], ['- NOFORN'], ['noforn']])('should take %s after the serial as held', (written) => {
    expect(findings('TXT-018', [['¶3. (C) Please', '¶3. (C//NF) Please'], ['STATE 012345\n', `STATE 012345 ${written}\n`]])).toEqual([])
  })
})

describe('TXT-019 a SENSITIVE caption named in full', () => {
  it('should accept SENSITIVE BUT UNCLASSIFIED on a cable whose captions come spelled out (record metadata)', () => {
    const cable = parseCable(mutate([...UNCLAS, ['¶2. (U) Background.', '¶2. (SBU) Background.']]))
    expect(lintCable(cable, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-019')).toHaveLength(1)
    cable.captions = ['SENSITIVE BUT UNCLASSIFIED', ...cable.captions]
    expect(lintCable(cable, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-019')).toEqual([])
  })
})

describe('portion rules on paragraphs without a place', () => {
  it('should leave out paragraphs a cable carries no span for, without an error', () => {
    // unmarked ¶2 (TXT-016) holding a (S) sub-item (TXT-017): with spans both are reported, without them neither
    const cable = parseCable(mutate([['¶2. (U) Background.', '¶2. Background.\nB. (S) Item.']]))
    const rules = (c: typeof cable) => lintCable(c, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-016' || m.ruleId === 'TXT-017').map((m) => [m.ruleId, m.message])
    expect(rules(cable)).toEqual([
      ['TXT-016', 'Paragraph 2 of a CONFIDENTIAL cable has no portion mark'],
      ['TXT-017', 'Portion mark (S) of a sub-item is above the cable’s overall CONFIDENTIAL'],
    ])
    cable.paragraphs = cable.paragraphs.map(({ span: _span, ...p }) => p)
    expect(rules(cable)).toEqual([])
  })
})
