import { describe, expect, it } from 'vitest'
import {
  CLASS_WORD_ONLY,
  caveatsOfCaption,
  classWordFor,
  levelOfClassWord,
  levelOfSecurityGroup,
  normalizeMark,
  overallClassification,
  publisherClassification,
  securityGroupFor,
} from '../../src/format/classification.js'

/**
 * The classification vocabulary of src/format/classification.ts (issue 15, mutation testing): class words,
 * FL4 security groups, the publisher's labels and the caption → caveat table. Expected values are written out
 * from the spec (§3.1, §5.2, §7), never read from the module.
 */

describe('caption → caveats', () => {
  it('should fold aliases onto the caveat a reader must hold', () => {
    expect(caveatsOfCaption('NOFORN')).toEqual(['NOFORN'])
    expect(caveatsOfCaption('NODIF')).toEqual(['NODIS'])
    expect(caveatsOfCaption('CHEROKEE')).toEqual(['CHEROKEE', 'NODIS'])
    expect(caveatsOfCaption('SPECAT EXCLUSIVE')).toEqual(['SPECAT', 'NODIS'])
  })

  it('should read a caption in any case and spacing', () => {
    expect(caveatsOfCaption('  specat   exclusive ')).toEqual(['SPECAT', 'NODIS'])
    expect(caveatsOfCaption('Exdis')).toEqual(['EXDIS'])
  })

  it('should give nothing for captions that restrict nobody, and a fresh list each time', () => {
    expect(caveatsOfCaption('SIPDIS')).toEqual([])
    expect(caveatsOfCaption('SENSITIVE')).toEqual([])
    const first = caveatsOfCaption('NOFORN')
    first.push('ORCON')
    expect(caveatsOfCaption('NOFORN')).toEqual(['NOFORN'])
  })
})

describe('class words', () => {
  it.each([
    ['T O P S E C R E T', 'TOP SECRET'],
    ['top secret', 'TOP SECRET'],
    ['S E C R E T', 'SECRET'],
    ['Secret', 'SECRET'],
    ['C O N F I D E N T I A L', 'CONFIDENTIAL'],
    ['LIMITED OFFICIAL USE', 'SBU'],
    ['UNCLAS', 'UNCLASSIFIED'],
    ['Unclassified', 'UNCLASSIFIED'],
    ['UNCLAS E F T O', 'UNCLASSIFIED'],
  ])('should read %j as %s, the same again from the table', (word, level) => {
    expect(levelOfClassWord(word)).toBe(level)
    expect(levelOfClassWord(word)).toBe(level)
  })

  // §5.2: a class line reads CLASS [SECTION] ORIGIN SERIAL; §5.3: a legacy page header opens with the plain word.
  // Handed over with that tail, the word keeps its level (read from the start), never UNCLASSIFIED.
  it.each([
    ['T O P S E C R E T SECTION 01 OF 02 STATE 000123', 'TOP SECRET'],
    ['S E C R E T SECTION 01 OF 02', 'SECRET'],
    ['SECRET NOFORN', 'SECRET'],
    ['CONFIDENTIAL PAGE 01 HARARE 03759 01 OF 03 111533Z', 'CONFIDENTIAL'],
    ['C O N F I D E N T I A L  BRASILIA 000093', 'CONFIDENTIAL'],
    ['LIMITED OFFICIAL USE SECTION 02 OF 03', 'SBU'],
    ['UNCLAS SECTION 01 OF 02', 'UNCLASSIFIED'],
  ])('should read %j, a class word with more text after it, as %s', (text, level) => {
    expect(levelOfClassWord(text)).toBe(level)
  })

  it('should read a class word spaced by tabs and runs of blanks', () => {
    expect(levelOfClassWord('T\tO P   S E C R E T')).toBe('TOP SECRET')
    expect(levelOfClassWord('s e c r e t')).toBe('SECRET')
    expect(levelOfClassWord('LIMITED  OFFICIAL\tUSE')).toBe('SBU')
  })

  it('should write the canonical class word, spaced for classified text when asked', () => {
    expect(classWordFor('TOP SECRET', true)).toBe('T O P S E C R E T')
    expect(classWordFor('TOP SECRET', false)).toBe('TOP SECRET')
    expect(classWordFor('SECRET', true)).toBe('S E C R E T')
    expect(classWordFor('SECRET', false)).toBe('SECRET')
    expect(classWordFor('CONFIDENTIAL', true)).toBe('C O N F I D E N T I A L')
    expect(classWordFor('CONFIDENTIAL', false)).toBe('CONFIDENTIAL')
    expect(classWordFor('SBU', true)).toBe('LIMITED OFFICIAL USE')
    expect(classWordFor('UNCLASSIFIED', true)).toBe('UNCLAS')
  })
})

