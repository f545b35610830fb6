import { describe, expect, it } from 'vitest'
import { disguisedCaveats, readHeaderCaptions } from '../../src/archive/disguised-caveats.js'
import { statedAccess, statementUnreadable } from '../../src/archive/stated-access.js'
import type { Cable } from '../../src/format/model.js'
import { parseCable } from '../../src/format/parse.js'

/** A synthetic cable: the header lines given, then E.O., TAGS, subject, one paragraph and a signature. */
function cable(classLine: string, captions: string[], opts: { address?: string[]; after?: string[] } = {}): string {
  return [
    'R 010000Z JAN 09',
    'FM AMEMBASSY HARARE',
    'TO SECSTATE WASHDC ROUTINE 0001',
    ...(opts.address ?? []),
    '',
    classLine,
    '',
    ...captions,
    '',
    'E.O. 12958: DECL: 01/01/2019',
    'TAGS: PREL, ZI',
    'SUBJECT: A TEST',
    '',
    '1. (C) Text.',
    '',
    ...(opts.after ?? []),
    'SMITH',
    '',
  ].join('\n')
}

const CLASS = 'C O N F I D E N T I A L HARARE 000123'
const of = (captions: string[], opts?: { address?: string[]; after?: string[] }) => disguisedCaveats(parseCable(cable(CLASS, captions, opts)))

describe('disguisedCaveats: a restrictive caveat the header shows but spells past the caption reader', () => {
  it('should name the caveat a caption line shows, however each character is typed', () => {
    const shown: [string, string[]][] = [
      ['N\u041eFORN', ['NOFORN']], // Cyrillic capital O
      ['n\u043eforn', ['NOFORN']], // lower case with a Cyrillic small o: read in capitals
      ['\uff2e\uff2f\uff26\uff2f\uff32\uff2e', ['NOFORN']], // fullwidth
      ['NO\u00adFORN', ['NOFORN']], // soft hyphen
      ['NOFO\u200bRN', ['NOFORN']], // zero-width space
      ['NO-FORN', ['NOFORN']], // an ASCII hyphen inside
      ['NO\u2010FORN', ['NOFORN']], // the Unicode hyphen, first of the dash range
      ['NO\u2015FORN', ['NOFORN']], // the horizontal bar, last of the dash range
      ['NO\u2800FORN', ['NOFORN']], // the braille blank, which a screen shows as a space
      ['NOF0RN', ['NOFORN']], // a zero for an O
      ['N0F0RN', ['NOFORN']], // every O a zero
      ['NOD1S', ['NODIS']], // a one for an I
      ['NODlS', ['NODIS']], // a lower-case l for an I
      ['NOD|S', ['NODIS']], // a bar for an I
      ['L1MD1S', ['LIMDIS']], // every I a one
      ['EX\x1b[0mDIS', ['EXDIS']], // a terminal sequence, which shows as nothing
      ['\u2116DIS', ['NODIS']], // four characters: the numero sign folds to No
      ['CHER0KEE', ['CHEROKEE', 'NODIS']], // a caption standing for two caveats names both
      ['N0DIF', ['NODIS']], // NODIF is NODIS
      ['0RCON', ['ORCON']],
      ['STAD1S', ['STADIS']],
      ['SPEC\u0410T', ['SPECAT']],
    ]
    for (const [caption, caveats] of shown) expect(of([caption, 'SIPDIS']), JSON.stringify(caption)).toEqual(caveats)
  })

  it('should read each word of a line apart, split at blanks and punctuation', () => {
    expect(of(['SIPDIS N\u041eFORN'])).toEqual(['NOFORN'])
    expect(of(['(N\u041eFORN)'])).toEqual(['NOFORN'])
    expect(of(['[N0DIS]'])).toEqual(['NODIS'])
    expect(of(['N0FORN, EXD1S; L1MDIS. 0RCON:STAD1S'])).toEqual(['NOFORN', 'EXDIS', 'LIMDIS', 'ORCON', 'STADIS'])
    expect(disguisedCaveats(parseCable(cable('SECRET//N\u041eFORN', [])))).toEqual(['NOFORN'])
    // each caveat once, however often it is shown
    expect(of(['N0FORN', 'N\u041eFORN'])).toEqual(['NOFORN'])
  })

  it('should read a word padded with invisible characters to any length', () => {
    for (const n of [34, 35, 200]) expect(of([`NO${'\u200b'.repeat(n)}FORN`]), String(n)).toEqual(['NOFORN'])
  })

  it('should leave words written exactly to the caption reader, and words that only resemble a caveat alone', () => {
    expect(of(['NOFORN', 'SIPDIS'])).toEqual([])
    expect(of(['noforn', 'NoDis'])).toEqual([])
    expect(of(['FORUM NODES EXODUS'])).toEqual([])
    expect(of(['N\u041eF', 'F0RN'])).toEqual([])
    expect(disguisedCaveats(parseCable(cable('SECRET//NOFORN', [])))).toEqual([])
  })

  it('should name a caveat written exactly on a line that holds a terminal sequence, which the parser read with it', () => {
    expect(of(['\x1b[0mNOFORN'])).toEqual(['NOFORN'])
    expect(of(['NODIS\x7f'])).toEqual(['NODIS'])
  })

  it('should read the header only: address lines, the subject, the text and what follows are no captions', () => {
    expect(of([], { address: ['INFO AMEMBASSY N0DIS'] })).toEqual([])
    expect(of([], { after: ['N0FORN', ''] })).toEqual([])
    const inSubject = cable(CLASS, []).replace('SUBJECT: A TEST', 'SUBJECT: N\u041eFORN TEST')
    expect(disguisedCaveats(parseCable(inSubject))).toEqual([])
    const inText = cable(CLASS, []).replace('1. (C) Text.', '1. (C) The N0FORN text.')
    expect(disguisedCaveats(parseCable(inText))).toEqual([])
  })
})

