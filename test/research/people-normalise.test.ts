import { describe, expect, it } from 'vitest'
import { caseTitle, cleanTitle, isAcronymWord, isTitleWord, mentionsIn, normalizePeople, sameFirstName, splitName, stripEnumerator, type Mention } from '../../src/archive/people.js'

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

describe('people with one surname and initial, and names written surname first', () => {
  const m = (written: string, role: Mention['role'] = 'participant', cable = '08QUORIN41'): Mention => ({ cable, role, written, title: null })

  it('should keep two known first names with one initial apart, and a bare surname or initial that fits both apart from either', () => {
    const people = normalizePeople([
      m('Peter Quint, Political Officer'),
      m('Paul Quint, Economic Officer'),
      m('QUINT', 'signer'),
      m('P. Quint', 'participant', '08QUORIN42'),
    ])
    const byKey = Object.fromEntries(people.map((p) => [p.key, p]))
    expect(Object.keys(byKey).sort()).toEqual(['QUINT', 'QUINT P', 'QUINT PAUL', 'QUINT PETER'])
    expect(byKey['QUINT PETER']).toMatchObject({ name: 'Peter Quint', titles: ['Political Officer'] })
    expect(byKey['QUINT PAUL']).toMatchObject({ name: 'Paul Quint', titles: ['Economic Officer'] })
    expect(byKey.QUINT.roles).toEqual(['signer'])
  })

  it('should still join an initial and a bare surname to the one person they fit', () => {
    const people = normalizePeople([m('Peter Quint, Political Officer'), m('P. Quint'), m('QUINT', 'signer'), m('Paul Vell')])
    expect(people.map((p) => [p.key, p.name, p.mentions.length])).toEqual([['QUINT P', 'Peter Quint', 3], ['VELL P', 'Paul Vell', 1]])
  })

  it('should read SURNAME, Given[, Title] as the given name and surname, and a parenthesised title as a title', () => {
    expect(splitName('PRASK, Odile, Minister')).toMatchObject({ title: 'Minister', first: 'Odile', last: 'Prask' })
    expect(splitName('VELT, Mara (Dr.)')).toMatchObject({ title: 'Dr.', first: 'Mara', last: 'Velt' })
    expect(splitName("O'NEILL, Mara J., Deputy Chief of Mission")).toMatchObject({ first: 'Mara', middle: 'J.', last: "O'Neill", title: 'Deputy Chief Of Mission' })
    // a title word after the comma is a title, not a given name
    expect(splitName('QUINT, Political Officer')).toMatchObject({ title: 'Political Officer', first: '', last: 'Quint' })
    expect(splitName('Peter Quint, Political Officer')).toMatchObject({ title: 'Political Officer', first: 'Peter', last: 'Quint' })
    const people = normalizePeople([m('Minister Odile Prask'), m('PRASK, Odile, Minister', 'participant', '08QUORIN42')])
    expect(people.map((p) => [p.key, p.name, p.titles])).toEqual([['PRASK O', 'Odile Prask', ['Minister']]])
  })
})

describe('first names that are one person’s', () => {
  it('should keep short forms, misspellings and wrapped starts of one first name together, and different names apart', () => {
    const m = (written: string): Mention => ({ cable: '08QUORIN41', role: 'participant', written, title: null })
    const people = normalizePeople([m('Gregory L. Berry'), m('Greg Berry'), m('Tom Kelly'), m('Thomas P. Kelly'), m('Tood Huizinga'), m('Todd Huizinga'), m('Do Nald Blome'), m('Donald A. Blome'), m('Richard G. Olson'), m('Rolf Olson'), m('BERRY')])
    expect(people.map((p) => p.key).sort()).toEqual(['BERRY G', 'BLOME D', 'HUIZINGA T', 'KELLY T', 'OLSON RICHARD', 'OLSON ROLF'])
    expect(sameFirstName('PETER', 'PAUL')).toBe(false)
    expect(sameFirstName('ALEX', 'ALEJANDRO')).toBe(true)
  })
})

