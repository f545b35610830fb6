/**
 * The line rules the releasable rendering shows or withholds by, read one line or one word at a time
 * (src/archive/body-portions.ts `enumeratorInSequence`, `definesAcronym`; src/archive/header-portions.ts
 * `isRoutingLine`, `isSignatureLine`): a parenthesised capital read as a list's letter or an acronym is no portion
 * mark, and a header line read as routing or a signature is shown to every reader, so each rule must say yes only
 * where it should (issue 15's mutation run). Synthetic lines; every expected value written out.
 */
import { describe, expect, it } from 'vitest'
import { definesAcronym, enumeratorInSequence } from '../../src/archive/body-portions.js'
import { isRoutingLine, isSignatureLine } from '../../src/archive/header-portions.js'

describe('enumeratorInSequence: a single letter continuing a lettered list', () => {
  it('should continue a list only from the letter before it, in parentheses or brackets, in the same case', () => {
    expect(enumeratorInSequence('B', 'x (A) one ')).toBe(true)
    expect(enumeratorInSequence('b', 'x (a) one ')).toBe(true)
    expect(enumeratorInSequence('b', 'x [a] one ')).toBe(true)
    expect(enumeratorInSequence('C', 'x (A) one ')).toBe(false)
    expect(enumeratorInSequence('b', 'x (A) one ')).toBe(false)
    expect(enumeratorInSequence('B', 'x A) one ')).toBe(false)
  })

  it('should never read more than one letter, or the first letter, as a list letter', () => {
    expect(enumeratorInSequence('TS', 'x (TR) (S) one ')).toBe(false)
    expect(enumeratorInSequence('', 'x () one ')).toBe(false)
    // the character before A and a is no letter, yet never counts
    expect(enumeratorInSequence('A', 'x (@) one ')).toBe(false)
    expect(enumeratorInSequence('a', 'x (`) one ')).toBe(false)
  })

  it('should take an upper-case letter in a portion\'s text for a list letter only before a reference item', () => {
    expect(enumeratorInSequence('C', 'x (B) STATE 11 ', ' STATE 12')).toBe(true)
    expect(enumeratorInSequence('C', 'x (B) STATE 11 ', ' 08 QUORIN 2670')).toBe(true)
    expect(enumeratorInSequence('C', 'x (B) STATE 11 ', ' the secret third')).toBe(false)
    expect(enumeratorInSequence('B', 'x (A) one ', ' the plan')).toBe(false)
    expect(enumeratorInSequence('Z', 'x (Y) one ', ' the plan')).toBe(false)
    // a lower-case letter is no mark's letter: the rest of the line does not matter
    expect(enumeratorInSequence('c', 'x (b) one ', ' the plan')).toBe(true)
  })
})

describe('definesAcronym: the initials of the prose words right before it', () => {
  it('should read initials of two to five letters, any case, hyphenated parts apart', () => {
    expect(definesAcronym('TS', 'a report of the Technical Secretariat ')).toBe(true)
    expect(definesAcronym('OC', 'fighting organized crime ')).toBe(true)
    expect(definesAcronym('S/C', 'sent to the Sub-Committee ')).toBe(true)
    expect(definesAcronym('T.S.', 'the Technical Secretariat ')).toBe(true)
    expect(definesAcronym('T S', 'the Technical Secretariat ')).toBe(true)
    expect(definesAcronym('ABCDE', 'x Alpha bravo Charlie delta Echo ')).toBe(true)
    expect(definesAcronym('TS', 'the Technical  Secretariat ')).toBe(true)
    // a sentence ended before the words, and one word in capitals among them, change nothing
    expect(definesAcronym('TS', 'as agreed. the Technical Secretariat ')).toBe(true)
    expect(definesAcronym('TS', 'the TECHNICAL secretariat ')).toBe(true)
  })

  it('should not read one letter, six, or anything but letters as initials', () => {
    expect(definesAcronym('S', 'the Summary ')).toBe(false)
    expect(definesAcronym('ABCDEF', 'x Alpha bravo Charlie delta Echo foxtrot ')).toBe(false)
    expect(definesAcronym('T2', 'the Technical Two ')).toBe(false)
    expect(definesAcronym('ts', 'the technical secretariat ')).toBe(false)
  })

  it('should not read a mark after fewer words than letters, other initials, words in capitals or a sentence end', () => {
    expect(definesAcronym('TS', 'Secretariat ')).toBe(false)
    expect(definesAcronym('TS', 'Technical ')).toBe(false)
    expect(definesAcronym('TS', 'the Tall Man ')).toBe(false)
    expect(definesAcronym('TS', 'the Secretariat Technical ')).toBe(false)
    expect(definesAcronym('TS', 'THE TECHNICAL SECRETARIAT ')).toBe(false)
    for (const end of ['.', ';', ':', '!', '?']) expect(definesAcronym('TS', `the Technical Secretariat${end}   `)).toBe(false)
  })
})