describe('disguisedCaveats: header lines that hold names and words of their own, no captions', () => {
  it('should read no FM, TO, XMT, CLASSIFIED BY, E.O., TAGS or REF line, each holding a word that shows a caveat', () => {
    const text = [
      'R 010000Z JAN 09', 'FM AMEMBASSY N0DIS', 'TO SECSTATE WASHDC N0DIS ROUTINE 0001', 'INFO AMEMBASSY LUSAKA 0002', 'XMT AMEMBASSY N0DIS', '',
      CLASS, '', 'SIPDIS', '', 'CLASSIFIED BY: N0DIS SMITH, REASON 1.4 (B)', '', 'E.O. 12958: DECL: 01/01/2019 N0DIS', 'TAGS: PREL, ZI, N0DIS',
      'SUBJECT: A TEST', '', 'REF: STATE 12 N0DIS', '', '1. (C) Text.', '', 'SMITH', '',
    ].join('\n')
    const cable = parseCable(text)
    // the parser files each line as the segment the rule skips
    expect(cable.segments.map((s) => s.kind).filter((k) => k !== 'blank')).toEqual(['envelope', 'from', 'to', 'info', 'xmt', 'classLine', 'captions', 'classifiedBy', 'eo', 'tags', 'subject', 'ref', 'para', 'signature'])
    expect(disguisedCaveats(cable)).toEqual([])
    // the same word on a caption line is demanded
    expect(disguisedCaveats(parseCable(text.replace('SIPDIS', 'N0DIS')))).toEqual(['NODIS'])
  })

  it('should read no page header, whose words are the cable\'s own id and time', () => {
    const text = [
      'R 010000Z JAN 09', 'FM AMEMBASSY HARARE', 'TO SECSTATE WASHDC ROUTINE 0001', '', 'C O N F I D E N T I A L SECTION 01 OF 02 HARARE 000123', '',
      'SIPDIS', '', 'E.O. 12958: DECL: 01/01/2019', 'TAGS: PREL, ZI', 'SUBJECT: A TEST', '', 'PAGE 02 HARARE 00123 010000Z N0DIS', 'SIPDIS', '', '1. (C) Text.', '', 'SMITH', '',
    ].join('\n')
    const cable = parseCable(text)
    expect(cable.segments.some((s) => s.kind === 'pageHeader' && s.raw.includes('N0DIS'))).toBe(true)
    expect(disguisedCaveats(cable)).toEqual([])
  })
})

