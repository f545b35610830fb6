import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { splitReferences } from '../../src/format/references.js'
import { withoutSpans } from './fixtures.js'

// Synthetic cables: invented posts (MORVALE, TESSIN, ARDENNE) and invented text.
const cable = (ref: string, opts: { year?: string; post?: string; serial?: string; from?: string; to?: string } = {}) => {
  const post = opts.post ?? 'MORVALE'
  return `R 031200Z MAR ${opts.year ?? '76'}
FM ${opts.from ?? `AMEMBASSY ${post}`}
${opts.to ?? 'TO SECSTATE WASHDC 2201'}

C O N F I D E N T I A L ${post} ${opts.serial ?? '0412'}

E.O. 11652: GDS
TAGS: PFOR, XY
SUBJECT: INVENTED REFERENCE TEST

${ref}

1. (C) Invented paragraph.

SMITH
`
}

const refs = (text: string, hint?: string) =>
  parseCable(text, hint ? { hint: { id: hint } } : {}).references.map((r) => ({ letter: r.letter, id: r.id, kind: r.kind }))

describe('REF enumerators in either case', () => {
  it('should split a lower-case lettered list like an upper-case one', () => {
    expect(refs(cable('Ref: a. 74 ardenne 1102\nb. Morvale 88\nc. memo of 3/1/76\nd. Tessin 5'))).toEqual([
      { letter: 'A', id: '74ARDENNE1102', kind: 'cable' },
      { letter: 'B', id: '76MORVALE88', kind: 'cable' },
      { letter: 'C', id: null, kind: 'memo' },
      { letter: 'D', id: '76TESSIN5', kind: 'cable' },
    ])
  })

  it('should read (a) (b) and a) b) enumerators too', () => {
    expect(refs(cable('REF: (a) TESSIN 12 (b) TESSIN 13')).map((r) => r.id)).toEqual(['76TESSIN12', '76TESSIN13'])
    expect(refs(cable('REF: a) TESSIN 12\n     b) ARDENNE 14')).map((r) => r.id)).toEqual(['76TESSIN12', '76ARDENNE14'])
  })

  it('should not take an article or an abbreviation inside an upper-case list for a letter', () => {
    expect(refs(cable('REF: A. TESSIN 12 (SEE PARA 3 e.g.) B. TESSIN 14')).map((r) => r.letter)).toEqual(['A', 'B'])
  })
})

describe('unlettered lists of references', () => {
  it.each([
    ['REF: TESSIN 1091: TESSIN 263: ARDENNE 1603'],
    ['REF: TESSIN 1091; TESSIN 263; ARDENNE 1603'],
    ['REF: TESSIN 1091, TESSIN 263, ARDENNE 1603'],
    ['REF: TESSIN 1091, TESSIN 263 AND ARDENNE 1603'],
  ])('should make every cable of `%s` a reference, in order', (ref) => {
    expect(refs(cable(ref))).toEqual([
      { letter: null, id: '76TESSIN1091', kind: 'cable' },
      { letter: null, id: '76TESSIN263', kind: 'cable' },
      { letter: null, id: '76ARDENNE1603', kind: 'cable' },
    ])
  })

  it('should keep a single cable with a paragraph pointer as one item', () => {
    expect(refs(cable('REF: TESSIN 1091, PARA 4'))).toEqual([{ letter: null, id: '76TESSIN1091', kind: 'cable' }])
  })
})

describe('telegram-type words', () => {
  it('should map DEPTEL to the Department and EMBTEL, OURTEL, CONTEL to the citing post', () => {
    expect(refs(cable('REF: (A) DEPTEL 45678 (B) EMBTEL 1234 (C) OURTEL 77 (D) CONTEL 9', { post: 'TESSIN', serial: '2412' }))).toEqual([
      { letter: 'A', id: '76STATE45678', kind: 'cable' },
      { letter: 'B', id: '76TESSIN1234', kind: 'cable' },
      { letter: 'C', id: '76TESSIN77', kind: 'cable' },
      { letter: 'D', id: '76TESSIN9', kind: 'cable' },
    ])
  })

  it('should map SECSTATE and STATE alike, with a stated year', () => {
    expect(refs(cable('REF: A. 75 SECSTATE 1200 B. STATE 1201')).map((r) => r.id)).toEqual(['75STATE1200', '76STATE1201'])
  })

  it('should never build an id whose origin is a telegram word', () => {
    const items = splitReferences('EMBTEL 1234; DEPTEL 12', { year: '76', origin: null })
    expect(items.map((i) => i.id)).not.toContain('76EMBTEL1234')
    expect(items.every((i) => !/EMBTEL|DEPTEL/.test(i.id ?? ''))).toBe(true)
  })
})

