import { describe, expect, it } from 'vitest'
import { idPrefixValue, idValue } from '../../src/store/query/field-values.js'

// `id:` and `cites:` values written as NARA document numbers (spec §6.2): the engines compare them with canonical
// keys, so the value is read into that form first (both engines: test/store/archive-contract.test.ts)
describe('id: values in NARA form', () => {
  it('should read an exact NARA or PlusD number as the canonical id', () => {
    expect(idValue('1975STATE012345')).toBe('75STATE12345')
    expect(idValue('1975DACCA00292_b')).toBe('75DACCA292')
    expect(idValue('1974KINSHA01234')).toBe('74KINSHASA1234')
  })

  it('should read a prefix in NARA form as the prefix of canonical keys', () => {
    expect(idPrefixValue('1975STATE0123')).toBe('75STATE123')
    expect(idPrefixValue('1975dacca')).toBe('75DACCA')
    expect(idPrefixValue('1974KINSHA012')).toBe('74KINSHASA12')
    // an origin without serial digits may be cut anywhere: kept as written, KINSHA is a prefix of KINSHASA
    expect(idPrefixValue('1974KINSHA')).toBe('74KINSHA')
    expect(idPrefixValue('1975')).toBe('75')
    expect(idPrefixValue('1975STATE000')).toBe('75STATE')
  })

  it('should leave canonical prefixes and other keys as they were, upper-cased', () => {
    expect(idPrefixValue('09harare')).toBe('09HARARE')
    expect(idPrefixValue('09STATE01')).toBe('09STATE1')
    expect(idPrefixValue('09')).toBe('09')
    expect(idPrefixValue('unnumbered-har')).toBe('UNNUMBERED-HAR')
  })
})
