import { describe, expect, it } from 'vitest'
import { buildId, canonicalId } from './ids.js'

describe('canonicalId', () => {
  it.each([
    ['09STATE99704', '09STATE99704'],
    ['09STATE099704', '09STATE99704'],
    ['09 STATE 099704', '09STATE99704'],
    ['08SCTION02OF02SAOPAULO335', '08SAOPAULO335'],
    ['05RIO123', '05RIODEJANEIRO123'],
    ['09SECTIOQ1OF06HARARE876', '09HARARE876'],
    ['0901OF02RPODUBAI288', '09RPODUBAI288'],
    ['08SECTION01GF02BISHIEK21', '08BISHKEK21'],
    ['06MADRID002583ZFR2585', '06MADRID2583'],
    ['08ACCRA001382SUSPECTEDDUPLICATE1392', '08ACCRA1382'],
    ['7575LIBREVILLE1895', '75LIBREVILLE1895'],
    ['1973STATE089296', '73STATE89296'],
    ['09EFTOLONDON2468', '09LONDON2468'],
    ['09AMEMBASSYHANOI1284', '09HANOI1284'],
    ['09SIFIEDABUJA1673', '09ABUJA1673'],
    ['85NOFORNMOGADISHU1643', '85MOGADISHU1643'],
    ['90STATE255577TOSEC140323', '90STATE255577'],
    ['07secstate12', '07STATE12'],
  ])('should canonicalise %s', (raw, id) => {
    expect(canonicalId(raw)).toBe(id)
  })

  it.each(['06ASTANA', '092OF5', '', 'hello', '123'])('should not make an id of %j', (raw) => {
    expect(canonicalId(raw)).toBeNull()
  })
})

describe('buildId', () => {
  it('should drop spaces and leading zeros and fold aliases', () => {
    expect(buildId('2009', 'SAO PAULO', '000335')).toBe('09SAOPAULO335')
    expect(buildId('09', 'USUN NEW YORK', '001092')).toBe('09USUNNEWYORK1092')
    expect(buildId('09', 'SECSTATE', '99704')).toBe('09STATE99704')
    expect(buildId(null, 'STATE', '1')).toBeNull()
  })
})