describe('non-cable references', () => {
  it.each([
    ['SMITH-JONES EMAIL OF 3/2/76', 'email'],
    ['TD-314/00123-76', 'report'],
    ['MEMCON OF MARCH 1', 'memo'],
    ['DIPLOMATIC NOTE 45/76', 'letter'],
    ['FAX FROM MINISTRY 2/28', 'fax'],
    ['MARCH 1 MEETING WITH MINISTER', 'meeting'],
  ])('should keep `%s` with its kind (%s) and no id', (text, kind) => {
    expect(refs(cable(`REF: A. TESSIN 12 B. ${text}`))[1]).toEqual({ letter: 'B', id: null, kind })
  })
})

describe('REF blocks', () => {
  it('should read the complete block of a repeated header and report the other', () => {
    const head = 'C O N F I D E N T I A L MORVALE 0412\n\nE.O. 11652: GDS\nTAGS: PFOR, XY\nSUBJECT: INVENTED REFERENCE TEST'
    const text = cable(`REF: A. TESSIN 12\n\n${head}\n\nREF: A. TESSIN 12\nB. TESSIN 14\nC. ARDENNE 3`)
    const c = parseCable(text)
    expect(c.references.map((r) => r.id)).toEqual(['76TESSIN12', '76TESSIN14', '76ARDENNE3'])
    const unplaced = c.diagnostics.filter((d) => d.code === 'UNPLACED_REF')
    expect(unplaced).toHaveLength(1)
    expect(text.slice(unplaced[0].span.start.offset, unplaced[0].span.end.offset)).toBe('REF: A. TESSIN 12')
    expect(renderLossless(c)).toBe(text)
  })

  it('should report each of several unplaced blocks', () => {
    const text = cable('REF: A. TESSIN 12\n\nREF: TESSIN 12\n\nREF: A. TESSIN 12 B. TESSIN 13')
    const c = parseCable(text)
    expect(c.references.map((r) => r.id)).toEqual(['76TESSIN12', '76TESSIN13'])
    expect(c.diagnostics.filter((d) => d.code === 'UNPLACED_REF')).toHaveLength(2)
  })

  it('should remove a page header and its banner from the reference text', () => {
    const text = cable('REF: A. TESSIN 12  CONFIDENTIAL\nPAGE 02 MORVALE 00412 01 OF 02 031200Z\nB. ARDENNE 3')
    expect(withoutSpans(parseCable(text).references).map((r) => r.text)).toEqual(['TESSIN 12', 'ARDENNE 3'])
  })
})

describe('years and self-citation', () => {
  it('should give year-less references the citing cable year, also when it comes from the id only', () => {
    const partial = 'C O N F I D E N T I A L MORVALE 0412\n\nREF: A. TESSIN 12 B. 74 ARDENNE 3\n\n1. (C) Text.\n'
    expect(refs(partial, '77MORVALE412').map((r) => r.id)).toEqual(['77TESSIN12', '74ARDENNE3'])
    expect(refs(partial).map((r) => r.id)).toEqual([null, '74ARDENNE3'])
  })

  it('should take the year written after the serial in a whole cable, bracketed or bare', () => {
    expect(refs(cable('REF: A. TESSIN 4516 (74) B. ARDENNE 3350 (1975) C. TESSIN 5679 75 D. TESSIN 12')).map((r) => r.id)).toEqual([
      '74TESSIN4516',
      '75ARDENNE3350',
      '75TESSIN5679',
      '76TESSIN12',
    ])
  })

  it('should read a later serial of the own post without a year as the year before, and say so', () => {
    const parsed = parseCable(cable('REF: A. MORVALE 2111 B. MORVALE 400 C. TESSIN 2111 D. 74 MORVALE 2111 E. MORVALE 2111 (75)'))
    expect(parsed.references.map((r) => r.id)).toEqual(['75MORVALE2111', '76MORVALE400', '76TESSIN2111', '74MORVALE2111', '75MORVALE2111'])
    const notes = parsed.diagnostics.filter((d) => d.code === 'REF_PREVIOUS_YEAR')
    expect(notes).toHaveLength(1)
    expect(notes[0].span).toEqual(parsed.references[0].span)
    expect(notes[0].severity).toBe('info')
  })

  it('should give no id to an item whose written year makes it a later cable of the own post, and warn', () => {
    const parsed = parseCable(cable('REF: A. 76 MORVALE 2111 B. MORVALE 2111 (1976) C. 75 MORVALE 2111 D. 76 TESSIN 2111'))
    expect(parsed.references.map((r) => [r.id, r.kind])).toEqual([
      [null, 'cable'],
      [null, 'cable'],
      ['75MORVALE2111', 'cable'],
      ['76TESSIN2111', 'cable'],
    ])
    const warnings = parsed.diagnostics.filter((d) => d.code === 'REF_IMPOSSIBLE')
    expect(warnings.map((d) => [d.severity, d.span])).toEqual([
      ['warning', parsed.references[0].span],
      ['warning', parsed.references[1].span],
    ])
    expect(parsed.diagnostics.some((d) => d.code === 'REF_PREVIOUS_YEAR')).toBe(false)
  })

  it('should compare with the own serial also when the id comes from the metadata, and cross the century', () => {
    const partial = 'C O N F I D E N T I A L MORVALE 0412\n\nREF: A. MORVALE 900 B. MORVALE 12\n\n1. (C) Text.\n'
    expect(refs(partial, '00MORVALE412').map((r) => r.id)).toEqual(['99MORVALE900', '00MORVALE12'])
    // EMBTEL is the citing post's own telegram: the same rule holds
    expect(refs(cable('REF: EMBTEL 900')).map((r) => r.id)).toEqual(['75MORVALE900'])
  })

  it('should leave the year of a later own serial alone when the cable’s own serial is unknown', () => {
    const noSerial = 'REF: A. MORVALE 2111\n\n1. Text.\n'
    expect(refs(noSerial).map((r) => r.id)).toEqual([null])
  })

  it('should not make a cable its own citer', () => {
    expect(refs(cable('REF: A. MORVALE 412 B. MORVALE 400'))).toEqual([
      { letter: 'A', id: null, kind: 'self' },
      { letter: 'B', id: '76MORVALE400', kind: 'cable' },
    ])
  })
})

