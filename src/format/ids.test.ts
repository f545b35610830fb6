import { describe, expect, it } from 'vitest'
import { buildId, canonicalId, idOrigin } from './ids.js'

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

  it('should refuse a missing origin or serial instead of failing on it', () => {
    expect(buildId('09', null, '1')).toBeNull()
    expect(buildId('09', 'STATE', null)).toBeNull()
  })

  it('should write a one-digit year with its leading zero', () => {
    expect(buildId(9, 'STATE', '1')).toBe('09STATE1')
    expect(buildId('2009', 'STATE', '1')).toBe('09STATE1')
  })

  it('should refuse a serial that is not all digits and an origin with no letters', () => {
    expect(buildId('09', 'STATE', '12A')).toBeNull()
    expect(buildId('09', 'STATE', 'A12')).toBeNull()
    expect(buildId('09', '123', '12')).toBeNull()
  })
})

describe('idOrigin: words glued before the origin', () => {
  it('should strip a prefix word only when three letters or more remain after it', () => {
    expect(idOrigin('EFTOABC')).toBe('ABC')
    // two letters after EFTO or NOFORN are too short to be an origin: the whole word stays
    expect(idOrigin('EFTOAB')).toBe('EFTOAB')
    expect(idOrigin('NOFORNLI')).toBe('NOFORNLI')
  })
})

describe('canonicalId: where the year and the serial stand', () => {
  it('should read the year at the start only', () => {
    // 09 inside the text is no year: a 09 found later would leave ATE09… as origin and serial
    expect(canonicalId('STATE09STATE1')).toBeNull()
  })

  it('should read the origin right after the year (or a glued SECTION word) only', () => {
    // 12XF is neither an origin nor a glued SECTION nn OF mm: nothing further on is taken instead
    expect(canonicalId('0912XFSTATE5')).toBeNull()
  })
})
