import { describe, expect, it } from 'vitest'
import { cleanTitle, isTitleWord, mentionsIn, normalizePeople, splitName } from '../../src/archive/people.js'

describe('people normalisation: the kinds of noise a corpus shows', () => {
  it('should cut the reasons clause off a Classified-by title, however line wrapping split the word', () => {
    expect(cleanTitle('Political; Reas ons 1.4 (b) and (d)')).toBe('Political')
    expect(cleanTitle('Embassy Quorin, for reaso ns 1.4 (d)')).toBe('Embassy Quorin')
    expect(cleanTitle('Political Minister Counselor, Reasons: 1.4(b)')).toBe('Political Minister Counselor')
    expect(cleanTitle('for reasons 1.4 (d)')).toBeNull()
    const text = 'R 031200Z FEB 08\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC 0001\n\nC O N F I D E N T I A L QUORIN 000011\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL XY\nSUBJECT: INVENTED\n\nClassified By: Ada Nobody, Political; Reas ons 1.4 (b) and (d).\n\n1. (C) Text.\n\nNOBODY\n'
    const cb = mentionsIn('08QUORIN11', text).find((m) => m.role === 'classifier')!
    expect(cb.title).toBe('Political')
  })

  it('should read Charge d\'Affaires with a curly or spaced apostrophe as a title, not a name', () => {
    expect(splitName('Charg\u00e9 d\u2019affaires Peter Quint')).toMatchObject({ title: "Charge-D'Affaires", first: 'Peter', last: 'Quint' })
    expect(splitName('CHARGE D\' AFFAIRES A.I. ADA NOBODY')).toMatchObject({ first: 'Ada', last: 'Nobody' })
    expect(splitName('d\u2019affaires Zorbek Talliv')).toMatchObject({ first: 'Zorbek', last: 'Talliv' })
  })

  it('should drop block markers and take the name after END …', () => {
    expect(splitName('END COMMENT.')).toBeNull()
    expect(splitName('Comment.')).toBeNull()
    expect(splitName('Talking Points')).toBeNull()
    expect(splitName('END COMMENT. QUINT')).toEqual({ title: null, first: '', middle: '', last: 'Quint', full: 'Quint' })
    expect(splitName('END TEXT. NOBODY')).toMatchObject({ title: null, last: 'Nobody' })
  })

  it('should skip redacted names: a placeholder is no person', () => {
    expect(splitName('XXXXXXXXXXXX')).toBeNull()
    expect(splitName('Minister-Counselor Xxxxxxxxxxxx')).toBeNull()
    expect(splitName('Xxxxxxxxxxxx Moller')).toBeNull()
    const people = normalizePeople([
      { cable: 'a', role: 'participant', written: 'XXXXXXXXXXXX', title: null },
      { cable: 'b', role: 'participant', written: 'Amb. Xxxxx', title: null },
    ])
    expect(people).toEqual([])
  })

  it('should strip titles, misspelt ones and office qualifiers included, so one person stays one', () => {
    expect(isTitleWord('Politial')).toBe(true)
    expect(isTitleWord('Minster')).toBe(true)
    expect(isTitleWord('Minister-Counselor')).toBe(true)
    expect(isTitleWord('D.')).toBe(false)
    expect(isTitleWord("D'Affai")).toBe(true)
    expect(splitName("Charge d'Affai")).toBeNull()
    expect(isTitleWord('Quint')).toBe(false)
    expect(splitName('Politial Minister-Counselor Greg Berry')).toMatchObject({ title: 'Politial Minister-Counselor', first: 'Greg', last: 'Berry' })
    expect(splitName('Acting POLE Counselor Leslie Quorn')).toMatchObject({ first: 'Leslie', last: 'Quorn' })
    expect(splitName('Ambassador to the United States Ada Nobody')).toMatchObject({ first: 'Ada', last: 'Nobody' })
    expect(splitName('By Ambassador Wayne')).toMatchObject({ first: '', last: 'Wayne' })
    expect(splitName('Philip D. Quint')).toMatchObject({ title: null, first: 'Philip', middle: 'D.', last: 'Quint' })
    expect(splitName('D. Ada Nobody')).toMatchObject({ title: null, first: 'D.', last: 'Nobody' })
    const people = normalizePeople([
      { cable: 'a', role: 'participant', written: 'Politial Minister-Counselor Greg Berry', title: null },
      { cable: 'b', role: 'classifier', written: 'Greg Berry, Political Minister Counselor', title: null },
    ])
    expect(people.map((p) => [p.key, p.name])).toEqual([['BERRY G', 'Greg Berry']])
  })

  it('should end a name at a joining word and refuse prose', () => {
    expect(splitName('Hugo Quint for reasons')).toMatchObject({ first: 'Hugo', last: 'Quint' })
    expect(splitName('Greg Berry F Or')).toMatchObject({ first: 'Greg', last: 'Berry' })
    expect(splitName('Support for the exercise')).toBeNull()
    expect(splitName('Meeting by his')).toBeNull()
    expect(splitName('Amb. Nobody based upon')).toBeNull()
  })
})
