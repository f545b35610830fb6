/**
 * TXT-029 on what a class line and the caption block state of the whole cable (issue 15, eighteenth mutation run):
 * controls a class line joins to its class word that the marking parser cannot read (`S E C R E T//SI`), and a
 * caption line of controls nobody here reads (`TK`), each reported once at the controls, with the message written
 * out; controls the parser reads, caption words and a cable without a class line are not. Synthetic cables (QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { lintText } from '../../src/lint/index.js'

const cable = (classLine: string, captions = 'SIPDIS') => `O 241936Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302

${classLine} QUORIN 000733

${captions}

E.O. 12958: DECL: 09/24/2019
TAGS: PREL QU
SUBJECT: (U) QUORIN TALKS

1. (S) The talks went on.

NOBODY
`
/** TXT-029's findings that are not about a portion mark, each with the text it points at. */
const findings = (text: string) =>
  lintText(text, { mode: 'archive' })
    .filter((p) => p.ruleId === 'TXT-029' && !p.message.startsWith('Portion mark'))
    .map((p) => ({ message: p.message, at: text.slice(p.span.start.offset, p.span.end.offset) }))

describe('TXT-029 on the class line', () => {
  it('reports controls the marking parser cannot read, at them, the class line indented', () => {
    expect(findings(cable('  S E C R E T//SI'))).toEqual([
      { message: 'Class-line marking SECRET//SI is none the marking parser reads: the cable is held at the highest level', at: 'SI' },
    ])
    expect(findings(cable('SECRET // NOFORN//TK'))).toEqual([
      { message: 'Class-line marking SECRET//NOFORN//TK is none the marking parser reads: the cable is held at the highest level', at: 'NOFORN//TK' },
    ])
  })

  it('reports nothing for controls the parser reads, a class word alone, or a cable without a class line', () => {
    expect(findings(cable('S E C R E T//NF'))).toEqual([])
    expect(findings(cable('S E C R E T'))).toEqual([])
    expect(findings(cable('QUORIN TALKS', 'NOFORN'))).toEqual([])
  })
})

describe('TXT-029 on the caption block', () => {
  it('reports a caption line of controls nobody reads, at its words, however indented', () => {
    expect(findings(cable('S E C R E T', '   SI/TK  \nSIPDIS'))).toEqual([
      { message: 'Caption line SI/TK names controls the marking parser does not read: the cable is held at the highest level', at: 'SI/TK' },
    ])
    expect(findings(cable('S E C R E T', 'NOFORN\nTK'))).toEqual([
      { message: 'Caption line TK names controls the marking parser does not read: the cable is held at the highest level', at: 'TK' },
    ])
  })

  it('reports nothing for caption words', () => {
    expect(findings(cable('S E C R E T', 'NOFORN\nSIPDIS'))).toEqual([])
  })
})

// issue 15, nineteenth mutation run: the class line's controls written before the origin separated by blanks (c29e0ba)
// and the caption lines past the caption reader (near misses, short forms spelt with separators, handling written out
// on one line or over the caption block; c29e0ba, f990720), each report written out
describe('TXT-029 on controls before the origin and on caption lines typed past the caption reader', () => {
  const HELD = 'the cable is held at the highest level'

  it.each([
    ['SECRET SI', 'SECRET//SI', 'SI'],
    [' SECRET SI TK', 'SECRET//SI/TK', 'SI TK'],
    ['SECRET//SI NF', 'SECRET//SI/NF', 'SI NF'],
  ])('reports the class line %j at its controls as written', (classLine, marking, at) => {
    expect(findings(cable(classLine))).toEqual([{ message: `Class-line marking ${marking} is none the marking parser reads: ${HELD}`, at }])
  })

  it('reports nothing for controls before the origin that the parser reads', () => {
    expect(findings(cable('SECRET NF'))).toEqual([])
    expect(findings(cable('SECRET//OC NF'))).toEqual([])
  })

  it.each([
    ['NOFRN', 'Caption line NOFRN is no caption as written: read as NOFORN', 'NOFRN'],
    ['NOFRN/EXDIZ', 'Caption line NOFRN/EXDIZ is no caption as written: read as NOFORN, EXDIS', 'NOFRN/EXDIZ'],
    ['NXDIS', `Caption line NXDIS: NXDIS is no caption and equally near several: ${HELD}`, 'NXDIS'],
    ['NXDIS NOFRN', `Caption line NXDIS NOFRN: NXDIS is no caption and equally near several: ${HELD}`, 'NXDIS NOFRN'],
    [' N/F ', 'Caption line N/F spells a short form with separators: read as NOFORN', 'N/F'],
    ['n.f', 'Caption line n.f spells a short form with separators: read as NOFORN', 'n.f'],
    ['O.C.', 'Caption line O.C. spells a short form with separators: read as ORCON', 'O.C.'],
    ['HANDLE VIA COMINT CHANNELS ONLY', `Caption line HANDLE VIA COMINT CHANNELS ONLY names controls the marking parser does not read: ${HELD}`, 'HANDLE VIA COMINT CHANNELS ONLY'],
    // over two lines of the block: reported once, at the line that opens the phrase
    ['HANDLE VIA\nCOMINT CHANNELS ONLY', `Caption line HANDLE VIA names controls the marking parser does not read: ${HELD}`, 'HANDLE VIA'],
  ])('reports the caption line %j', (captions, message, at) => {
    expect(findings(cable('S E C R E T', captions))).toEqual([{ message, at }])
  })

  it.each(['HANDLE VIA ROGER CHANNEL', 'NOFORN', 'N/O/F/O/R/N', 'SIPDIS\nNOFORN'])('reports nothing for the caption line %j, a caption as written or spelt out', (captions) => {
    expect(findings(cable('S E C R E T', captions))).toEqual([])
  })
})
