import { describe, expect, it } from 'vitest'
import {
  actionAddresseeOrigin,
  citeCable,
  citedId,
  fullYear,
  previousYear,
  REF_LABEL,
  referenceKind,
  splitReferences,
  telegramWordOrigin,
  unresolvedTelegramWord,
  type Citing,
} from '../../src/format/references.js'
import { buildId, canonicalId, isTelegramWord } from '../../src/format/ids.js'

/**
 * REF parsing item by item (spec §5.9, ids §6.1–6.2), on synthetic REF values: the label, lettered and unlettered
 * items with their offsets, the cited id of an item and the kind of an item that names no cable. Invented posts
 * (TESSIN, ARDENNE, MORVALE) stand beside directory stations where the rule is about a station's name. Expected
 * ids are written out by the rule of §6.1 (year, origin without spaces, serial without leading zeros).
 */

const citing: Citing = { year: '76', origin: 'MORVALE' }
const split = (value: string, by: Citing = citing) => splitReferences(value, by)
const letters = (value: string) => split(value).map((i) => i.letter)
const texts = (value: string) => split(value).map((i) => i.text)
const ids = (value: string) => split(value).map((i) => i.id)
/** What each item covers in the value, enumerator included: its offsets must frame exactly that. */
const covered = (value: string) => split(value).map((i) => value.slice(i.start, i.end))

describe('the REF label', () => {
  const label = (line: string) => {
    const m = REF_LABEL.exec(line)
    return m ? { at: m.index, label: m[0] } : null
  }

  it.each([
    ['REF: A. TESSIN 12', 'REF: '],
    ['REFS: A. TESSIN 12', 'REFS: '],
    ['REFTEL: TESSIN 12', 'REFTEL: '],
    ['REFTELS: TESSIN 12', 'REFTELS: '],
    ['REF(S): TESSIN 12', 'REF(S): '],
    ['REFERENCE: TESSIN 12', 'REFERENCE: '],
    ['REFERENCES: TESSIN 12', 'REFERENCES: '],
    ['Refs: A) State 29549', 'Refs: '],
    ['REF. TESSIN 12', 'REF. '],
    ['REF : TESSIN 12', 'REF : '],
    ['REF:TESSIN 12', 'REF:'],
  ])('should take %j as a REF label %j at the start', (line, text) => {
    expect(label(line)).toEqual({ at: 0, label: text })
  })

  it('should find the label after white space, not inside a word', () => {
    expect(label('SUBJECT: X  REF: TESSIN 12')).toEqual({ at: 12, label: 'REF: ' })
    expect(label('XREF: TESSIN 12')).toBeNull()
    expect(label('REFUSAL: NONE')).toBeNull()
    expect(label('PREFERENCES: NONE')).toBeNull()
  })

  it('should take a label without colon only at a line start and before an enumerator', () => {
    expect(label('REF A. TESSIN 12')).toEqual({ at: 0, label: 'REF ' })
    expect(label('  REFTEL (A) TESSIN 12')).toEqual({ at: 0, label: '  REFTEL ' })
    expect(label('REFS A) TESSIN 12')).toEqual({ at: 0, label: 'REFS ' })
    expect(label('REF  A. TESSIN 12')).toEqual({ at: 0, label: 'REF  ' })
    expect(label('REF A.TESSIN 12')).toEqual({ at: 0, label: 'REF ' })
    expect(label('SUBJECT: X\nREF A. TESSIN 12')).toEqual({ at: 11, label: 'REF ' })
    expect(label('REF TESSIN 12')).toBeNull()
    expect(label('AS REF A. TESSIN 12')).toBeNull()
    expect(label('REF AB. TESSIN 12')).toBeNull()
  })
})