describe('statedAccess demands the disguised caveats', () => {
  it('should file a caption spelt past the caption reader as the caveat it shows', () => {
    expect(statedAccess(parseCable(cable(CLASS, ['N\u041eFORN', 'SIPDIS'])))).toMatchObject({ level: 2, caveats: ['NOFORN'] })
    expect(statedAccess(parseCable(cable(CLASS, ['NOD1S', 'N0FORN'])))).toMatchObject({ level: 2, caveats: ['NOFORN', 'NODIS'] })
    expect(statedAccess(parseCable(cable(CLASS, ['SIPDIS'])))).toMatchObject({ level: 2, caveats: [] })
  })

  it('should read a caption line standing after the subject, and never a word of a numbered paragraph', () => {
    const after = (lines: string[], para: string) => disguisedCaveats(parseCable([
      'R 010000Z JAN 09', 'FM AMEMBASSY HARARE', 'TO SECSTATE WASHDC ROUTINE 0001', '', CLASS, '', 'E.O. 12958: DECL: 01/01/2019', 'TAGS: PREL, ZI', 'SUBJECT: A TEST', '',
      ...lines, '', para, '', 'SMITH', '',
    ].join('\n')))
    expect(after(['N\u041eFORN', 'SIPDIS'], '1. (C) Text.')).toEqual(['NOFORN'])
    expect(after(['SIPDIS'], '1. (C) The N\u041eFORN word in a paragraph is prose.')).toEqual([])
    const c = parseCable(['R 010000Z JAN 09', 'FM AMEMBASSY HARARE', 'TO SECSTATE WASHDC ROUTINE 0001', '', CLASS, '', 'SUBJECT: A TEST', 'NOD\u0406S', 'SIPDIS', '', '1. (C) Text.', '', 'SMITH', ''].join('\n'))
    expect(statedAccess(c)).toMatchObject({ level: 2, caveats: ['NODIS'] })
    // a subject line alone, with nothing after it in the text
    expect(disguisedCaveats(parseCable(`${CLASS}\n\nSUBJECT: N\u041eFORN TEST`))).toEqual([])
  })
})

// issue 15, eighteenth mutation run: the caption lines spelt letter by letter and the lines of controls nobody reads
// (QA 14r9 F4), as readHeaderCaptions reads them in one pass
describe('readHeaderCaptions: spelt captions and controls nobody reads', () => {
  const read = (captions: string[], opts?: { address?: string[]; after?: string[] }) => readHeaderCaptions(parseCable(cable(CLASS, captions, opts)))

  it('should name the caption a line spells with separators, and no line of the caption block as unreadable', () => {
    expect(read(['N.O.F.O.R.N', 'SIPDIS'])).toEqual({ caveats: ['NOFORN'], unreadable: [] })
    expect(read(['E/X/D/I/S'])).toEqual({ caveats: ['EXDIS'], unreadable: [] })
    expect(disguisedCaveats(parseCable(cable(CLASS, ['N/O/D/I/S'])))).toEqual(['NODIS'])
  })

  it('should list each caption-block line of controls nobody reads as written, trimmed', () => {
    expect(read(['  SI/TK ', 'SIPDIS', 'HCS'])).toEqual({ caveats: [], unreadable: ['SI/TK', 'HCS'] })
    expect(read(['N.O.F.O.R.N', 'TK'])).toEqual({ caveats: ['NOFORN'], unreadable: ['TK'] })
  })

  it('should read a line of controls nobody reads after the subject as one, and a TAGS list wrapped as none (SI, Slovenia)', () => {
    // a line of its own after the subject, where the parser reads text, is a caption line of the header zone all the
    // same (nineteenth run's possible fail open): the cable is held at the highest level
    expect(readHeaderCaptions(parseCable(cable(CLASS, ['SIPDIS']).replace('SUBJECT: A TEST\n', 'SUBJECT: A TEST\n\nSI\n'))).unreadable).toEqual(['SI'])
    // in the text (after the first paragraph) it is none
    expect(read(['SIPDIS'], { after: ['SI', ''] }).unreadable).toEqual([])
    expect(readHeaderCaptions(parseCable(cable(CLASS, ['SIPDIS']).replace('TAGS: PREL, ZI', 'TAGS: PREL, ZI,\nSI')))).toEqual({ caveats: [], unreadable: [] })
  })
})