describe('isSignatureLine: a line a signature block may hold, shown to every reader', () => {
  it('should take blank lines, a name of one to three words, a class word, a trailer and a NARA stamp', () => {
    for (const line of ['', '   \n', 'QUILL', 'Ona Quill\n', 'Ona B. Quill', "  O'Hara-Quill  ", 'CONFIDENTIAL', 'BT', 'NNNN', '#1234'])
      expect([line, isSignatureLine(line)]).toEqual([line, true])
    expect(isSignatureLine('Declassified/Released US Department of State EO Systematic Review 30 JUN 2005')).toBe(true)
  })

  it('should refuse a name of more than 40 characters, counted without the blanks around it', () => {
    expect(isSignatureLine('   Adalbertina Maximiliana Quillingsworthss   ')).toBe(true)
    expect(isSignatureLine('Adalbertina Maximiliana Quillingsworthsss')).toBe(false)
  })

  it('should refuse a NARA stamp line longer than 120 characters, the line end not counted', () => {
    const stamp = 'Declassified/Released US Department of State EO Systematic Review 30 JUN 2005 '
    const exactly = stamp + 'x'.repeat(120 - stamp.length)
    expect(isSignatureLine(`${exactly}\n`)).toBe(true)
    expect(isSignatureLine(`${exactly}x`)).toBe(false)
  })

  it('should read a serial of fewer than three digits, or none, before a NARA stamp as part of it', () => {
    expect(isSignatureLine('#12 Declassified/Released US Department of State EO Systematic Review')).toBe(true)
    expect(isSignatureLine('#abc Declassified/Released US Department of State EO Systematic Review')).toBe(true)
  })

  it('should refuse a line with a mark, prose words or text after a trailer word', () => {
    for (const line of ['(S) QUILL', '(S) Declassified/Released US Department of State EO Systematic Review', 'Ona\nQuill\n', 'QUILL (C)', 'He Was Here', 'he was here', 'Quill Has Left', 'Talks Failed Again', 'BT THE PLAN', 'NNNNTHE PLAN', '#1234 THE PLAN', 'Four Word Name Here'])
      expect([line, isSignatureLine(line)]).toEqual([line, false])
  })
})

describe('isRoutingLine: an envelope, addressing or routing line, shown to every reader', () => {
  it('should take blank lines, addressee lines, format lines, distribution lines and class words', () => {
    for (const line of [
      '',
      '\n',
      'FM AMEMBASSY QUORIN',
      'TO SECSTATE WASHDC PRIORITY 0001\n',
      'INFO RUCNIRA/IRAN COLLECTIVE',
      'XMT AMCONSUL QUORIN',
      'TO/ SECSTATE WASHDC',
      'RUEHC/SECSTATE WASHDC PRIORITY 0001',
      'VZCZCQUO123',
      'OO RUEHC',
      'RUEHQU RUEHC',
      'DE RUEHQU #0401/01 0461200',
      'ZNY CCCCC ZZH',
      'BT',
      'NSCE-00  OIC-00   NIMA-00  PA-00',
      'C O N F I D E N T I A L',
      'P 151200Z FEB 08',
      '   ',
      '\t\n',
      '  FM AMEMBASSY QUORIN',
      'FM  AMEMBASSY QUORIN',
      'FM\tAMEMBASSY QUORIN',
      // a page header after a list label
      'INFO PAGE 02 QUORIN 00401 151200Z',
    ])
      expect([line, isRoutingLine(line)]).toEqual([line, true])
  })

  it('should refuse a line holding a mark, a sentence or prose', () => {
    for (const line of ['RUEHC/SECSTATE WASHDC (S)', 'INFO KHAN WAS SHOT COLLECTIVE', 'TO THE MINISTER HE SAID', 'THE TALKS WENT WELL', 'FM the minister', 'Talks resumed on schedule.', '(S) FM AMEMBASSY QUORIN', 'TOWARD AMEMBASSY QUORIN', 'TO XYZ123/AMEMBASSY QUORIN', 'FM AMEMBASSY\nQUORIN\n'])
      expect([line, isRoutingLine(line)]).toEqual([line, false])
  })
})