describe('lettered REF items', () => {
  it('should split A. B. C. items with offsets that frame each enumerator and its text', () => {
    const value = 'A. TESSIN 1605  B. 06 TESSIN 2601 (NOTAL)  C. LEE-GOLDSTEIN EMAIL 05/11/07  '
    expect(split(value).map(({ letter, id, kind }) => ({ letter, id, kind }))).toEqual([
      { letter: 'A', id: '76TESSIN1605', kind: 'cable' },
      { letter: 'B', id: '06TESSIN2601', kind: 'cable' },
      { letter: 'C', id: null, kind: 'email' },
    ])
    expect(covered(value)).toEqual(['A. TESSIN 1605', 'B. 06 TESSIN 2601 (NOTAL)', 'C. LEE-GOLDSTEIN EMAIL 05/11/07'])
  })

  it('should keep the offsets of an item written with runs of blanks, its text collapsed', () => {
    const value = 'A.   TESSIN    12\n     B.  ARDENNE  3'
    expect(texts(value)).toEqual(['TESSIN 12', 'ARDENNE 3'])
    expect(covered(value)).toEqual(['A.   TESSIN    12', 'B.  ARDENNE  3'])
  })

  it.each([
    ['A) TESSIN 12 B) TESSIN 13'],
    ['(A) TESSIN 12 (B) TESSIN 13'],
    ['(A)TESSIN 12, (B)TESSIN 13'],
    ['A: TESSIN 12 B: TESSIN 13'],
    ['A . TESSIN 12 B . TESSIN 13'],
    ['a. tessin 12 b. tessin 13'],
    ['(a) tessin 12 (b) tessin 13'],
  ])('should read the enumerators of %j', (value) => {
    expect(letters(value)).toEqual(['A', 'B'])
    expect(ids(value)).toEqual(['76TESSIN12', '76TESSIN13'])
  })

  it('should drop a trailing separator and a banner glued to the end of an item', () => {
    expect(texts('A. TESSIN 12, B. TESSIN 13; C. ARDENNE 3  CONFIDENTIAL')).toEqual(['TESSIN 12', 'TESSIN 13', 'ARDENNE 3'])
    expect(texts('A. TESSIN 12 SECRET B. TESSIN 13 LIMITED OFFICIAL USE')).toEqual(['TESSIN 12', 'TESSIN 13'])
    expect(texts('A. SECRET TALKS ON TESSIN 12')).toEqual(['SECRET TALKS ON TESSIN 12'])
    expect(texts('A. TESSIN 12 ON SECRET TALKS')).toEqual(['TESSIN 12 ON SECRET TALKS'])
    expect(texts('A. TESSIN 12; PARA 4, B. TESSIN 13')).toEqual(['TESSIN 12; PARA 4', 'TESSIN 13'])
  })

  it('should count a doubled enumerator once (`A. A) …`)', () => {
    const value = 'A. A) TESSIN 236 B. B) TESSIN 237'
    expect(letters(value)).toEqual(['A', 'B'])
    expect(texts(value)).toEqual(['TESSIN 236', 'TESSIN 237'])
    expect(covered(value)).toEqual(['A. A) TESSIN 236', 'B. B) TESSIN 237'])
  })

  it('should not open an item at initials inside an item, the current letter included', () => {
    expect(split('A. LETTER FROM J. DOE B. TESSIN 14').map(({ letter, text, kind }) => ({ letter, text, kind }))).toEqual([
      { letter: 'A', text: 'LETTER FROM J. DOE', kind: 'letter' },
      { letter: 'B', text: 'TESSIN 14', kind: 'cable' },
    ])
    expect(texts('A. LETTER FROM A. SMITH B. TESSIN 14')).toEqual(['LETTER FROM A. SMITH', 'TESSIN 14'])
    expect(texts('A. TESSIN 12 PER A) ABOVE B. TESSIN 14')).toEqual(['TESSIN 12 PER A) ABOVE', 'TESSIN 14'])
  })

  it('should not take a letter that ends a word or closes the text for an enumerator', () => {
    expect(texts('A. TESSIN 12 SUB. B. TESSIN 14')).toEqual(['TESSIN 12 SUB.', 'TESSIN 14'])
    expect(texts('A. TESSIN 12, PLAN B.')).toEqual(['TESSIN 12, PLAN B.'])
    expect(texts('A. TESSIN 12, PLAN B., ANNEX')).toEqual(['TESSIN 12, PLAN B., ANNEX'])
  })

  it('should let a list start at another letter and run on from there', () => {
    expect(letters('C. TESSIN 5 D. TESSIN 6 F. TESSIN 8')).toEqual(['C', 'D'])
    expect(texts('C. TESSIN 5 D. TESSIN 6 F. TESSIN 8')).toEqual(['TESSIN 5', 'TESSIN 6 F. TESSIN 8'])
  })

  it('should open an item at a capital letter that starts a line, in any order', () => {
    expect(letters('A. TESSIN 1\nC. TESSIN 3')).toEqual(['A', 'C'])
    expect(letters('A. TESSIN 1\n   C. TESSIN 3\n\tE. TESSIN 5')).toEqual(['A', 'C', 'E'])
    expect(letters('A. TESSIN 1 C. TESSIN 3')).toEqual(['A'])
    // far from the line start, a letter out of order is text
    expect(letters('A. TESSIN 1\nMEMO OF J. DOE')).toEqual(['A'])
    expect(letters('X A. TESSIN 1')).toEqual(['A'])
    expect(letters('A. X C. TESSIN 3')).toEqual(['A'])
    // only the same letter doubles: A. B. are two items, the first empty
    expect(split('A. B. TESSIN 12').map(({ letter, id }) => ({ letter, id }))).toEqual([{ letter: 'A', id: null }, { letter: 'B', id: '76TESSIN12' }])
  })

  it('should keep a lower-case list in order even at line starts', () => {
    expect(letters('a. tessin 1\nc. tessin 3')).toEqual(['A'])
    expect(texts('a. tessin 1\nc. tessin 3')).toEqual(['tessin 1 c. tessin 3'])
  })

  it('should letter a list in one case, set by its first enumerator', () => {
    expect(texts('A. TESSIN 12 SEE b. ABOVE B. TESSIN 14')).toEqual(['TESSIN 12 SEE b. ABOVE', 'TESSIN 14'])
    expect(texts('a. tessin 12 per B. Smith b. tessin 14')).toEqual(['tessin 12 per B. Smith', 'tessin 14'])
  })

  it('should start a lower-case list at a only: other lower-case letters are words', () => {
    expect(split('TESSIN 12, SEE p. 4').map(({ letter, id }) => ({ letter, id }))).toEqual([{ letter: null, id: '76TESSIN12' }])
    expect(letters('i. e. TESSIN 12')).toEqual([null])
  })
})

