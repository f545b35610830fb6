/**
 * `leadingClassMark` (src/format/body-portions.ts) read one line at a time: the mark a class word opening a line
 * stands for when the wire writes it without brackets (spec §5.6, `1. CONFIDENTIAL - ENTIRE TEXT.`; spec §5.10's
 * paragraph numbers and sub-items before it; its caveats after it, spec §7). A mark not read here is text shown to a
 * reader below it, so each shape is written out with the marking it stands for; prose opening with a class word, and
 * a level's abbreviation that is no marking (`S. Jones`, `U/S`), are no mark. Pure, synthetic lines; issue 15's
 * mutation run of the function (docs/testing.md).
 */
import { describe, expect, it } from 'vitest'
import { leadingClassMark } from '../../src/format/body-portions.js'

const reads = (cases: [string, string | null][]) => {
  for (const [line, mark] of cases) expect([line, leadingClassMark(line)]).toEqual([line, mark])
}

describe('leadingClassMark: what may stand before the class word', () => {
  it('should read a class word after a paragraph number, however written, whatever follows it', () => {
    reads([
      ['2. SECRET talks resumed', 'SECRET'],
      ['12. SECRET talks resumed', 'SECRET'],
      ['123. SECRET talks resumed', 'SECRET'],
      ['2.SECRET talks resumed', 'SECRET'],
      ['2 . SECRET talks resumed', 'SECRET'],
      ['2.\tSECRET talks resumed', 'SECRET'],
      ['2) SECRET talks resumed', 'SECRET'],
      ['2A. SECRET talks resumed', 'SECRET'],
      ['2a. SECRET talks resumed', 'SECRET'],
      ['¶2. SECRET talks resumed', 'SECRET'],
      ['¶ 2. SECRET talks resumed', 'SECRET'],
      ['   2. SECRET talks resumed', 'SECRET'],
      ['\t2. SECRET talks resumed', 'SECRET'],
    ])
  })

  it('should read a class word after a sub-item letter or number and after a bullet', () => {
    reads([
      ['B. SECRET talks resumed', 'SECRET'],
      ['b) SECRET talks resumed', 'SECRET'],
      ['B.\tSECRET talks resumed', 'SECRET'],
      ['(3) SECRET talks resumed', 'SECRET'],
      ['(12) SECRET talks resumed', 'SECRET'],
      ['(c) SECRET talks resumed', 'SECRET'],
      ['( 3 ) SECRET talks resumed', 'SECRET'],
      ['(3)SECRET talks resumed', 'SECRET'],
      ['- SECRET talks resumed', 'SECRET'],
      ['-- SECRET talks resumed', 'SECRET'],
      ['--SECRET talks resumed', 'SECRET'],
      ['   -- SECRET talks', 'SECRET'],
      ['* SECRET talks resumed', 'SECRET'],
      ['*SECRET talks resumed', 'SECRET'],
    ])
  })

  it('should read a class word at a bare line start only with a dash, a colon or a caveat after it', () => {
    reads([
      ['SECRET -- talks resumed', 'SECRET'],
      ['SECRET - talks resumed', 'SECRET'],
      ['SECRET-- talks resumed', 'SECRET'],
      ['SECRET: talks resumed', 'SECRET'],
      ['SECRET \u2013 talks resumed', 'SECRET'],
      ['SECRET \u2212 talks resumed', 'SECRET'],
      ['SECRET NOFORN talks resumed', 'SECRET//NOFORN'],
      ['SECRET/NF talks resumed', 'SECRET//NF'],
      // a wrapped line of prose may open with the word
      ['SECRET TALKS WERE HELD', null],
      ['SECRET talks resumed', null],
      ['CONFIDENTIAL sources say', null],
      ['   SECRET talks resumed', null],
    ])
  })

  it('should read no mark where no enumerator stands before the word', () => {
    reads([
      ['The SECRET talks resumed', null],
      ['B.SECRET talks resumed', null],
      ['', null],
      ['2.', null],
    ])
  })
})

