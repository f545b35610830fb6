import { describe, expect, it } from 'vitest'
import {
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
    expect(overallClassification('UNCLASSIFIED', ['NOFORN'])).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
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
  })
})