describe('unlettered REF items', () => {
  it('should give nothing for a blank value', () => {
    expect(split('')).toEqual([])
    expect(split('   \n  ')).toEqual([])
  })

  it('should give one item framed without the blanks around it', () => {
    const value = '   TESSIN 12, PARA 4 '
    expect(split(value)).toEqual([{ letter: null, text: 'TESSIN 12, PARA 4', id: '76TESSIN12', kind: 'cable', start: 3, end: 20 }])
  })

  it('should split a list naming several cables, each framed in the value', () => {
    const value = '  TESSIN 1091:  TESSIN 263 ;ARDENNE 1603 and STATE 123456  '
    expect(ids(value)).toEqual(['76TESSIN1091', '76TESSIN263', '76ARDENNE1603', '76STATE123456'])
    expect(covered(value)).toEqual(['TESSIN 1091', 'TESSIN 263', 'ARDENNE 1603', 'STATE 123456'])
    expect(split(value).every((i) => i.letter === null && i.kind === 'cable')).toBe(true)
  })

  it('should split at AND only as a word', () => {
    expect(ids('TESSIN 12, HIGHLAND 263, ANDERMATT 4')).toEqual(['76TESSIN12', '76HIGHLAND263', '76ANDERMATT4'])
    expect(ids('TESSIN 12 AND ARDENNE 13')).toEqual(['76TESSIN12', '76ARDENNE13'])
  })

  it('should keep a list with one cable whole, separators and empty pieces included', () => {
    expect(split(';TESSIN 12;').map(({ text, id }) => ({ text, id }))).toEqual([{ text: ';TESSIN 12', id: '76TESSIN12' }])
    expect(split('TESSIN 12; MEMO OF MARCH 3').map(({ text, id, kind }) => ({ text, id, kind }))).toEqual([
      { text: 'TESSIN 12; MEMO OF MARCH 3', id: '76TESSIN12', kind: 'cable' },
    ])
  })

  it('should keep a list of no cables as one item of its kind', () => {
    expect(split('MEMCON, MARCH 3; NOTES OF MEETING, MARCH 4').map(({ letter, id, kind }) => ({ letter, id, kind }))).toEqual([
      { letter: null, id: null, kind: 'memo' },
    ])
  })
})

