/**
 * The header-zone readers of the releasable rendering (src/archive/header-portions.ts), one line or one segment at a
 * time: what `isRoutingLine` takes for an envelope, addressing or routing line (spec §3, §4.1, §4.2, §5.3) is shown to
 * every reader as it stands, so a line holding a portion mark, a sentence or words no addressee syntax explains must
 * be refused (portion text, judged by its marks: fail closed), and the shapes the spec writes must be taken. Pure,
 * synthetic lines (invented post QUORIN); every expected value written out. Issue 15's mutation run (docs/testing.md).
 */
import { describe, expect, it } from 'vitest'
import { headerPieces, isRoutingLine, marksOfText } from '../../src/archive/header-portions.js'

const routing = (lines: string[], expected: boolean) => {
  for (const line of lines) expect([line, isRoutingLine(line)]).toEqual([line, expected])
}

describe('isRoutingLine: the lines the spec writes in the envelope and the addressee lists', () => {
  it('should take format lines, DTG lines and page headers of both families', () => {
    routing(
      [
        'P 151200Z FEB 08',
        'P 151200Z FEB 08 ZDS',
        'PAGE 02 QUORIN 00401 151200Z',
        'PAGE 02        HARARE  03759  01 OF 03  111533Z',
        'QUORIN 00000401 002 OF 004',
        // FL2 continued on the next line with only routing indicators (spec §3)
        'RUEHC\nRUEHQU',
      ],
      true,
    )
  })

  it('should take addressees with a routing indicator, an office note of codes, a precedence, an MCN, PASS TO', () => {
    routing(
      [
        'RUEHFR/AMEMBASSY PARIS IMMEDIATE 0042',
        'HQ USEUCOM VAIHINGEN GE',
        // a name holding a word a sentence has (IS in PARIS, HE in HEIDELBERG) is no sentence
        'HQ USAREUR HEIDELBERG GM',
        'RUEKJCS/SECDEF WASHDC//J-3/J-5//',
        'RUEHC/SECSTATE WASHDC PASS TO AMEMBASSY QUORIN',
      ],
      true,
    )
  })

  it('should take any routing indicator after a list label, and more than one blank after a slashed label', () => {
    // after FM/TO/INFO/XMT a garbled indicator is still the indicator's place (plad-line.ts); without a label an
    // indicator is R or Q and three to six letters (spec §4.1)
    routing(['TO XYZABC/AMEMBASSY QUORIN', 'INFO XYZABC/AMEMBASSY QUORIN', 'TO/  SECSTATE WASHDC', 'XMT/\tAMEMBASSY QUORIN'], true)
    routing(['XYZABC/AMEMBASSY QUORIN'], false)
  })

  it('should refuse an addressee line holding a portion mark, even one its words would otherwise take', () => {
    // `1.(S)` is a word a PLAD's name may hold (letters, digits, dots, parentheses), and a mark after a number
    routing(['HQ 1.(S) VAIHINGEN GE', 'INFO AMEMBASSY QUORIN 1.(S) PRIORITY', 'P 151200Z FEB 08 (S)'], false)
  })

  it('should refuse an office note of words no office code is (free text)', () => {
    routing(['RUEKJCS/SECDEF WASHDC//ZORBEK TALLIV TAPIRNOTE//', 'INFO RUEHC/SECSTATE WASHDC //FOR AMBASSADOR ONLY SOURCE X//'], false)
  })
})

