import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic cables (invented posts QUORIN and VELLORA, invented text) whose DTG states no year (`R 151646Z OCT`,
// day, time and month alone): the date is inferred where the text or its id holds the year, marked as inferred with
// its source and precision, and left unknown (said so) where nothing does.
const telegram = (dtgLine: string, { decl = 'N/A', body = 'Invented text.' } = {}) => `${dtgLine}
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 0101

C O N F I D E N T I A L QUORIN 000321

E.O. 12958: ${decl === 'N/A' ? 'N/A' : `DECL: ${decl}`}
TAGS: PREL, XY
SUBJECT: INVENTED DATE TEST

1. (C) ${body}

2. (C) More invented text.

DOE
`
const parse = (text: string, hint?: { id: string }) => {
  const c = parseCable(text, hint ? { hint } : {})
  expect(renderLossless(c)).toBe(text)
  return c
}
const codes = (c: ReturnType<typeof parseCable>) => c.diagnostics.map((d) => d.code)
const spanText = (text: string, s: { start: { offset: number }; end: { offset: number } } | undefined) => (s ? text.slice(s.start.offset, s.end.offset) : undefined)

describe('a DTG without a year', () => {
  it('should take the year of the id (the publisher\'s) and read day, time and month from the DTG, marked inferred', () => {
    const text = telegram('R 151646Z OCT')
    const c = parse(text, { id: '09QUORIN321' })
    expect(c.date).toBe('2009-10-15T16:46:00Z')
    expect(c.dateSource).toEqual({ basis: 'inferred', from: ['dtg-no-year', 'id-hint'], precision: 'minute' })
    expect(c.id).toBe('09QUORIN321')
    expect(c.precedence).toBe('ROUTINE')
    expect(spanText(text, c.spans.dtg)).toBe('R 151646Z OCT')
    expect(codes(c)).toContain('DATE_INFERRED')
    expect(c.diagnostics.find((d) => d.code === 'DATE_INFERRED')?.message).toMatch(/inferred/)
  })

  it('should read the DTG in any letter case, with or without a prosign', () => {
    expect(parse(telegram('p 020304z feb'), { id: '07QUORIN321' }).date).toBe('2007-02-02T03:04:00Z')
    expect(parse(telegram('020304Z Feb'), { id: '07QUORIN321' }).date).toBe('2007-02-02T03:04:00Z')
    expect(parse(telegram('O 311200Z DEC'), { id: '08QUORIN321' }).precedence).toBe('IMMEDIATE')
  })

  it('should take the year of a date the text writes in the DTG\'s month, up to a week before its day', () => {
    const c = parse(telegram('R 151646Z OCT', { body: 'On October 14, 2009 the minister spoke of the 1998 accord.' }))
    expect(c.date).toBe('2009-10-15T16:46:00Z')
    expect(c.dateSource).toEqual({ basis: 'inferred', from: ['dtg-no-year', 'text-date'], precision: 'minute' })
    // no id is built from an inferred year
    expect(c.id).toBeNull()
    const numeric = parse(telegram('R 151646Z OCT', { body: 'The note of 10/12/2004 was answered. ON 9 OCTOBER 2004 TALKS BEGAN.' }))
    expect(numeric.date).toBe('2004-10-15T16:46:00Z')
  })

  it('should let the DECL date choose among the years the text writes (drafting date plus whole five-year periods)', () => {
    const body = 'On October 14, 2009 the minister recalled the talks of October 13, 2007.'
    const c = parse(telegram('R 151646Z OCT', { decl: '10/15/2019', body }))
    expect(c.date).toBe('2009-10-15T16:46:00Z')
    expect(c.dateSource?.from).toEqual(['dtg-no-year', 'text-date', 'decl-year'])
    // without the DECL date the two years are equally likely: no date
    const open = parse(telegram('R 151646Z OCT', { body }))
    expect(open.date).toBeNull()
    expect(codes(open)).toContain('DTG_NO_YEAR')
  })

  it('should never take the DECL date itself for a date of the text, nor a date after the DTG day or of another month', () => {
    const c = parse(telegram('R 151646Z OCT', { decl: '10/15/2019', body: 'The vote of October 20, 2009 and the talks of September 14, 2009 matter.' }))
    expect(c.date).toBeNull()
    expect(c.dateSource).toBeNull()
    expect(codes(c)).toContain('DTG_NO_YEAR')
    expect(codes(c)).not.toContain('DATE_INFERRED')
  })

  it('should leave the date unknown, saying why, when nothing holds the year', () => {
    const text = telegram('R 151646Z OCT')
    const c = parse(text)
    expect(c.date).toBeNull()
    expect(c.precedence).toBe('ROUTINE')
    expect(spanText(text, c.spans.dtg)).toBe('R 151646Z OCT')
    const d = c.diagnostics.find((x) => x.code === 'DTG_NO_YEAR')
    expect(d?.message).toMatch(/151646Z OCT/)
    expect(codes(c)).not.toContain('NO_HEADER')
  })

  it('should read a fragment that opens with a yearless DTG above its FM line', () => {
    const text = 'R 151646Z OCT\nFM AMEMBASSY VELLORA\nTO SECSTATE WASHDC PRIORITY 0517\n\nSUBJECT: INVENTED FRAGMENT\n\n1. On October 15, 2009 invented text.\n'
    const c = parse(text)
    expect(c.origin).toBe('AMEMBASSY VELLORA')
    expect(c.to?.map((a) => [a.name, a.precedence, a.serial])).toEqual([['SECSTATE WASHDC', 'PRIORITY', '0517']])
    expect(c.date).toBe('2009-10-15T16:46:00Z')
  })

  it('should not take a day that the month does not have, nor a time past 2359', () => {
    expect(parse(telegram('R 311646Z NOV'), { id: '09QUORIN321' }).dateSource?.from).not.toContain('dtg-no-year')
    expect(parse(telegram('R 152466Z OCT'), { id: '09QUORIN321' }).dateSource?.from).not.toContain('dtg-no-year')
  })
})