describe('people normalisation: participant lists, surname-first names and honorifics (QA 14 finding 06)', () => {
  const cable = (list: string) => `R 031200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 0001

C O N F I D E N T I A L QUORIN 000011

E.O. 12958: DECL: 01/01/2019
TAGS: PREL XY
SUBJECT: INVENTED TALKS

Classified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d).

${list}

NOBODY
`
  const listed = (list: string) => mentionsIn('08QUORIN11', cable(list)).filter((m) => m.role === 'participant').map((m) => m.written)

  it('should take no prose for a participant list: a sentence about participants, or the prose after a list', () => {
    expect(listed('1. (C) Participants in the insurgency and the\nleft are still active in major parties of the coalition,\nbut they have passed on their legacy.')).toEqual([])
    expect(listed("1. (C) Participants' comments indicate that the exercise\nmet its objectives completely.")).toEqual([])
    expect(listed('1. (U) Participants:\n\nQuorin\n-----\nMinister Zorbek Talliv\nPeter Quint (notetaker)\n\nSummary\n-------\nthe minister said that the talks would\nresume after the holiday, which pleased us.')).toEqual(['Minister Zorbek Talliv', 'Peter Quint (notetaker)'])
    expect(listed('1. (U) Participants\n\nVellora\nMara Velt, Director of the\nQuorin Ministry of Foreign Affairs\nOdile Prask, Deputy Director, and a member\nof the delegation.\nZorbek Talliv said the talks would fail.')).toEqual([
      'Mara Velt, Director of the Quorin Ministry of Foreign Affairs',
      'Odile Prask, Deputy Director, and a member of the delegation.',
    ])
    expect(listed('1. (U) Participants at the dinner were: Minister Zorbek Talliv; Mara Velt, Director; Peter Quint.')).toEqual(['Minister Zorbek Talliv', 'Mara Velt, Director', 'Peter Quint.'])
    // no line of prose, in capitals or not, becomes a person
    expect(splitName('left are still active in major parties')).toBeNull()
    expect(splitName('HAVE GENERALLY BEEN UNABLE TO DEVELOP')).toBeNull()
    expect(splitName('Development Institute')).toBeNull()
    expect(splitName('Joachim von Braun')).toMatchObject({ first: 'Joachim', last: 'von Braun' })
    expect(splitName('He Yafei')).toMatchObject({ first: 'He', last: 'Yafei' })
  })

  it('should turn a surname written first round in mixed case too, a title before or after it', () => {
    expect(splitName('Smith, John')).toMatchObject({ title: null, first: 'John', last: 'Smith', full: 'John Smith' })
    expect(splitName('Talliv, Zorbek, Deputy Minister')).toMatchObject({ title: 'Deputy Minister', first: 'Zorbek', last: 'Talliv' })
    expect(splitName('Mr. SMITH, John')).toMatchObject({ title: 'Mr.', first: 'John', last: 'Smith' })
    expect(splitName('H.E. TALLIV, Zorbek')).toMatchObject({ title: 'H.E.', first: 'Zorbek', last: 'Talliv' })
    // a title or an organisation after the comma is no given name
    expect(splitName('Quint, Political Officer')).toMatchObject({ title: 'Political Officer', first: '', last: 'Quint' })
    expect(splitName('Talliv, Quorin Ministry')).toMatchObject({ first: '', last: 'Talliv' })
    const people = normalizePeople([
      { cable: 'a', role: 'participant', written: 'Smith, John', title: null },
      { cable: 'b', role: 'signer', written: 'John Smith', title: null },
    ])
    expect(people.map((p) => [p.key, p.name, p.cables])).toEqual([['SMITH J', 'John Smith', ['a', 'b']]])
  })

  it('should strip honorifics: H.E., His Excellency, Amb., Dr., Mr./Mrs./Ms., Minister', () => {
    const forms = ['H.E. Zorbek Talliv', 'H. E. Zorbek Talliv', 'His Excellency Zorbek Talliv', 'Amb. Zorbek Talliv', 'Dr. Zorbek Talliv', 'Mr. Zorbek Talliv', 'Minister Zorbek Talliv', 'S.E. Zorbek Talliv']
    for (const f of forms) expect([f, splitName(f)?.full]).toEqual([f, 'Zorbek Talliv'])
    expect(splitName('Mrs. Mara Velt')?.full).toBe('Mara Velt')
    expect(splitName('Ms. Mara Velt')?.full).toBe('Mara Velt')
    const people = normalizePeople(forms.map((written, i) => ({ cable: `c${i}`, role: 'participant' as const, written, title: null })))
    expect(people.map((p) => [p.key, p.name, p.cables.length])).toEqual([['TALLIV Z', 'Zorbek Talliv', forms.length]])
  })
})