describe('leadingClassMark: the level', () => {
  it('should read every class word and the administrative controls, in capitals', () => {
    reads([
      ['2. TOP SECRET talks', 'TOP SECRET'],
      ['2. CONFIDENTIAL talks', 'CONFIDENTIAL'],
      ['2. SENSITIVE BUT UNCLASSIFIED talks', 'SENSITIVE BUT UNCLASSIFIED'],
      ['2. LIMITED OFFICIAL USE talks', 'LIMITED OFFICIAL USE'],
      ['2. SBU talks', 'SBU'],
      ['2. LOU talks', 'LOU'],
      ['1. CONFIDENTIAL - ENTIRE TEXT.', 'CONFIDENTIAL'],
      ['2. SECRET -- ENTIRE PARA. Hidden.', 'SECRET'],
      ['2. SECRET--hidden.', 'SECRET'],
      ['2. SECRET ENTIRE TEXT. hidden.', 'SECRET'],
    ])
  })

  it('should read a class word only as a whole word', () => {
    reads([
      ['2. SECRETARY Rice said', null],
      ['2. SECRETS were kept', null],
      ['2. CONFIDENTIALITY matters', null],
      ['SECRETARY: Rice said', null],
    ])
  })

  it('should read fullwidth letters and a no-break space as what they show', () => {
    reads([
      ['\uFF12. \uFF33\uFF25\uFF23\uFF32\uFF25\uFF34 talks', 'SECRET'],
      // a line with no ASCII character at all
      ['\uFF12\uFF0E\uFF33\uFF25\uFF23\uFF32\uFF25\uFF34\u3000\uFF54\uFF41\uFF4C\uFF4B\uFF53', 'SECRET'],
      ['2.\u00a0SECRET talks', 'SECRET'],
    ])
  })
})

describe("leadingClassMark: a level's abbreviation", () => {
  it('should read an abbreviation as a mark with a slash and a caveat after it', () => {
    reads([
      ['S/NF the plan', 'SECRET//NF'],
      ['S//NF the plan', 'SECRET//NF'],
      ['S / NF the plan', 'SECRET//NF'],
      ['S/ NF the plan', 'SECRET//NF'],
      ['2. S/NF the plan', 'SECRET//NF'],
      ['2. S/NF: the plan', 'SECRET//NF'],
      ['2. (S/NF the plan', 'SECRET//NF'],
      ['(S/NF the plan', 'SECRET//NF'],
      ['TS/NOFORN the plan', 'TOP SECRET//NOFORN'],
      ['C/NF the plan', 'CONFIDENTIAL//NF'],
      ['2. U/FOUO the plan', 'UNCLASSIFIED//FOUO'],
      ['2. S/ORCON the plan', 'SECRET//ORCON'],
    ])
  })

  it('should read no mark in an abbreviation without a slash and a control after it', () => {
    reads([
      ['S. Jones said', null],
      ['2. S. Jones said', null],
      ['2. S talks', null],
      ['2. TS talks', null],
      ['2. C level talks', null],
      ['U/S Jones said', null],
      ['2. U/S Jones said', null],
      ['S/P staff met', null],
      ['S/C staff met', null],
      ['2. S/ the plan', null],
      // a caveat after a blank, not a slash (spec §5.10 writes S/NF, S//NF), even with a slash further on
      ['S NF the plan', null],
      ['2. C NOFORN talks', null],
      ['C NOFORN talks, S/NF', null],
    ])
  })
})

