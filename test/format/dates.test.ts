import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic cables (invented posts MORVALE and TESSIN, invented text).
const telegram = (dtgLine: string) => `${dtgLine}
FM AMEMBASSY MORVALE
TO SECSTATE WASHDC 0101

UNCLAS MORVALE 000321

E.O. 12958: N/A
TAGS: PREL, XY
SUBJECT: INVENTED DATE TEST

1. Invented text.
`

describe('DTG in any case and with annotations', () => {
  it.each([
    ['R 091553Z May 05', '2005-05-09T15:53:00Z'],
    ['091553Z may 05', '2005-05-09T15:53:00Z'],
    ['O 311200Z dec 08', '2008-12-31T12:00:00Z'],
    ['R 151646Z OCT 09 (CCY AD1B2C3D)', '2009-10-15T16:46:00Z'],
    ['P 020304Z Feb 07 (CORRECTED COPY)', '2007-02-02T03:04:00Z'],
  ])('should read `%s` as a read DTG', (line, iso) => {
    const c = parseCable(telegram(line))
    expect(c.date).toBe(iso)
    expect(c.dateSource).toEqual({ basis: 'read', from: ['dtg'], precision: 'minute' })
    expect(c.id).toBe(`${iso.slice(2, 4)}MORVALE321`)
    expect(renderLossless(c)).toBe(telegram(line))
  })

  it('should keep a trailing annotation with the FL5 signals', () => {
    expect(parseCable(telegram('R 151646Z OCT 09 (CCY AD1B2C3D)')).envelope.dtg?.signals).toEqual(['(CCY AD1B2C3D)'])
  })

  it('should not take a paragraph line with a DTG-like group for the DTG', () => {
    const c = parseCable(`UNCLAS MORVALE 000321\n\n1. The meeting at 091553Z May 05 was invented.\n`)
    expect(c.dateSource).toBeNull()
  })
})

const partial = (pageDay: string, decl: string) => `This record is a partial extract of the original cable. The full text of the original cable is not available.

PAGE 01        TESSIN  04411  01 OF 02  ${pageDay}
FM AMEMBASSY TESSIN
TO SECSTATE WASHDC IMMEDIATE 7212

C O N F I D E N T I A L SECTION 01 OF 02 TESSIN 004411

E.O. 12958: DECL: ${decl}
TAGS: PGOV, XY
SUBJECT: INVENTED PARTIAL RECORD

1. (C) Invented text.
`

describe('inferred dates of partial records', () => {
  it('should take day and time from a page header, the month from the DECL date and the year from the id', () => {
    const c = parseCable(partial('271458Z', '09/21/2010'), { hint: { id: '00TESSIN4411' } })
    expect(c.date).toBe('2000-09-27T14:58:00Z')
    expect(c.dateSource).toEqual({ basis: 'inferred', from: ['page-header', 'decl-month', 'id-hint'], precision: 'minute' })
    expect(c.diagnostics.map((d) => d.code)).toContain('DATE_INFERRED')
    expect(c.diagnostics.map((d) => d.code)).not.toContain('NO_DTG')
  })

  it('should move to the next month when the page header day is before the DECL day', () => {
    const c = parseCable(partial('021200Z', '03/30/2015'), { hint: { id: '05TESSIN4411' } })
    expect(c.date).toBe('2005-04-02T12:00:00Z')
  })

  it('should give only the month when no page header dates the day', () => {
    const text = partial('', '06/14/2018').replace(/^PAGE 01.*\n/m, '')
    const c = parseCable(text, { hint: { id: '08TESSIN4411' } })
    expect(c.date).toBe('2008-06')
    expect(c.dateSource).toEqual({ basis: 'inferred', from: ['decl-month', 'id-hint'], precision: 'month' })
  })

  it('should give only the year when the DECL date is no drafting date (not whole periods after the id year)', () => {
    const c = parseCable(partial('', '06/14/2011').replace(/^PAGE 01.*\n/m, ''), { hint: { id: '08TESSIN4411' } })
    expect(c.date).toBe('2008')
    expect(c.dateSource).toEqual({ basis: 'inferred', from: ['id-hint'], precision: 'year' })
  })

  it('should leave the date unknown when not even the year is known', () => {
    const c = parseCable(partial('271458Z', '09/21/2010'))
    expect(c.date).toBeNull()
    expect(c.dateSource).toBeNull()
    expect(c.diagnostics.map((d) => d.code)).toContain('NO_DTG')
  })

  it('should read the day from the legacy routing rule line too', () => {
    const text = partial('', 'X1').replace(/^PAGE 01.*\n/m, '').replace('FM AMEMBASSY', '            ------------------8A8E0D  191702Z /38\nFM AMEMBASSY')
    const c = parseCable(text.replace('1. (C) Invented text.', '1. (C) On March 18 the minister met the invented delegation.'), { hint: { id: '06TESSIN4411' } })
    expect(c.date).toBe('2006-03-19T17:02:00Z')
    expect(c.dateSource?.from).toEqual(['page-header', 'text-month', 'id-hint'])
  })

  it('should take the month named with a day up to the page day over one named with a later day, whichever comes first', () => {
    const text = partial('', 'X1').replace(/^PAGE 01.*\n/m, '').replace('FM AMEMBASSY', '            ------------------8A8E0D  021700Z /38\nFM AMEMBASSY')
    const named = (body: string) => parseCable(text.replace('1. (C) Invented text.', body), { hint: { id: '01TESSIN4411' } }).date
    // sent on the 2nd: NOV 01 was yesterday, SEPTEMBER 11 is weeks back (or in the future)
    expect(named('1. (C) Since September 11 the invented council met twice, last on Nov 01.')).toBe('2001-11-02T17:00:00Z')
    expect(named('1. (C) The invented council met on Nov 01, and will meet on September 11.')).toBe('2001-11-02T17:00:00Z')
    // with no month named up to the page day, the month named most often stays the clue
    expect(named('1. (C) The invented talks of October 20 and October 21 resume on December 9.')).toBe('2001-10-02T17:00:00Z')
  })
})