describe('FL4 security groups', () => {
  it('should write five letters of the level, UUUUU for unclassified and SBU', () => {
    expect(['TOP SECRET', 'SECRET', 'CONFIDENTIAL', 'SBU', 'UNCLASSIFIED'].map((l) => securityGroupFor(l as never))).toEqual(['TTTTT', 'SSSSS', 'CCCCC', 'UUUUU', 'UUUUU'])
  })

  it('should read a group by its first letter, EFTO as unclassified, and nothing else', () => {
    expect(levelOfSecurityGroup('TTTTT')).toBe('TOP SECRET')
    expect(levelOfSecurityGroup('SSSSS')).toBe('SECRET')
    expect(levelOfSecurityGroup('CCCCC')).toBe('CONFIDENTIAL')
    expect(levelOfSecurityGroup('UUUUU')).toBe('UNCLASSIFIED')
    expect(levelOfSecurityGroup('EEEEE')).toBe('UNCLASSIFIED')
    expect(levelOfSecurityGroup('XXXXX')).toBeNull()
    expect(levelOfSecurityGroup('')).toBeNull()
  })
})

describe("the publisher's classification label", () => {
  it('should add //NOFORN to a classified level only', () => {
    expect(publisherClassification('SECRET', ['NOFORN'])).toBe('SECRET//NOFORN')
    expect(publisherClassification('CONFIDENTIAL', ['EXDIS'])).toBe('CONFIDENTIAL')
    expect(publisherClassification('UNCLASSIFIED', ['NOFORN'])).toBe('UNCLASSIFIED')
    expect(publisherClassification('SBU', ['NOFORN'])).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
  })

  it('should file unclassified text under SENSITIVE or NOFORN as FOR OFFICIAL USE ONLY', () => {
    expect(overallClassification('UNCLASSIFIED', ['SENSITIVE'])).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    // the text states NOFORN: the label keeps it (the publisher writes FOR OFFICIAL USE ONLY alone)
    expect(overallClassification('UNCLASSIFIED', ['NOFORN'])).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY/NOFORN')
    expect(overallClassification('UNCLASSIFIED', ['SIPDIS'])).toBe('UNCLASSIFIED')
    expect(overallClassification('CONFIDENTIAL', ['SENSITIVE'])).toBe('CONFIDENTIAL')
    expect(overallClassification('SECRET', ['SIPDIS', 'NOFORN'])).toBe('SECRET//NOFORN')
    expect(overallClassification('SECRET', ['SIPDIS'])).toBe('SECRET')
  })
})

describe('portion marks as written', () => {
  it('should keep a clean mark and normalise case, spaces and slashes', () => {
    expect(normalizeMark('S//NF')).toBe('S//NF')
    expect(normalizeMark('s/nf ')).toBe('S/NF')
    expect(normalizeMark(' c / rel  to usa ')).toBe('C/REL TO USA')
    expect(normalizeMark('TS')).toBe('TS')
    expect(normalizeMark('U//FOUO')).toBe('U//FOUO')
  })

  // §5.10 marks are upper case (`S/NF`, `S//NF`, `C/REL …`): a mark clean only in part is still normalised
  it.each([
    ['S/nf', 'S/NF'],
    ['s/NF', 'S/NF'],
    ['S//nf', 'S//NF'],
    ['c//NF', 'C//NF'],
    ['S/NF ', 'S/NF'],
    [' S//NF', 'S//NF'],
    ['ts', 'TS'],
    ['Sbu', 'SBU'],
    ['S //  NF', 'S//NF'],
  ])('should normalise %j to %j', (written, mark) => {
    expect(normalizeMark(written)).toBe(mark)
  })
})

describe('CLASS_WORD_ONLY: a line holding a class word alone (legacy banners, e-mail printouts)', () => {
  it.each(['CONFIDENTIAL', '  Confidential  ', 'secret', 'S e c r e t', 'Unclassified'])('should take %j, in any case', (line) => {
    expect(CLASS_WORD_ONLY.test(line)).toBe(true)
  })
  it.each(['CONFIDENTIAL HARARE 000123', 'Secretary', ''])('should not take %j', (line) => {
    expect(CLASS_WORD_ONLY.test(line)).toBe(false)
  })
})