// issue 15, eighteenth mutation run: what states the whole cable (statementUnreadable, statedAccess's statements)
describe('the statements of the whole cable', () => {
  const text = cable('S E C R E T HARARE 000123', ['SIPDIS'])

  it('should leave out a blank publisher field, and read one nobody can read as covering the cable', () => {
    expect(statedAccess(parseCable(text), '  ')).toEqual({ level: 3, caveats: [], classification: 'SECRET' })
    expect(statementUnreadable(parseCable(text), ' \t ')).toBe(false)
    expect(statementUnreadable(parseCable(text), 'SECRET//ZZ')).toBe(true)
  })

  it("should read the container's classification as a statement of the whole cable", () => {
    const contained = (classification: string) => ({ ...parseCable(text), container: { metadata: { classification } } }) as unknown as Cable
    expect(statementUnreadable(contained('SECRET//SI'))).toBe(true)
    expect(statementUnreadable(contained('SECRET'))).toBe(false)
    expect(statedAccess(contained('TOP SECRET//NOFORN'))).toEqual({ level: 4, caveats: ['NOFORN'], classification: 'TOP SECRET//NOFORN' })
  })
})

describe('a classification the parser inferred from the portion marks alone', () => {
  it('should state nothing: the cable is filed TOP SECRET, no label, and is no statement nobody can read', () => {
    const text = ['R 010000Z JAN 09', 'FM AMEMBASSY HARARE', 'TO SECSTATE WASHDC ROUTINE 0001', '', 'SUBJECT: A TEST', '', '1. (C) Text.', '', 'SMITH', ''].join('\n')
    const cable = parseCable(text)
    expect(cable.diagnostics.some((d) => d.code === 'NO_CLASS_LINE')).toBe(true)
    expect(statedAccess(cable)).toEqual({ level: 4, caveats: [], classification: null })
    expect(statedAccess(cable, 'CONFIDENTIAL')).toEqual({ level: 2, caveats: [], classification: 'CONFIDENTIAL' })
  })
})

// issue 15, nineteenth mutation run: the caption lines typed a letter or two off a caption and handling written out in
// words, on one line or over the caption block (QA 14 round 10 F6, QA 11 F1: c29e0ba, f990720), as readHeaderCaptions
// reads them; each reading written out
describe('readHeaderCaptions: near misses and handling written out', () => {
  const read = (captions: string[], opts?: { address?: string[]; after?: string[] }) => readHeaderCaptions(parseCable(cable(CLASS, captions, opts)))

  it.each([
    [['NOFRN'], ['NOFORN'], []],
    [['NOFRN', 'SIPDIS'], ['NOFORN'], []],
    [['ORIGINATOR CONTROLED'], ['ORCON'], []],
    [['E X D I Z'], ['EXDIS'], []],
    [['NXDIS'], [], ['NXDIS']],
    [['HANDLE VIA ROGER CHANNEL'], ['NODIS'], []],
    [['HANDLE VIA COMINT CHANNELS ONLY'], [], ['HANDLE VIA COMINT CHANNELS ONLY']],
    [['DISSEMINATION AND EXTRACTION OF INFORMATION CONTROLLED BY ORIGINATOR'], ['ORCON'], []],
    // over consecutive lines of the block, a blank line between them or not
    [['DISSEMINATION AND EXTRACTION OF INFORMATION', 'CONTROLLED BY ORIGINATOR'], ['ORCON'], []],
    [['HANDLE VIA', '', 'ROGER CHANNEL'], ['NODIS'], []],
    // held at the line that opens the phrase, once
    [['HANDLE VIA', 'COMINT CHANNELS ONLY'], [], ['HANDLE VIA']],
    [['SIPDIS', 'HANDLE VIA', 'COMINT CHANNELS ONLY'], [], ['HANDLE VIA']],
    [['HANDLE VIA'], [], ['HANDLE VIA']],
  ])('reads the caption block %j', (captions, caveats, unreadable) => {
    expect(read(captions)).toEqual({ caveats, unreadable })
  })
})

describe('readHeaderCaptions: the unreadable caption lines named as they read, without their indent', () => {
  const read = (captions: string[]) => readHeaderCaptions(parseCable(cable(CLASS, captions)))
  it('names an indented near miss equally near two captions, and an indented handling phrase, trimmed', () => {
    expect(read(['  NXDIS'])).toEqual({ caveats: [], unreadable: ['NXDIS'] })
    expect(read(['  HANDLE VIA COMINT CHANNELS ONLY'])).toEqual({ caveats: [], unreadable: ['HANDLE VIA COMINT CHANNELS ONLY'] })
    expect(read(['  HANDLE VIA', '  COMINT CHANNELS ONLY'])).toEqual({ caveats: [], unreadable: ['HANDLE VIA'] })
  })
})