describe('people titles keep acronyms in capitals; names in capitals are still normalised (QA 14 W5)', () => {
  const cable = (list: string, classifiedBy = 'Ada Nobody, Political Officer') =>
    `R 031200Z FEB 08\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC 0001\n\nC O N F I D E N T I A L QUORIN 000011\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL XY\nSUBJECT: INVENTED\n\nClassified By: ${classifiedBy}; reasons 1.4 (b) and (d).\n\n1. (U) Participants:\n\n${list}\n\n2. (C) Text.\n\nNOBODY\n`
  const titlesOf = (text: string) => Object.fromEntries(normalizePeople(mentionsIn('08QUORIN11', text)).map((p) => [p.name, p.titles]))

  it('should keep the capitals of acronyms in a title written in mixed case', () => {
    const titles = titlesOf(cable('Zed Camper, UNGA Senior Area Adviser\nMara Velt (SCA Notetaker)\nOlaf Quist, UN Permanent Representative'))
    expect(titles['Zed Camper']).toEqual(['UNGA Senior Area Adviser'])
    expect(titles['Mara Velt']).toEqual(['SCA Notetaker'])
    expect(titles['Olaf Quist']).toEqual(['UN Permanent Representative'])
  })

  it('should keep known acronyms in a title written all in capitals and title-case its words and the name', () => {
    const titles = titlesOf(
      cable('ZED CAMPER, UNGA SENIOR AREA ADVISER\nJOHN A. SMITH, POLITICAL OFFICER\nOLAF QUIST, NSC DIRECTOR\nMARA VELT, A/S FOR SCA', 'JOHN A. SMITH, DCM'),
    )
    expect(titles['Zed Camper']).toEqual(['UNGA Senior Area Adviser'])
    expect(titles['John A. Smith']).toEqual(['DCM', 'Political Officer'])
    expect(titles['Olaf Quist']).toEqual(['NSC Director'])
    expect(titles['Mara Velt']).toEqual(['A/S For SCA'])
  })

  it('should tell acronyms from title words and courtesy titles', () => {
    expect(caseTitle('UN PERMANENT REPRESENTATIVE')).toBe('UN Permanent Representative')
    expect(caseTitle('MR.')).toBe('Mr.')
    expect(caseTitle('DR')).toBe('Dr')
    expect(caseTitle('POLITICAL MINISTER COUNSELOR')).toBe('Political Minister Counselor')
    expect(caseTitle('EUR DESK OFFICER')).toBe('EUR Desk Officer')
    expect(caseTitle('PRM Officer')).toBe('PRM Officer')
    expect(isAcronymWord('NATO')).toBe(true)
    expect(isAcronymWord('SENIOR')).toBe(false)
    expect(isAcronymWord('Un')).toBe(false)
    expect(splitName('JOHN A. SMITH')).toMatchObject({ first: 'John', middle: 'A.', last: 'Smith', full: 'John A. Smith' })
    expect(splitName("CHARGE D'AFFAIRES POLITICAL COUNSELOR ADA NOBODY")).toMatchObject({ title: "Charge-D'Affaires Political Counselor", full: 'Ada Nobody' })
  })
})

describe('participant list enumerators and name case (QA 14 round 8, F11)', () => {
  it('should drop a list enumerator, keeping an initial that opens a name', () => {
    expect(stripEnumerator('C. Karl Weiss, Economic Officer')).toBe('Karl Weiss, Economic Officer')
    expect(stripEnumerator('B. Mary Jones, Political Officer')).toBe('Mary Jones, Political Officer')
    expect(stripEnumerator('2) Hans Berg, Consul')).toBe('Hans Berg, Consul')
    expect(stripEnumerator('(3) Hans Berg, Consul')).toBe('Hans Berg, Consul')
    expect(stripEnumerator('*  McDONALD, Ronald, Deputy Minister')).toBe('McDONALD, Ronald, Deputy Minister')
    expect(stripEnumerator('J. Smith, Consul')).toBe('J. Smith, Consul')
  })

  it('should key Karl Weiss by his own initial and list numbered entries, in name case', async () => {
    const text = `R 031200Z MAR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 0001

UNCLAS QUORIN 000512

E.O. 12958: N/A
TAGS: PREL
SUBJECT: TALKS

1. (U) Participants:

C. Karl Weiss, Economic Officer
2) Hans Berg, Consul
*  McDONALD, Ronald, Deputy Minister
Jean-Luc de la Fontaine (Interpreter)

2. (U) Text.

NOBODY
`
    const names = mentionsIn('08QUORIN512', text).map((m) => m.written)
    expect(names).toEqual(expect.arrayContaining(['Karl Weiss, Economic Officer', 'Hans Berg, Consul', 'McDONALD, Ronald, Deputy Minister']))
    expect(splitName('McDONALD, Ronald, Deputy Minister')).toMatchObject({ first: 'Ronald', last: 'McDonald' })
    expect(splitName('Jean-Luc de la Fontaine')).toMatchObject({ first: 'Jean-Luc', last: 'de la Fontaine' })
  })
})
