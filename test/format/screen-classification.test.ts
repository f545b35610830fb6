import { describe, expect, it } from 'vitest'
import { screenClassification } from '../../src/format/screen-classification.js'

describe('screenClassification: the banner of several texts shown together', () => {
  it('nothing on screen is UNCLASSIFIED', () => {
    expect(screenClassification([])).toEqual({ level: 'UNCLASSIFIED', caveats: [], label: 'UNCLASSIFIED' })
  })

  it('takes the highest level and every caveat, written in the archive label order', () => {
    expect(screenClassification(['CONFIDENTIAL', 'SECRET//NOFORN'])?.label).toBe('SECRET//NOFORN')
    expect(screenClassification(['CONFIDENTIAL//ORCON', 'SECRET//NOFORN'])).toEqual({
      level: 'SECRET',
      caveats: ['ORCON', 'NOFORN'],
      label: 'SECRET//ORCON/NOFORN',
    })
    expect(screenClassification(['SECRET//NOFORN/EXDIS', 'CONFIDENTIAL//NODIS'])?.label).toBe('SECRET//NOFORN/NODIS/EXDIS')
    expect(screenClassification(['TOP SECRET', 'UNCLASSIFIED'])?.label).toBe('TOP SECRET')
  })

  it('writes controlled unclassified text as the archive does, and a higher level wins over it', () => {
    expect(screenClassification(['UNCLASSIFIED//FOR OFFICIAL USE ONLY', 'UNCLASSIFIED'])?.label).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    expect(screenClassification(['LIMITED OFFICIAL USE', 'CONFIDENTIAL'])?.label).toBe('CONFIDENTIAL')
  })

  it('never drops a caveat outside the label table: it follows the restrictive ones', () => {
    expect(screenClassification(['SECRET//FGI', 'CONFIDENTIAL//NOFORN'])?.label).toBe('SECRET//NOFORN/FGI')
    expect(screenClassification(['SECRET//FGI'])?.label).toBe('SECRET//FGI')
  })

  it('fails closed: any item without a classification, unreadable or naming no level makes the whole unknown', () => {
    expect(screenClassification(['SECRET', null])).toBeNull()
    expect(screenClassification(['SECRET//XYZZY'])).toBeNull()
    expect(screenClassification(['CONFIDENTIAL', 'NOFORN'])).toBeNull()
    expect(screenClassification(['UNCLASSIFIED', ''])).toBeNull()
  })
})