// Synthetic: a telegram-type word says whose telegram is meant (spec §5.9); never an origin of its own.
describe('telegram-type words in REF items', () => {
  // a Department cable: FM SECSTATE WASHDC, class line `STATE 061234`
  const deptCable = (to: string, ref: string) => cable(ref, { from: 'SECSTATE WASHDC', to, post: 'STATE', serial: '061234' })
  const diagnostics = (text: string) => parseCable(text).diagnostics.filter((d) => d.code === 'REF_TELEGRAM_WORD')

  it('should read URTEL in a post\'s cable to the Department as a Department telegram', () => {
    expect(refs(cable('REF: A. URTEL 4490 B. DEPCIRTEL 11 C. MYTEL 12'))).toEqual([
      { letter: 'A', id: '76STATE4490', kind: 'cable' },
      { letter: 'B', id: '76STATE11', kind: 'cable' },
      { letter: 'C', id: '76MORVALE12', kind: 'cable' },
    ])
  })

  it('should read URTEL in a Department cable to one post as that post\'s telegram', () => {
    expect(refs(deptCable('TO AMEMBASSY NAIROBI 0412', 'REF: A. URTEL 4490 B. DEPTEL 12'))).toEqual([
      { letter: 'A', id: '76NAIROBI4490', kind: 'cable' },
      { letter: 'B', id: '76STATE12', kind: 'cable' },
    ])
  })

  it('should leave URTEL without an id, as a cable with a diagnostic, when the cable has several action addressees', () => {
    const text = deptCable('TO AMEMBASSY NAIROBI 0412\nAMEMBASSY ACCRA 0413', 'REF: A. URTEL 4490 B. STATE 12')
    expect(refs(text)).toEqual([
      { letter: 'A', id: null, kind: 'cable' },
      { letter: 'B', id: '76STATE12', kind: 'cable' },
    ])
    const d = diagnostics(text)
    expect(d).toHaveLength(1)
    expect(d[0].message).toMatch(/REF A \(URTEL 4490\).*URTEL.*single action addressee/)
    expect(text.slice(d[0].span.start.offset, d[0].span.end.offset)).toBe('A. URTEL 4490')
  })

  it('should give REFTEL with a serial and an unknown TEL word no id, with a diagnostic each, and the cable after REFTEL its id', () => {
    const text = cable('REF: A. REFTEL 3 B. XQZWTEL 12 C. REFTEL TESSIN 245')
    expect(refs(text)).toEqual([
      { letter: 'A', id: null, kind: 'cable' },
      { letter: 'B', id: null, kind: 'cable' },
      { letter: 'C', id: '76TESSIN245', kind: 'cable' },
    ])
    expect(diagnostics(text).map((d) => d.message.slice(0, 20))).toEqual(['REF A (REFTEL 3) nam', 'REF B (XQZWTEL 12) n'])
  })

  it('should cite SECTO and TOSEC telegrams under their own series, not as STATE serials', () => {
    expect(refs(cable('REF: A. SECTO 12034 B. TOSEC 120034'))).toEqual([
      { letter: 'A', id: '76SECTO12034', kind: 'cable' },
      { letter: 'B', id: '76TOSEC120034', kind: 'cable' },
    ])
  })

  it('should read telegram words the same in an unlettered list', () => {
    expect(refs(cable('REF: URTEL 4490; DEPCIRTEL 11; XQZWTEL 5; TESSIN 7'))).toEqual([
      { letter: null, id: '76STATE4490', kind: 'cable' },
      { letter: null, id: '76STATE11', kind: 'cable' },
      { letter: null, id: '76TESSIN7', kind: 'cable' },
    ])
  })
})