describe('headerPieces: what of a header segment is shown as it stands (spec §3–§5.7, §5.11)', () => {
  const pieces = (kind: Parameters<typeof headerPieces>[0], raw: string) => headerPieces(kind, raw).map((p) => [p.text, p.header])
  it.each([
      ['captions', 'SIPDIS\nNOFORN\n', [['SIPDIS\nNOFORN\n', true]]],
      ['captions', 'SIPDIS\nThe plan is set.\nNOFORN\n', [['SIPDIS\n', true], ['The plan is set.\nNOFORN\n', false]]],
      ['captions', 'CORRECTED COPY\n', [['CORRECTED COPY\n', true]]],
      ['captions', 'C O R R E C T E D COPY (TEXT OF PLAN)\n', [['C O R R E C T E D COPY', true], [' (TEXT OF PLAN)\n', false]]],
      ['captions', 'CORRECTED COPY (S) THE PLAN\n', [['CORRECTED COPY', true], [' (S) THE PLAN\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('captions: caption words and service lines; the rest of a service line past its syntax, and every line after the first that is not one, are portion text: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['eo', 'E.O. 12958: DECL: 02/15/2018\n', [['E.O. 12958: DECL: 02/15/2018\n', true]]],
      ['eo', 'E.O. 12958: DECL: 02/15/2018 the plan is set\n', [['E.O. 12958: DECL: 02/15/2018 ', true], ['the plan is set\n', false]]],
      ['eo', 'E.O. 12958: DECL: 02/15/2018\nE.O. 12958: DECL: 02/15/2018\n', [['E.O. 12958: DECL: 02/15/2018\n', true], ['E.O. 12958: DECL: 02/15/2018\n', false]]],
      ['eo', 'the plan E.O. 12958: DECL: 02/15/2018\n', [['the plan E.O. 12958: DECL: 02/15/2018\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('eo: the E.O. statement of the first line; text after it and every other line are portion text: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['tags', 'TAGS: PREL PGOV\n', [['TAGS: PREL PGOV\n', true]]],
      ['tags', 'TAGS: PREL PGOV\nKNNP, MARR\n', [['TAGS: PREL PGOV\nKNNP, MARR\n', true]]],
      ['tags', 'TAGS: PREL PGOV the plan is set\n', [['TAGS: PREL PGOV ', true], ['the plan is set\n', false]]],
      ['tags', 'TAGS: PREL PGOV\nThe plan is set.\n', [['TAGS: PREL PGOV\n', true], ['The plan is set.\n', false]]],
      ['tags', 'TAGS: PREL PGOV\nPREL PGOV KNNP MARR ETRD EFIN ECON PHUM PTER\n', [['TAGS: PREL PGOV\n', true], ['PREL PGOV KNNP MARR ETRD EFIN ECON PHUM PTER\n', false]]],
      ['tags', 'TAGS: PREL PGOV\nPREL VERYLONGTAGWORDXXXX\n', [['TAGS: PREL PGOV\n', true], ['PREL VERYLONGTAGWORDXXXX\n', false]]],
      ['tags', 'PREL PGOV\n', [['PREL PGOV\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('tags: the label and tag list, and continuation lines of at most eight tags of at most 16 characters: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['signature', 'QUILL\n', [['QUILL\n', true]]],
      ['signature', 'QUILL\nCONFIDENTIAL\n', [['QUILL\nCONFIDENTIAL\n', true]]],
      ['signature', 'RICE\nQUILL\n', [['RICE\n', false], ['QUILL\n', true]]],
      ['signature', 'QUILL\nThe plan is set.\n', [['QUILL\n', true], ['The plan is set.\n', false]]],
      ['signature', 'Ona Quill\nPolitical Officer\nQUILL\n', [['Ona Quill\nPolitical Officer\n', false], ['QUILL\n', true]]],
      ['signature', 'QUILL\nBT\n#0401\nNNNN\n', [['QUILL\nBT\n#0401\nNNNN\n', true]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('signature: of the name lines only the signer\'s, class words and trailer lines; other name-like lines are portion text: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['headerOther', 'FM AMEMBASSY QUORIN\nTO SECSTATE WASHDC\n', [['FM AMEMBASSY QUORIN\nTO SECSTATE WASHDC\n', true]]],
      ['headerOther', 'O 151200Z FEB 08 ZFF THE MINISTER\n', [['O 151200Z FEB 08 ZFF', true], [' THE MINISTER\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('headerOther: routing lines; a DTG line up to its signals and service words: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['envelope', 'O 151200Z FEB 08 ZFF THE MINISTER\nFM AMEMBASSY QUORIN\n', [['O 151200Z FEB 08 ZFF', true], [' THE MINISTER\nFM AMEMBASSY QUORIN\n', false]]],
      ['envelope', 'O 151200Z FEB 08 (S) THE MINISTER\n', [['O 151200Z FEB 08', true], [' (S) THE MINISTER\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('envelope: a DTG line up to its signals, unless a mark stands inside them; everything after is portion text: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['to', 'TO SECSTATE WASHDC\nThe plan is set.\nRUEHC/SECSTATE WASHDC\n', [['TO SECSTATE WASHDC\n', true], ['The plan is set.\nRUEHC/SECSTATE WASHDC\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('to: addressee lines until the first that is not one: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['classLine', 'C O N F I D E N T I A L QUORIN 000123\n', [['C O N F I D E N T I A L QUORIN 000123\n', true]]],
      ['classLine', 'C O N F I D E N T I A L QUORIN 000123 the plan\n', [['C O N F I D E N T I A L QUORIN 000123', true], [' the plan\n', false]]],
      ['classLine', 'C O N F I D E N T I A L QUORIN 000123\nC O N F I D E N T I A L QUORIN 000123\n', [['C O N F I D E N T I A L QUORIN 000123\n', true], ['C O N F I D E N T I A L QUORIN 000123\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('classLine: the class line of the first line, as far as its syntax goes: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['preamble', 'This record is a partial extract of the original cable. The full text of the original cable is not available.\n', [['This record is a partial extract of the original cable. The full text of the original cable is not available.\n', true]]],
      ['preamble', 'This record is a partial extract of the original cable. The plan.\n', [['This record is a partial extract of the original cable. The plan.\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('preamble: the publisher\'s partial-record notice as written, nothing else: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['subject', 'SUBJECT: TALKS\n', [['SUBJECT: TALKS\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('a kind headerPieces does not know: portion text: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['blank', '\n\n', [['\n\n', true]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('a blank segment: header: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['info', 'INFO AMEMBASSY QUORIN\n1. (S) The plan\n2. (C) Talks\n', [['INFO AMEMBASSY QUORIN\n', true], ['1. (S) The plan\n', false], ['2. (C) Talks\n', false]]],
      ['info', 'INFO AMEMBASSY QUORIN\nThe plan\n\n2. (C) Talks\n', [['INFO AMEMBASSY QUORIN\n', true], ['The plan\n\n', false], ['2. (C) Talks\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('info: portion text after the addressees cut at each paragraph number: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['classifiedBy', 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\n', [['Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\n', true]]],
      ['classifiedBy', 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d). The plan is set.\n', [['Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).', true], [' The plan is set.\n', false]]],
      ['classifiedBy', 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\nThe plan is set.\n', [['Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\n', true], ['The plan is set.\n', false]]],
      ['classifiedBy', '  Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\n', [['  Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\n', true]]],
      ['classifiedBy', 'The plan. Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\n', [['The plan. Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\n', false]]],
      ['classifiedBy', 'Classified By: Ambassador Ona Quill\nThe plan is set.\n', [['Classified By: Ambassador Ona Quill\n', true], ['The plan is set.\n', false]]],
      ['classifiedBy', 'Classified By: Ambassador Ona Quill, Embassy Quorin, Department of State. REASON: 1.4 (b), (d)\n', [['Classified By: Ambassador Ona Quill, Embassy Quorin, Department of State. REASON: 1.4 (b), (d)\n', true]]],
      ['classifiedBy', 'Classified By: Ambassador Ona Quill for reasons of state the talks failed\n', [['Classified By: ', true], ['Ambassador Ona Quill for reasons of state the talks failed\n', false]]],
      ['classifiedBy', 'Classified By: Ambassador Ona Quill for Reasons 1/4 (B...\n', [['Classified By: Ambassador Ona Quill for Reasons 1/4 (B...\n', true]]],
      ['classifiedBy', 'Classified By: the talks failed and he said they will resume for reasons 1.4 (b)\n', [['Classified By: ', true], ['the talks failed and he said they will resume for reasons 1.4 (b)\n', false]]],
      ['classifiedBy', 'Classified By: (S) Ambassador Ona Quill for reasons 1.4 (b)\n', [['Classified By: ', true], ['(S) Ambassador Ona Quill for reasons 1.4 (b)\n', false]]],
      ['classifiedBy', '(U) Classified By: Ambassador Ona Quill for reasons 1.4 (b)\n', [['(U) Classified By: Ambassador Ona Quill for reasons 1.4 (b)\n', true]]],
      ['classifiedBy', 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d)).\n', [['Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d)).\n', true]]],
      ['classifiedBy', 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d). \n', [['Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d). \n', true]]],
      ['classifiedBy', 'Classified By: One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen for reasons 1.4 (b)\n', [['Classified By: ', true], ['One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen for reasons 1.4 (b)\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('classifiedBy: the statement through its reasons; only the label when a sentence, a mark or too many words stand before the reasons: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
  it.each([
      ['signature', 'The plan is set.\nQUILL\n', [['The plan is set.\nQUILL\n', false]]],
      ['signature', 'RICE\n\nQUILL\n', [['RICE\n', false], ['\nQUILL\n', true]]],
      ['signature', 'QUILL\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n', [['QUILL\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n', true]]],
      ['signature', 'QUILL\nThe plan is set.\nMore of it.\n', [['QUILL\n', true], ['The plan is set.\nMore of it.\n', false]]],
      ['signature', 'QUILL\nBT\n', [['QUILL\nBT\n', true]]],
      // no signer: the last name line has no name's shape (signerLine), so every name-like line is text
      ['signature', 'NEUMANN\nX\n', [['NEUMANN\nX\n', false]]],
      ['signature', 'NEUMANN\nX\nThe plan\n', [['NEUMANN\nX\n', false], ['The plan\n', false]]],
      ['signature', 'RICE\nQUILL\nThe plan is set.\n', [['RICE\n', false], ['QUILL\n', true], ['The plan is set.\n', false]]],
      ['eo', 'E.O. 12958: DECL: 02/15/2018\nE.O. 12958: DECL: 02/15/2018 the plan\n', [['E.O. 12958: DECL: 02/15/2018\n', true], ['E.O. 12958: DECL: 02/15/2018 the plan\n', false]]],
      ['eo', 'E.O. 12958: DECL: 02/15/2018  \n', [['E.O. 12958: DECL: 02/15/2018  \n', true]]],
      ['captions', 'SIPDIS\n   \nNOFORN\n', [['SIPDIS\n   \nNOFORN\n', true]]],
      ['tags', 'TAGS: PREL PGOV\n\nKNNP\n', [['TAGS: PREL PGOV\n\nKNNP\n', true]]],
      // a continuation line of capitals whose words are no tags
      ['tags', 'TAGS: PREL PGOV\nKNNP THE TALKS FAILED\n', [['TAGS: PREL PGOV\n', true], ['KNNP THE TALKS FAILED\n', false]]],
      // blanks the statement does not take (a no-break space) after it: the line is still the statement's
      ['eo', 'E.O. 12958: DECL: 02/15/2018\u00a0\n', [['E.O. 12958: DECL: 02/15/2018\u00a0\n', true]]],
      ['tags', 'TAGS: PREL PGOV\nKNNP MARR the plan\n', [['TAGS: PREL PGOV\n', true], ['KNNP MARR the plan\n', false]]],
      ['classLine', 'C O N F I D E N T I A L QUORIN 000123\nthe plan\n', [['C O N F I D E N T I A L QUORIN 000123\n', true], ['the plan\n', false]]],
      ['to', 'TO SECSTATE WASHDC\nRUEHC/SECSTATE WASHDC\n', [['TO SECSTATE WASHDC\nRUEHC/SECSTATE WASHDC\n', true]]],
      ['envelope', 'P 151200Z FEB 08\nThe plan is set.\n', [['P 151200Z FEB 08\n', true], ['The plan is set.\n', false]]],
      ['xmt', 'XMT AMEMBASSY QUORIN\n', [['XMT AMEMBASSY QUORIN\n', true]]],
      ['from', 'FM AMEMBASSY QUORIN\n', [['FM AMEMBASSY QUORIN\n', true]]],
      ['captions', 'SIPDIS\nThe plan is set.\n\nMore of it.\n2. (C) Talks\n', [['SIPDIS\n', true], ['The plan is set.\n\nMore of it.\n', false], ['2. (C) Talks\n', false]]],
  ] as [Parameters<typeof headerPieces>[0], string, [string, boolean][]][])('more shapes: a signature opening with text, blank lines, a second E.O. statement, addressees to the end, text after a DTG line: %s %j', (kind, raw, expected) => {
    expect(pieces(kind, raw)).toEqual(expected)
  })
})

describe('marksOfText: every portion mark a piece of text outside the body holds', () => {
  it('should read marks inside a line and across a line end, never the reason letters of a Classified-by line', () => {
    const cases: [string, string[]][] = [
      ['Classified By: John Doe (S//NF) for reasons 1.4 (b) and (d).', ['S//NF', 'S//NF']],
      ['Classified By: John Doe for reasons 1.4 (b) and (d).', []],
      ['Classified By: John Doe for reasons 1.4 (B) AND (D).', []],
      ['Classified By: John Doe, reasons 1.5 (c)', []],
      ['Classified By: John Doe, reason 1.4(b,d)', []],
      ['Classified By: John Doe, reason 1.4 (b)(d)', []],
      ['the (c) and (d) items', []],
      ['Her deputy said the ledger (S//\nNF) is missing.\n', ['S//NF']],
      ['REF: A. UNVIE 148 (EXDIS)', ['EXDIS']],
      ['(S) The plan\nis set (C) today.\n', ['S', 'S', 'C']],
      // outside a REF block an item-like line is a mark like any other
      ['(C) STATE 12 the plan\n', ['C', 'C']],
      // reason letters in capitals, and every reason statement of the text
      ['Classified By: John Doe, reasons 1.4 (B) AND (C).', []],
      ['Classified By: John Doe, reasons 1.4 (c).\nAlso 1.5 (c).', []],
      // a mark right after the reason letters, and a marking opening the line the reasons end on
      ['Classified By: Ona Quill for reasons 1.4 (b)(TS) the plan.', ['TS']],
      ['Classified By: Ona Quill for reasons\n1.4 (b) S//NF the plan is set.', ['S//NF', 'SECRET//NF', 'S//NF']],
    ]
    for (const [text, marks] of cases) expect([text, marksOfText(text)]).toEqual([text, marks])
  })

  it('should read in a REF block no item letter before an origin and serial, no next letter of a list, no caption after an item', () => {
    const cases: [string, string[]][] = [
      ['REF: (S//NF) STATE 12345', ['S//NF', 'S//NF']],
      ['REF: A. (TS) STATE 1', ['TS']],
      ['REF: (C) STATE 12', []],
      ['REF: (A) STATE 11 (B) STATE 12 (C) STATE 13', []],
      ['REF: (A) STATE 11\n(B) STATE 12\n(C) STATE 13\n', []],
      ['REF: (A) STATE 11\n(B) STATE 12 (C) STATE 13\n', []],
      ['REF: A. UNVIE 148 (NOTAL)', []],
      ['REF: A. UNVIE 148 (EXDIS)', []],
      // a caveat standing where no item's caption stands, a letter repeated with text after it, a letter no item has
      ['REF: (EXDIS) the plan', ['EXDIS']],
      ['REF: (C) STATE 12 (C) the plan', ['C']],
      ['REF: (c) STATE 12', ['C']],
      ['REF: (S) STATE 12', ['S']],
      ['REF: A. STATE 12 (S//\nNF) the plan', ['S//NF']],
      ['REF: ( C ) STATE 12', []],
      ['REF: (A) STATE 11\n(B) STATE 12\n(C) the plan\n', []],
      ['REF: STATE 12 (exdis)', []],
      ['REF: A. UNVIE 148, (EXDIS)', []],
      // the letter before comes after it; a caption where no serial stands before it
      ['REF: (C) the plan (B) STATE 12', ['C']],
      ['REF: A. STATE 12 the (EXDIS) plan', ['EXDIS']],
      // a caveat or a level word before an item is no caption (spec §5.9 writes it after) nor an item letter
      ['REF: (EXDIS) STATE 12', ['EXDIS']],
      ['REF: (UNCLASSIFIED) STATE 12', ['UNCLASSIFIED']],
    ]
    for (const [text, marks] of cases) expect([text, marksOfText(text, true)]).toEqual([text, marks])
  })
})

describe('classifiedByLength through headerPieces: where the Classified-by statement ends (spec §5.6)', () => {
  const by = (raw: string) => headerPieces('classifiedBy', raw).map((p) => [p.text, p.header])
  const SIXTEEN = 'Acting Deputy Chief of Mission Ada B. Quill, Embassy Quorin, Department of State, Quorin,'

  it('should show a name and title of at most 16 words before the reasons, however spaced, and only the label past that', () => {
    expect(by(`Classified By: ${SIXTEEN} for reasons 1.4 (b)\n`)).toEqual([[`Classified By: ${SIXTEEN} for reasons 1.4 (b)\n`, true]])
    expect(by(`Classified By:  ${SIXTEEN} for reasons 1.4 (b)\n`)).toEqual([[`Classified By:  ${SIXTEEN} for reasons 1.4 (b)\n`, true]])
    const spaced = SIXTEEN.replace('Quill, ', 'Quill,  ')
    expect(by(`Classified By: ${spaced} for reasons 1.4 (b)\n`)).toEqual([[`Classified By: ${spaced} for reasons 1.4 (b)\n`, true]])
    const seventeen = SIXTEEN.replace('Quorin,', 'Quorin Town,')
    expect(by(`Classified By: ${seventeen} for reasons 1.4 (b)\n`)).toEqual([['Classified By: ', true], [`${seventeen} for reasons 1.4 (b)\n`, false]])
  })

  it("should show the label's line alone when no reasons stand within 400 characters, or none at all", () => {
    const filler = 'The rest of a long wrapped title that runs on and on, '.repeat(8)
    expect(by(`Classified By: Ambassador Ona Quill\n${filler}for reasons 1.4 (b)\n`)).toEqual([['Classified By: Ambassador Ona Quill\n', true], [`${filler}for reasons 1.4 (b)\n`, false]])
    expect(by('Classified By: Ambassador Ona Quill')).toEqual([['Classified By: Ambassador Ona Quill', true]])
    expect(by('Talks went on.\n')).toEqual([['Talks went on.\n', false]])
  })

  it('should read the reason word in any case, and show words that are no reasons after it only as text', () => {
    expect(by('Classified By: Ambassador Ona Quill FOR REASONS OF STATE THE TALKS FAILED\n')).toEqual([['Classified By: ', true], ['Ambassador Ona Quill FOR REASONS OF STATE THE TALKS FAILED\n', false]])
    expect(by('Classified By: Ambassador Ona Quill, reason: Section 1.4\n')).toEqual([['Classified By: Ambassador Ona Quill, reason: Section 1.4\n', true]])
    expect(by('Classified By: Ambassador Ona Quill, per reason 1.4 b and d\n')).toEqual([['Classified By: Ambassador Ona Quill, per reason 1.4 b and d\n', true]])
    // the reason word spaced out, as a wrapped or typed line may give it
    expect(by('Classified By: Ambassador Ona Quill, r e a s o n s of state the talks failed\n')).toEqual([['Classified By: ', true], ['Ambassador Ona Quill, r e a s o n s of state the talks failed\n', false]])
    expect(by('Classified By: Ambassador Ona Quill, r e a s o n s: Section 1.4\n')).toEqual([['Classified By: Ambassador Ona Quill, r e a s o n s: Section 1.4\n', true]])
  })

  it('should end the statement before a mark opening a line inside it, never at the reason letters, and at a mark inside a line', () => {
    expect(by('Classified By: Ambassador Ona Quill for reasons 1.4\n(C) and (D).\n')).toEqual([['Classified By: Ambassador Ona Quill for reasons 1.4\n(C) and (D).\n', true]])
    expect(by('Classified By: Ambassador Ona Quill for reasons\n(S) Bycanary plans are set under 1.4 (b).\n')).toEqual([['Classified By: Ambassador Ona Quill for reasons\n', true], ['(S) Bycanary plans are set under 1.4 (b).\n', false]])
    expect(by('Classified By: Ambassador Ona Quill for reasons (S//NF) 1.4 (b) and (d).\n')).toEqual([['Classified By: ', true], ['Ambassador Ona Quill for reasons (S//NF) 1.4 (b) and (d).\n', false]])
  })

  it('should take the punctuation closing the reasons, and the line end only when nothing else follows on the line', () => {
    expect(by('Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).   \nThe plan.\n')).toEqual([['Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).   \n', true], ['The plan.\n', false]])
    expect(by('Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).] The plan.\n')).toEqual([['Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).]', true], [' The plan.\n', false]])
    // blanks ending the segment
    expect(by('Classified By: Ambassador Ona Quill for reasons 1.4 (b).   ')).toEqual([['Classified By: Ambassador Ona Quill for reasons 1.4 (b).   ', true]])
  })

  it("should read only the label's line for a mark when no reasons stand in the segment", () => {
    // a mark on a later line opens no statement: the lines before it are text, never header
    expect(by('Classified By: Ambassador Ona Quill\nThe plan is set.\n(S) The secret plan.\n')).toEqual([['Classified By: Ambassador Ona Quill\n', true], ['The plan is set.\n(S) The secret plan.\n', false]])
  })
})