describe('the cable an item cites', () => {
  it.each([
    ['TESSIN 1605', '76TESSIN1605'],
    ['06 TESSIN 2601', '06TESSIN2601'],
    ['(07) STATE 071143', '07STATE71143'],
    ['2007 TESSIN 4554', '07TESSIN4554'],
    ['1999 TESSIN 4554', '99TESSIN4554'],
    ['STATE 123456', '76STATE123456'],
    ['08 SAO PAULO 119', '08SAOPAULO119'],
    ['State 29549', '76STATE29549'],
    ['TESSIN 0389', '76TESSIN389'],
    ['TESSIN 000', '76TESSIN0'],
    ['STATE NO. 123', '76STATE123'],
    ['STATE NO 123', '76STATE123'],
    ['STATE NO.123', '76STATE123'],
    ['75 SECSTATE 1200', '75STATE1200'],
    ['TESSIN 12 (NOTAL)', '76TESSIN12'],
    ['(TESSIN 12)', '76TESSIN12'],
    ['SEE:TESSIN 12.', '76TESSIN12'],
    ['TESSIN 12; PARA 3', '76TESSIN12'],
    ['TESSIN 1234567', '76TESSIN1234567'],
    ["COTE D'IVOIRE 12", '76COTEDIVOIRE12'],
    ['TORONTO 12', '76TORONTO12'],
    ['MARSEILLE 1234', '76MARSEILLE1234'],
    ['PORT OF SPAIN 345', '76PORTOFSPAIN345'],
    ['USDEL OPCW THE HAGUE 7', '76USDELOPCWTHEHAGUE7'],
    ['SAN JOSE DE TESSIN 12', '76SANJOSEDETESSIN12'],
    ['SAN  JOSE DE  TESSIN 12', '76SANJOSEDETESSIN12'],
    ['06  TESSIN 2601', '06TESSIN2601'],
    ['ABIDJAN 12', '76ABIDJAN12'],
    ['BANJUL 12', '76BANJUL12'],
    ['ROME 12', '76ROME12'],
    ['DEPT TEL 45', '76STATE45'],
    ['TESSIN 12 3RD PARA', '76TESSIN12'],
  ])('should read %j as %s', (item, id) => {
    expect(citedId(item, '76')).toBe(id)
  })

  it('should drop joining words before the origin', () => {
    expect(citedId('AND TESSIN 1603', '76')).toBe('76TESSIN1603')
    expect(citedId('SEE ALSO TESSIN 1603', '76')).toBe('76TESSIN1603')
    expect(citedId('SEE TESSIN 1603', '76')).toBe('76TESSIN1603')
    expect(citedId('OF STATE 12', '76')).toBe('76STATE12')
  })

  it.each([
    ['PARA 12'],
    ['PARAS 3 AND 4'],
    ['UNSCR 1244'],
    ['PL 480'],
    ['MARCH 12'],
    ['SEPT 30'],
    ['MEETING OF NOVEMBER 3'],
    ['TESSIN 12/76'],
    ['TESSIN 12:30'],
    ['TESSIN 10.5'],
    ['TESSIN 12A'],
    ['TESSIN'],
    ['12 TESSIN'],
    ['ARTICLE 5 OF THE TREATY'],
    ['SECDEF R162245Z OCT 08'],
    ['TESSIN 12345678'],
    ['ABC 12'],
    ['ASREPORTEDBYTESSIN 1603'],
    ['I MET HIM AT TESSIN 12'],
    ['MARCH  3'],
    ['SEE  MARCH 3'],
    ...['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'].map((m) => [`${m} 3`]),
    ...['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'JUNE', 'JULY', 'AUGUST', 'SEPT', 'SEPTEMBER', 'OCTOBER', 'DECEMBER'].map((m) => [`${m} 3`]),
  ])('should find no cable in %j', (item) => {
    expect(citedId(item, '76')).toBeNull()
  })

  it('should find the cable after a word that is no origin', () => {
    expect(citedId('PARA 4 OF TESSIN 12', '76')).toBe('76TESSIN12')
    expect(citedId('MARCH 3, TESSIN 12', '76')).toBe('76TESSIN12')
  })

  it('should need a year: the stated one, else the citing cable’s', () => {
    expect(citedId('TESSIN 12', null)).toBeNull()
    expect(citedId('74 TESSIN 12', null)).toBe('74TESSIN12')
  })

  // spec §5.9/§10: the year may stand before the origin or after the serial, in two or four digits, bare or bracketed
  it.each([
    ['TESSIN 4516 (74)', '74TESSIN4516'],
    ['TESSIN 4516 ( 74 )', '74TESSIN4516'],
    ['ARDENNE 3350 (1975)', '75ARDENNE3350'],
    ['TESSIN 5679 75', '75TESSIN5679'],
    ['TESSIN 5679 1974', '74TESSIN5679'],
    ['State 200498 (1975)', '75STATE200498'],
    ['TESSIN 248 (74) (NOTAL)', '74TESSIN248'],
    ['TESSIN 5679 75 (NOTAL)', '75TESSIN5679'],
    ['TESSIN 5679 75, PARA 3', '75TESSIN5679'],
    ['TESSIN 5679 75.', '75TESSIN5679'],
    ['TESSIN 5679 75. SEE PARA 2', '75TESSIN5679'],
    // runs of blanks before the year: citeCable reads an item as it is given, collapsed or not
    ['TESSIN 4516  (74)', '74TESSIN4516'],
    ['TESSIN 5679  75', '75TESSIN5679'],
    ['TESSIN 0389 (76)', '76TESSIN389'],
    ['DEPTEL 45678 (75)', '75STATE45678'],
    // a year before the origin wins over a number after the serial
    ['74 TESSIN 12 (75)', '74TESSIN12'],
    ['1974 TESSIN 12', '74TESSIN12'],
  ])('should read the written year of %j (%s), not the citing cable’s', (item, id) => {
    expect(citedId(item, '76')).toBe(id)
  })

  it.each([
    // a number after the serial that is no year: later than the citing cable, a day, the next cable's year, a count
    ['TESSIN 12 (77)', '76TESSIN12'],
    ['TESSIN 12 (1977)', '76TESSIN12'],
    ['TESSIN 12 77', '76TESSIN12'],
    ['TESSIN 12 1977', '76TESSIN12'],
    ['TESSIN 12 (1950)', '76TESSIN12'],
    ['TESSIN 12 12 NOV 1975', '76TESSIN12'],
    ['TESSIN 12 75 ARDENNE 14', '76TESSIN12'],
    ['TESSIN 12 3/30/75', '76TESSIN12'],
    ['TESSIN 12 PARA 5', '76TESSIN12'],
    ['TESSIN 12 75.5', '76TESSIN12'],
    ['TESSIN 12 PARA 75', '76TESSIN12'],
    ['TESSIN 12 5', '76TESSIN12'],
    ['TESSIN 12 (5)', '76TESSIN12'],
    // a bare two-digit number far before the citing year is more likely a count than a year
    ['TESSIN 12 60', '76TESSIN12'],
  ])('should not take the number after the serial of %j for a year (%s)', (item, id) => {
    expect(citedId(item, '76')).toBe(id)
  })

  it('should judge a bare two-digit year against the citing year, across the century', () => {
    expect(citedId('TESSIN 12 99', '2003')).toBe('99TESSIN12')
    expect(citedId('TESSIN 12 03', '2003')).toBe('03TESSIN12')
    expect(citedId('TESSIN 12 04', '2003')).toBe('03TESSIN12')
    expect(citedId('TESSIN 12 (99)', '03')).toBe('99TESSIN12')
  })

  it('should say whether the year was written or taken from the citing cable', () => {
    expect(citeCable('TESSIN 12 (74)', '76')).toEqual({ id: '74TESSIN12', year: 'written' })
    expect(citeCable('74 TESSIN 12', '76')).toEqual({ id: '74TESSIN12', year: 'written' })
    expect(citeCable('TESSIN 12', '76')).toEqual({ id: '76TESSIN12', year: 'citing' })
    expect(citeCable('TESSIN 12 (77)', '76')).toEqual({ id: '76TESSIN12', year: 'citing' })
    expect(citeCable('PARA 12', '76')).toBeNull()
  })

  it('should build an id from a written year when the citing year is unknown, bracketed or four digits only', () => {
    expect(citedId('TESSIN 12 (74)', null)).toBe('74TESSIN12')
    expect(citedId('TESSIN 12 1974', null)).toBe('74TESSIN12')
    // bare `74` could be anything without a citing year to judge it by
    expect(citedId('TESSIN 12 74', null)).toBeNull()
  })

  it('should read two-digit years from 1966 on, and take 1966 itself as a written year', () => {
    expect([fullYear('66'), fullYear('65'), fullYear('99'), fullYear('00'), fullYear('2004'), fullYear(75)]).toEqual([1966, 2065, 1999, 2000, 2004, 1975])
    expect(citedId('TESSIN 12 (66)', '76')).toBe('66TESSIN12')
    expect(citedId('TESSIN 12 (1966)', '76')).toBe('66TESSIN12')
    expect(citedId('TESSIN 12 (1965)', '76')).toBe('76TESSIN12')
  })

  it('should take a bare two-digit year up to ten years back, no further; bracketed or four-digit ones from any year', () => {
    expect(citedId('TESSIN 12 76', '86')).toBe('76TESSIN12')
    expect(citedId('TESSIN 12 75', '86')).toBe('86TESSIN12')
    // 1970 is 33 years before 2003: bare and two-digit, a count more likely than a year
    expect(citedId('TESSIN 12 70', '2003')).toBe('03TESSIN12')
    expect(citedId('TESSIN 12 (70)', '2003')).toBe('70TESSIN12')
    expect(citedId('TESSIN 12 1970', '2003')).toBe('70TESSIN12')
  })

  it.each(['7', 'X07', '07X', '12345'])('should judge no bare number by a default year that is no year (%j)', (defaultYear) => {
    // whatever the default year builds (`07X` builds no id), the 04 after the serial is not read as the cable's year
    const cited = citeCable('TESSIN 12 04', defaultYear)
    expect(cited?.id).not.toBe('04TESSIN12')
    expect(cited?.year).not.toBe('written')
    expect(citeCable('TESSIN 12 (74)', defaultYear)).toEqual({ id: '74TESSIN12', year: 'written' })
  })

  it('should count years back across the century', () => {
    expect(previousYear('09')).toBe('08')
    expect(previousYear('00')).toBe('99')
    expect(previousYear('67')).toBe('66')
  })

  // the Department's telegrams, and the citing post's own (an embassy's EMBTEL is that embassy's telegram)
  it.each(['DEPTEL', 'DEPTELS', 'DEPTTEL', 'DEPARTTEL', 'DEPARTMENTTEL', 'DEPTCIRTEL', 'DEPCIRTEL', 'CIRTEL', 'CIRCTEL', 'CIRTELS'])('should read %s as a telegram of the Department', (word) => {
    expect(citedId(`${word} 45678`, '76', 'MORVALE')).toBe('76STATE45678')
  })

  it.each(['EMBTEL', 'EMBTELS', 'OURTEL', 'OURTELS', 'MYTEL', 'CONTEL', 'CONGENTEL', 'CONSULTEL', 'MISSIONTEL', 'USMISSIONTEL', 'LEGTEL'])(
    'should read %s as a telegram of the citing post',
    (word) => {
      expect(citedId(`${word} 45678`, '76', 'MORVALE')).toBe('76MORVALE45678')
    },
  )

  // the Secretary's travel series are numbered apart from STATE: a SECTO serial is no STATE serial (spec §6.2)
  it.each(['SECTO', 'TOSEC', 'PARTO'])('should keep %s as its own series, as cable id does', (series) => {
    expect(citedId(`${series} 12034`, '76', 'MORVALE')).toBe(`76${series}12034`)
    expect(canonicalId(`1976${series}12034`)).toBe(`76${series}12034`)
  })

  it.each(['URTEL', 'URTELS', 'YOURTEL'])('should read %s as a telegram of the one action addressee, and as none without one', (word) => {
    expect(citedId(`${word} 4490`, '76', { origin: 'MORVALE', addressee: 'STATE' })).toBe('76STATE4490')
    expect(citedId(`${word} 4490`, '76', { origin: 'STATE', addressee: 'NAIROBI' })).toBe('76NAIROBI4490')
    expect(citedId(`${word} 4490`, '76', { origin: 'MORVALE', addressee: null })).toBeNull()
    expect(citedId(`${word} 4490`, '76', 'MORVALE')).toBeNull()
  })

  it('should read a station name before TEL as that station\'s telegram, aliases folded', () => {
    expect(citedId('NAIROBITEL 12', '76', 'MORVALE')).toBe('76NAIROBI12')
    expect(citedId('USUNTEL 12', '76', 'MORVALE')).toBe('76USUNNEWYORK12')
    expect(citedId('SECSTATETEL 12', '76', 'MORVALE')).toBe('76STATE12')
  })

  it('should build no id from a telegram-type word of unknown meaning, nor from REFTEL, whatever the citing post', () => {
    for (const item of ['XQZWTEL 12', 'REFTEL 3', 'REFTELS 3', 'QUORINTEL 12']) {
      expect(citedId(item, '76', { origin: 'MORVALE', addressee: 'STATE' })).toBeNull()
      expect(unresolvedTelegramWord(item, { origin: 'MORVALE', addressee: 'STATE' })).not.toBeNull()
    }
    expect(unresolvedTelegramWord('REFTEL 3', { origin: 'MORVALE' })?.reason).toMatch(/referred to/)
    expect(unresolvedTelegramWord('URTEL 3', { origin: 'MORVALE' })?.reason).toMatch(/action addressee/)
    expect(unresolvedTelegramWord('DEPTEL 3', { origin: 'MORVALE' })).toBeNull()
    // a cable named after the word is the one meant
    expect(citedId('REFTEL TESSIN 0245', '76', 'MORVALE')).toBe('76TESSIN245')
    expect(citedId('REF B TESSIN 245', '76', 'MORVALE')).toBe('76TESSIN245')
    expect(citedId('XQZWTEL 12 AND TESSIN 5', '76', 'MORVALE')).toBe('76TESSIN5')
  })

  it('should keep a station whose name ends like a telegram word a station', () => {
    expect(isTelegramWord('DEPTEL')).toBe(true)
    expect(isTelegramWord('NAIROBITEL')).toBe(true)
    expect(isTelegramWord('TELAVIV')).toBe(false)
    expect(isTelegramWord('STATE')).toBe(false)
    expect(isTelegramWord('TEL')).toBe(false)
    expect(citedId('TEL AVIV 12', '76', 'MORVALE')).toBe('76TELAVIV12')
  })

  it('should never build an id whose origin is a telegram-type word', () => {
    for (const word of ['URTEL', 'DEPTEL', 'EMBTEL', 'DEPCIRTEL', 'REFTEL', 'XQZWTEL']) {
      expect(buildId('77', word, '4490')).toBeNull()
      expect(canonicalId(`77${word}4490`)).toBeNull()
    }
  })

  it('should map telegram words to the Department or the citing post, never to an origin of their own', () => {
    expect(citedId('DEPTEL 45678', '76')).toBe('76STATE45678')
    expect(citedId('CIRTEL 4', '76', 'MORVALE')).toBe('76STATE4')
    expect(citedId('EMBTEL 1234', '76', 'MORVALE')).toBe('76MORVALE1234')
    expect(citedId('EMBTEL 1234', '76')).toBeNull()
    expect(citedId('EMBTEL 1234, TESSIN 5', '76')).toBe('76TESSIN5')
  })
})

describe('the kind of an item', () => {
  it.each([
    ['SMITH-JONES EMAIL OF 3/2/76', 'email'],
    ['E-MAIL FROM POL', 'email'],
    ['EMAILS OF MARCH 2', 'email'],
    ['FACSIMILE OF MARCH 2', 'fax'],
    ['TELEFAX 12', 'fax'],
    ['MEMCON OF MARCH 1', 'memo'],
    ['NOTES OF MEETING, MARCH 1', 'memo'],
    ['NOTE OF  MEETING, MARCH 1', 'memo'],
    ['DIPNOTE 45/76', 'letter'],
    ['DIPLOMATIC  NOTE 45/76', 'letter'],
    ['NOTE  VERBALE 45/76', 'letter'],
    ['LETTER FROM MINISTER', 'letter'],
    ['TELCON MARCH 1', 'meeting'],
    ['PHONE  CALL WITH MINISTER', 'meeting'],
    ['VIDEOCONFERENCE OF MARCH 1', 'meeting'],
    ['VIDEO CONFERENCE OF MARCH 1', 'meeting'],
    ['SITREP 4', 'report'],
    ['SEE TD-314/00123-76', 'report'],
    ['TD314/00123-76', 'report'],
    ['SECDEF R162245Z OCT 08', 'other'],
    ['PARA 4', 'other'],
  ])('should file %j as %s', (text, kind) => {
    expect(referenceKind(text)).toBe(kind)
  })

  it('should take the first kind in the order e-mail, fax, memo, letter, meeting, report', () => {
    expect(referenceKind('EMAIL ON THE FAX')).toBe('email')
    expect(referenceKind('FAX OF THE MEMO')).toBe('fax')
    expect(referenceKind('MEMO ON THE LETTER')).toBe('memo')
    expect(referenceKind('LETTER ON THE MEETING')).toBe('letter')
    expect(referenceKind('MEETING ON THE REPORT')).toBe('meeting')
  })

  it('should not take a kind word inside another word', () => {
    expect(referenceKind('FAXON STREET 4')).toBe('other')
    expect(referenceKind('RECALLS 4')).toBe('other')
  })

  it('should keep an item naming a cable but no year a cable, its id unknown, where the text states no year', () => {
    const noYear = { year: null, origin: null }
    expect(split('TESSIN 12', noYear)).toEqual([{ letter: null, text: 'TESSIN 12', id: null, kind: 'cable', start: 0, end: 9 }])
    expect(split('A. TESSIN 12 B. EMAIL 3', noYear).map((i) => i.kind)).toEqual(['cable', 'email'])
    expect(split('A. PARA 4 B. MEMO OF TESSIN 12', noYear).map((i) => i.kind)).toEqual(['other', 'memo'])
    // a telegram-type word with a serial names a cable even when whose it is cannot be known
    expect(split('A. EMBTEL 12', noYear).map((i) => i.kind)).toEqual(['cable'])
    expect(split('A. EMBTEL OF MARCH 3', noYear).map((i) => i.kind)).toEqual(['other'])
    // a kind word names what the item is when no id can be built; with a year the cable is found
    expect(split('EMAIL OF MARCH 3, TESSIN 12', noYear).map((i) => i.kind)).toEqual(['email'])
    expect(split('EMAIL OF MARCH 3, TESSIN 12').map(({ id, kind }) => ({ id, kind }))).toEqual([{ id: '76TESSIN12', kind: 'cable' }])
    expect(split('A. EMBTEL 12', { year: null, origin: 'MORVALE' }).map((i) => i.kind)).toEqual(['cable'])
  })

  it('should file an item with a year but no cable by its kind', () => {
    expect(split('A. MEMO OF MARCH 3 B. TESSIN 12').map(({ id, kind }) => ({ id, kind }))).toEqual([
      { id: null, kind: 'memo' },
      { id: '76TESSIN12', kind: 'cable' },
    ])
  })
})

describe('telegram-type words: whose telegram each one names, and why none when it cannot be told', () => {
  it('should give the origin a word means, or no origin with whether it names the telegram referred to and why', () => {
    const post = { origin: 'MORVALE', addressee: 'NAIROBI' }
    expect(telegramWordOrigin('DEPTEL', post)).toEqual({ origin: 'STATE' })
    expect(telegramWordOrigin('EMBTEL', post)).toEqual({ origin: 'MORVALE' })
    expect(telegramWordOrigin('URTEL', post)).toEqual({ origin: 'NAIROBI' })
    expect(telegramWordOrigin('NAIROBITEL', post)).toEqual({ origin: 'NAIROBI' })
    expect(telegramWordOrigin('EMBTEL', { origin: null })).toEqual({ origin: null, reference: false, reason: 'the citing post is unknown' })
    expect(telegramWordOrigin('URTEL', { origin: 'MORVALE', addressee: null })).toEqual({ origin: null, reference: false, reason: 'the cable has no single action addressee' })
    expect(telegramWordOrigin('REFTEL', post)).toEqual({ origin: null, reference: true, reason: 'it names the telegram referred to, not its origin' })
    expect(telegramWordOrigin('XQZWTEL', post)).toEqual({ origin: null, reference: false, reason: 'its meaning is unknown' })
    // no telegram-type word at all
    expect(telegramWordOrigin('TESSIN', post)).toBeNull()
  })

  it('should tell why a word builds no id, for the REF_TELEGRAM_WORD diagnostic', () => {
    expect(unresolvedTelegramWord('EMBTEL 12', { origin: null })).toEqual({ word: 'EMBTEL', reason: 'the citing post is unknown' })
    expect(unresolvedTelegramWord('XQZWTEL 12', { origin: 'MORVALE' })).toEqual({ word: 'XQZWTEL', reason: 'its meaning is unknown' })
  })

  it('should find the word before a serial however the serial is written, as citeCable reads it', () => {
    const none = { origin: 'MORVALE', addressee: null }
    const why = { word: 'URTEL', reason: 'the cable has no single action addressee' }
    for (const item of ['URTEL 4490', 'URTEL  4490', 'URTEL NO 4490', 'URTEL NO. 4490', 'URTEL NO.4490']) {
      expect(unresolvedTelegramWord(item, none), item).toEqual(why)
      // with one action addressee the same spellings cite its telegram
      expect(citedId(item, '76', { origin: 'MORVALE', addressee: 'NAIROBI' }), item).toBe('76NAIROBI4490')
    }
    // a word not before a serial names no telegram here
    expect(unresolvedTelegramWord('URTEL OF MARCH 3', none)).toBeNull()
  })

  it('should strip a REF label or REFTEL before the cable it names, however many blanks stand between', () => {
    expect(citedId('REF TESSIN 245', '76', 'MORVALE')).toBe('76TESSIN245')
    expect(citedId('REF  B  TESSIN 245', '76', 'MORVALE')).toBe('76TESSIN245')
    expect(citedId('REFTEL  TESSIN 0245', '76', 'MORVALE')).toBe('76TESSIN245')
  })
})

describe('actionAddresseeOrigin: the one action addressee whose telegram URTEL names', () => {
  it('should give the id origin of a single addressee the directory knows or repairs', () => {
    expect(actionAddresseeOrigin([{ name: 'SECSTATE WASHDC' }])).toBe('STATE')
    expect(actionAddresseeOrigin([{ name: 'AMEMBASSY NAIROBI' }])).toBe('NAIROBI')
    // cut short, as NARA's origins often are: repaired to the station
    expect(actionAddresseeOrigin([{ name: 'AMEMBASSY KINSHA' }])).toBe('KINSHASA')
  })

  it('should give none for no addressee, several, or one that is no station', () => {
    expect(actionAddresseeOrigin(null)).toBeNull()
    expect(actionAddresseeOrigin(undefined)).toBeNull()
    expect(actionAddresseeOrigin([])).toBeNull()
    expect(actionAddresseeOrigin([{ name: 'AMEMBASSY NAIROBI' }, { name: 'AMEMBASSY ACCRA' }])).toBeNull()
    expect(actionAddresseeOrigin([{ name: 'ALL DIPLOMATIC POSTS' }])).toBeNull()
    expect(actionAddresseeOrigin([{ name: 'AMEMBASSY XQZWV' }])).toBeNull()
  })
})
