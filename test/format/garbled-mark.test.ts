import { describe, expect, it } from 'vitest'
import { garbledMark, oddMark } from '../../src/format/marking.js'

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
    ['TS/SCI', 'an SCI control after a single slash (no office is written TS/…)'],
    ['S/SI', 'an SCI control system (SI) after S/'],
    ['S/TK', 'an SCI control system (TK) after S/'],
    ['TS/HCS', 'an SCI control system (HCS) after TS/'],
    ['S/SAR', 'a special access programme after S/'],
    ['S/DSEN', 'a dissemination control (DSEN) after S/'],
    ['C/LES', 'a dissemination control (LES) after C/'],
    ['SECRET/XYZ', 'a written-out level and a single slash'],
    ['TOP SECRET/ABC', 'a two-word level and a single slash'],
    ['T/S', 'the T/S abbreviation of TOP SECRET'],
    ['S(NF)', 'a caveat in parentheses of its own after the level'],
    ['CONF//S', 'the // separator after a level stem'],
    ['S/SBU', 'SBU, an administrative control read as a caveat word, after S/'],
    ['S(SBU)', 'SBU in parentheses of its own after the level'],
  ])('should call %s garbled: %s', (text) => {
    expect(garbledMark(text)).toBe(true)
  })

  // every control marking of the ODNI register the archive does not read as a caveat, after S/ (where an office
  // such as S/CT is written, so only the word itself makes it a mark), written out one by one
  it.each([
    'SCI', 'SI', 'COMINT', 'GAMMA', 'TK', 'HCS', 'KDK', 'KLONDIKE', 'RSV', 'BUR',
    'SAR', 'SAP', 'SPECIAL', 'RD', 'FRD', 'CNWDI', 'TFNI', 'SIGMA',
    'DSEN', 'LES', 'RSEN', 'IMCON', 'PROPIN', 'PR', 'RELIDO', 'FISA', 'NOCONTRACT', 'WNINTEL', 'EYES',
  ])('should call S/%s garbled: a control marking after a single slash', (word) => {
    expect(garbledMark(`S/${word}`)).toBe(true)
    expect(garbledMark(`S/${word.toLowerCase()}`)).toBe(true)
  })

  it.each([
    ['S//NF', 'a mark the parser reads'],
    ['C', 'a level alone'],
    ['S/CT', 'an office (S/CT)'],
    ['S/P', 'an office (S/P)'],
    ['U/S', 'an office (U/S)'],
    ['S/WCI', 'an office (S/WCI)'],
    ['S/SRAP', 'an office (S/SRAP)'],
    ['C/D', 'an office-style abbreviation after C/'],
    ['S/2008/250', 'a UN Security Council document symbol'],
    ['S/PRST/2007/8', 'a UN presidential statement symbol'],
    ['http://S.example', 'a URL'],
    ['S(ABC)', 'a word in parentheses that is no caveat'],
    ['OAS/MAPP', 'an acronym with no caveat after its first word'],
    ['CDU/CSU', 'an acronym'],
    ['Sic', 'a word in mixed case without a slash'],
    ['S/NO FORN', 'a caveat with a blank inside, which the parser reads'],
  ])('should not call %s garbled: %s', (text) => {
    expect(garbledMark(text)).toBe(false)
  })
})

describe('oddMark and garbledMark at the edges of their patterns', () => {
  it.each([
    [' T/S ', true, 'T/S with blanks around it'],
    ['S//ZZ', true, 'a level and an unknown word around //: one mark token is enough'],
    ['AT/S', false, 'T/S at the end of a longer word'],
    ['T/SAT', false, 'T/S at the start of a longer word'],
    ['AS(NF)', false, 'S(NF) at the end of a longer word'],
    ['S(NF)X', false, 'S(NF) followed by more letters'],
    ['S(FOR)', false, 'FOR, the first word of FOR OFFICIAL USE ONLY, is no caveat alone'],
  ])('oddMark(%j) is %s: %s', (text, odd) => {
    expect(oddMark(text)).toBe(odd)
  })

  it.each([
    ['S/FOR', 'FOR alone is no caveat after S/'],
    [' S/CT', 'an office after a blank'],
    ['TS-X/Y', 'a slash after a word that is not the level'],
  ])('garbledMark(%j) is false: %s', (text) => {
    expect(garbledMark(text)).toBe(false)
  })
})

describe('oddMark: which words beside // make a mark', () => {
  it.each([
    ['CONF//ZZ', true], ['TOP//ZZ', true], ['SECRET//ZZ', true], ['ZZ//NOFORN', true], ['ZZ//EXDIS', true],
    ['FOR//ZZ', false], ['BUT//ZZ', false], ['OFFICIAL//ZZ', false], ['ZZ//EXCLUSIVE', false],
    ['SENSITIVE//ZZ', false], ['LIMITED//ZZ', false], ['ZZ//USE', false], ['ZZ//SPECAT', true], ['UNCLAS//ZZ', true], ['ZZ//NF', true],
  ])('oddMark(%j) is %s', (text, odd) => {
    expect(oddMark(text)).toBe(odd)
  })
})
