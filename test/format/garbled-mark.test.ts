import { describe, expect, it } from 'vitest'
import { garbledMark } from '../../src/format/marking.js'

/**
 * garbledMark decides whether a parenthesised word opening a body line files a cable as unreadable (TOP SECRET,
 * archive/cable-access.ts): a mark the parser refuses that is plainly a marking, not an office acronym.
 */
describe('garbledMark', () => {
  it.each([
    ['S//ZZ', 'a level and the // separator of a marking'],
    ['TS//NOFRON', 'a misspelled caveat after //'],
    ['c//zz', 'lower case with //'],
    ['S/NF/XX', 'a one-word caveat (NF) after the level'],
    ['C/ORCON/XX', 'a one-word caveat (ORCON) after the level'],
    ['S/REL', 'REL naming no country after the level'],
  ])('should call %s garbled: %s', (text) => {
    expect(garbledMark(text)).toBe(true)
  })

  it.each([
    ['S//NF', 'a mark the parser reads'],
    ['C', 'a level alone'],
    ['S/CT', 'an office (S/CT)'],
    ['S/P', 'an office (S/P)'],
    ['U/S', 'an office (U/S)'],
    ['OAS/MAPP', 'an acronym with no caveat after its first word'],
    ['CDU/CSU', 'an acronym'],
    ['Sic', 'a word in mixed case without a slash'],
    ['S/NO FORN', 'a caveat with a blank inside, which the parser reads'],
  ])('should not call %s garbled: %s', (text) => {
    expect(garbledMark(text)).toBe(false)
  })
})