describe('leadingClassMark: the caveats written after the class word', () => {
  it('should read the caveats up to the first other word, with any separators', () => {
    reads([
      ['2. SECRET - NOFORN. The plan', 'SECRET//NOFORN'],
      ['2. SECRET NOFORN -- the plan', 'SECRET//NOFORN'],
      ['2. SECRET -- NOFORN the plan', 'SECRET//NOFORN'],
      ['2. CONFIDENTIAL NOFORN the plan', 'CONFIDENTIAL//NOFORN'],
      ['2. SECRET (NOFORN) the plan', 'SECRET//NOFORN'],
      ['2. SECRET/NOFORN the plan', 'SECRET//NOFORN'],
      ['2. SECRET/NF the plan', 'SECRET//NF'],
      ['2. SECRET,NOFORN the plan', 'SECRET//NOFORN'],
      ['2. SECRET;NOFORN the plan', 'SECRET//NOFORN'],
      ['2. SECRET:NOFORN the plan', 'SECRET//NOFORN'],
      ['2. SECRET.NOFORN the plan', 'SECRET//NOFORN'],
      ['2. SECRET\u2014NOFORN the plan', 'SECRET//NOFORN'],
      ['2. SECRET NF EXDIS the plan', 'SECRET//NF/EXDIS'],
      ['2. SECRET NOFORN NOFORN the plan', 'SECRET//NOFORN'],
      ['S/NF/ORCON the plan', 'SECRET//NF/ORCON'],
    ])
  })

  it('should stop at the first word no control is (prose, a level word)', () => {
    reads([
      ['2. SECRET TALKS ON NOFORN RULES', 'SECRET'],
      ['2. SECRET - CONFIDENTIAL SOURCES SAY', 'SECRET'],
      // EFTO is a transmission control only (spec §7): no word of the marking
      ['2. SECRET EFTO the plan', 'SECRET'],
      // a slash further on in the sentence is no marking's
      ['2. SECRET talks on the A/B plan', 'SECRET'],
    ])
  })

  it('should keep a word the marking slash joins on that no control reads, so the marking reads as nobody can', () => {
    reads([
      ['2. SECRET/XYZ the plan', 'SECRET//XYZ'],
      ['2. SECRET//XYZ the plan', 'SECRET//XYZ'],
      ['2. SECRET / XYZ the plan', 'SECRET//XYZ'],
      ['S/NF/XYZ the plan', 'SECRET//NF/XYZ'],
      ['2. SECRET NOFORN/XYZ the plan', 'SECRET//NOFORN/XYZ'],
      ['2. SECRET/X1 the plan', 'SECRET//X1'],
      ['SECRET/XYZ the plan', 'SECRET//XYZ'],
      // REL names who may read it: no restricting control
      ['2. SECRET/REL TO USA, GBR the plan', 'SECRET'],
      // a slash before a word in lower case is no marking's
      ['2. SECRET/Xyz the plan', 'SECRET'],
    ])
  })

  it('should read a parenthesised class word only with a caveat (the bracketed mark is read elsewhere)', () => {
    reads([
      ['2. (SECRET) talks', null],
      ['2. (SECRET talks', null],
      ['2. (SECRET NOFORN) talks', 'SECRET//NOFORN'],
      ['2. ( SECRET NOFORN) talks', 'SECRET//NOFORN'],
    ])
  })
})

describe('leadingClassMark: a caveat alone', () => {
  it('should read a caveat opening a line after an enumerator, or before a dash or colon', () => {
    reads([
      ['2. NOFORN the plan', 'NOFORN'],
      ['2. NF the plan', 'NF'],
      ['2. ORCON the plan', 'ORCON'],
      ['2. EXDIS the plan', 'EXDIS'],
      ['2. (NOFORN the plan', 'NOFORN'],
      ['2. ( NOFORN the plan', 'NOFORN'],
      ['NOFORN - the plan', 'NOFORN'],
      ['NOFORN: the plan', 'NOFORN'],
      ['NOFORN\u2013 the plan', 'NOFORN'],
      ['  NOFORN -- the plan', 'NOFORN'],
    ])
  })

  it('should read no mark in a word no caveat is, a control restricting nobody, or a bare caveat before prose', () => {
    reads([
      ['2. TALKS resumed', null],
      ['2. SIPDIS the plan', null],
      ['2. UNCLASSIFIED the plan', null],
      ['NOFORN talks resumed', null],
      ['  NOFORN talks resumed', null],
      ['2. the NOFORN rules', null],
      ['2. NOFORNS the plan', null],
      ['2. Noforn the plan', null],
      ['2. N the plan', null],
    ])
  })
})
