import { describe, expect, it } from 'vitest'
import { EO_LABEL, eoStatementLength, parseEo } from '../../src/format/eo.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic partial records (invented post QUORIN, invented text): the E.O. label typed with the digit zero
// for the letter O (`E.0. 12958`), a slip seen in released cables, is still the E.O. line (spec §5.5).

const partial = (eo: string) => `C O N F I D E N T I A L QUORIN 001261

SIPDIS

${eo}
TAGS: PREL PGOV XY
SUBJECT: INVENTED DEMARCHE

1. (C) INVENTED TEXT OF THE FIRST PARAGRAPH.
CONFIDENTIAL

PAGE 02 QUORIN 01261 061419Z
2. (C) INVENTED TEXT OF THE SECOND PARAGRAPH.

SMITH
`

describe('an E.O. label written E.0.', () => {
  it('should read the order and the DECL date as it does for E.O.', () => {
    for (const label of ['E.0.', 'E. 0.', 'E.0 .']) {
      expect(parseEo(`${label} 12958: DECL: 03/05/11`), label).toEqual({ order: '12958', declassify: '2011-03-05' })
    }
    expect(parseEo('E.0. 13526: N/A')).toEqual({ order: '13526', declassify: 'N/A' })
  })

  it('should read a zero as the letter only before an order number', () => {
    expect(EO_LABEL.test('E.0. 12958: DECL: 03/05/11')).toBe(true)
    // a line opening with `E.0.` and no order number is no E.O. line: a version number, a list item
    expect(EO_LABEL.test('E.0. THE MINISTER SAID')).toBe(false)
    expect(EO_LABEL.test('E.0.5 RELEASE NOTES')).toBe(false)
    expect(eoStatementLength('E.0. 12958: DECL: 03/05/11 ')).toBe('E.0. 12958: DECL: 03/05/11 '.length)
    expect(eoStatementLength('E.0. THE MINISTER SAID')).toBe(0)
  })

  it('should give the cable its E.O. line, and the DECL month to the date of a record without a DTG', () => {
    const text = partial('E.0. 12958: DECL: 03/05/11')
    const c = parseCable(text, { hint: { id: '01QUORIN1261' } })
    expect(c.eo?.order).toBe('12958')
    expect(c.eo?.declassify).toBe('2011-03-05')
    // the DECL month (March) with the page header's day and time (06 14:19Z) and the id's year (2001)
    expect(c.date).toBe('2001-03-06T14:19:00Z')
    expect(c.dateSource).toEqual({ basis: 'inferred', from: ['page-header', 'decl-month', 'id-hint'], precision: 'minute' })
    expect(renderLossless(c)).toBe(text)
  })

  it('should read the same cable alike with E.O. and E.0.', () => {
    const zero = parseCable(partial('E.0. 12958: DECL: 03/05/11'), { hint: { id: '01QUORIN1261' } })
    const letter = parseCable(partial('E.O. 12958: DECL: 03/05/11'), { hint: { id: '01QUORIN1261' } })
    expect({ date: zero.date, eo: zero.eo?.declassify, tags: zero.tags, subject: zero.subject }).toEqual({
      date: letter.date,
      eo: letter.eo?.declassify,
      tags: letter.tags,
      subject: letter.subject,
    })
  })
})
