import { describe, expect, it } from 'vitest'
import { dtgLineLength } from '../../src/format/header.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic cables (invented posts QUORIN and VELLORA, invented text): dates that a copy
// holds in full but in a shape other than the plain envelope above the class line.

const codes = (c: ReturnType<typeof parseCable>) => c.diagnostics.map((d) => d.code)

/** An e-mail printout: the system's banner and distribution lines above the message's own envelope. */
const printout = (tail: string) => `Jane Q Clerk  03/27/2009 10:00:00 AM  From  DB/Inbox:  Search
Results

Cable
Text:

S E C R E T        QUORIN 00311
CXQUORIN:
    ACTION: POL
    INFO:   RSO DCM

DISSEMINATION: POL
CHARGE: PROG

VZCZCQRN550
RR RUEHC RUEHXX
DE RUEHQR #0311/01 0851341
ZNY SSSSS ZZH
R 261341Z MAR 09
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC 0101
INFO RUEHXX/AMEMBASSY VELLORA 0202
${tail}`

const ownClassLine = `
S E C R E T SECTION 01 OF 02 QUORIN 000311

NOFORN

E.O. 12958: DECL: 03/20/2019
TAGS: PREL, XY
SUBJECT: INVENTED PRINTOUT

1. (S) Invented text.

SMITH
`

describe('a full envelope below an e-mail printout banner', () => {
  it('should read the envelope and the class line below it, not the banner', () => {
    const text = printout(ownClassLine)
    const c = parseCable(text)
    expect(c.date).toBe('2009-03-26T13:41:00Z')
    expect(c.dateSource).toEqual({ basis: 'read', from: ['dtg'], precision: 'minute' })
    expect(c.origin).toBe('AMEMBASSY QUORIN')
    expect(c.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC'])
    expect(c.info?.map((a) => a.name)).toEqual(['AMEMBASSY VELLORA'])
    expect(c.precedence).toBe('ROUTINE')
    expect(c.envelope.station?.serial).toBe('0311')
    expect(c.mrn).toEqual({ origin: 'QUORIN', serial: '000311' })
    expect(c.sections).toBe(2)
    expect(c.id).toBe('09QUORIN311')
    expect(c.classification).toBe('SECRET//NOFORN')
    expect(c.spans.classLine?.start.line).toBe(24)
    expect(codes(c)).not.toContain('NO_HEADER')
    expect(renderLossless(c)).toBe(text)
  })

  it('should take the MRN from the banner when the class line below the envelope is lost', () => {
    // the message's class line run into its last addressee line: no class line of its own remains
    const text = printout(`RUEHQR/AMEMBASSY QUORIN 0303\tS E C R E T SECTION 01 OF 02 QUORIN 000311

SIPDIS

1. (S) Invented text.
`)
    const c = parseCable(text)
    expect(c.date).toBe('2009-03-26T13:41:00Z')
    expect(c.origin).toBe('AMEMBASSY QUORIN')
    expect(c.mrn).toEqual({ origin: 'QUORIN', serial: '00311' })
    expect(c.id).toBe('09QUORIN311')
    expect(c.classification).toBe('SECRET')
    expect(renderLossless(c)).toBe(text)
  })

  it('should keep a class line as the class line when what follows it opens no envelope', () => {
    // an FL1-like line without its DTG and FM lines is text
    const text = `S E C R E T        QUORIN 00311

VZCZCQRN550
SUBJECT: INVENTED

1. (S) Invented text.
`
    const c = parseCable(text, { hint: { id: '09QUORIN311' } })
    expect(c.spans.classLine?.start.line).toBe(1)
    expect(c.mrn).toEqual({ origin: 'QUORIN', serial: '00311' })
    expect(c.envelope.transmission).toBeNull()
    expect(c.dateSource?.basis).toBe('inferred')
  })

  it('should read a header block that opens below an office distribution list', () => {
    const text = `INFO  LOG-00   EEB-00   AID-00   INR-00
      SP-00    IRM-00   SS-00
        /001W

P 151119Z DEC 09
FM AMEMBASSY VELLORA
TO SECSTATE WASHDC PRIORITY 0639
INFO AFRICAN UNION COLLECTIVE
CIA WASHDC

Tuesday, 15 December 2009, 11:19
S E C R E T VELLORA 000429
EO 12958 DECL: 12/10/2019
SUBJECT: INVENTED DISTRIBUTION LIST
 1. (S) Invented text.
`
    const c = parseCable(text)
    expect(c.date).toBe('2009-12-15T11:19:00Z')
    expect(c.dateSource).toEqual({ basis: 'read', from: ['dtg'], precision: 'minute' })
    expect(c.origin).toBe('AMEMBASSY VELLORA')
    expect(c.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC'])
    expect(c.precedence).toBe('PRIORITY')
    expect(c.mrn).toEqual({ origin: 'VELLORA', serial: '000429' })
    expect(c.id).toBe('09VELLORA429')
    expect(renderLossless(c)).toBe(text)
  })
})

const wire = (dtgLine: string) => `VZCZCXRO1234
OO RUEHQR
DE RUEHVL #0524/01 0761643
ZNY SSSSS ZZH
${dtgLine}
FM AMEMBASSY VELLORA
TO RUEHC/SECSTATE WASHDC IMMEDIATE 0101

S E C R E T VELLORA 000524

E.O. 12958: DECL: 03/16/2018
TAGS: PREL, XY
SUBJECT: INVENTED SIGNAL ANNOTATION

1. (S) Invented text.
`

describe('a DTG with a trailing signal between slashes', () => {
  it.each([
    ['O 161643Z MAR 08 //ZEL//', '2008-03-16T16:43:00Z', ['//ZEL//']],
    ['R 181516Z NOV 09 ///ZFR////', '2009-11-18T15:16:00Z', ['///ZFR////']],
  ])('should read `%s` and keep the annotation with the signals', (line, iso, signals) => {
    const c = parseCable(wire(line))
    expect(c.date).toBe(iso)
    expect(c.dateSource).toEqual({ basis: 'read', from: ['dtg'], precision: 'minute' })
    expect(c.envelope.dtg?.signals).toEqual(signals)
    expect(c.id).toBe(`${iso.slice(2, 4)}VELLORA524`)
    expect(renderLossless(c)).toBe(wire(line))
  })

  it('should refuse what is no signal between slashes', () => {
    expect(parseCable(wire('O 161643Z MAR 08 //SECRET//')).dateSource?.basis).not.toBe('read')
    expect(parseCable(wire('O 161643Z MAR 08 //ZEL')).dateSource?.basis).not.toBe('read')
  })

  it('should count a slashed signal as DTG syntax, and no word after it', () => {
    expect(dtgLineLength('O 161643Z MAR 08 //ZEL//')).toBe('O 161643Z MAR 08 //ZEL//'.length)
    expect(dtgLineLength('O 161643Z MAR 08 //ZEL// THE MINISTER')).toBe('O 161643Z MAR 08 //ZEL//'.length)
  })
})

const NOTICE = 'This record is a partial extract of the original cable. The full text of the original cable is not available.'

describe('a lone DTG below the partial-record notice', () => {
  it('should read it when the class line is run into other text', () => {
    const text = `${NOTICE}

291149Z Jan 06

Cable dated:2006-01-29T11:49:00S E C R E T SECTION 01 OF 02 QUORIN 000493SIPDISE.O. 12958: DECL: 01/26/2016 TAGS: PREL XY
Classified by Ambassador Invented Name for reasons 1.4 (b) and (d).

1. (S) Invented text.
`
    const c = parseCable(text, { hint: { id: '06QUORIN493' } })
    expect(c.date).toBe('2006-01-29T11:49:00Z')
    expect(c.dateSource).toEqual({ basis: 'read', from: ['dtg'], precision: 'minute' })
    expect(codes(c)).toContain('PARTIAL_RECORD')
    expect(codes(c)).not.toContain('DATE_INFERRED')
    expect(renderLossless(c)).toBe(text)
  })

  it('should read it when the class line is missing', () => {
    const text = `${NOTICE}

292031Z Sep 05

41662 2005-09-29 20:31:00 invented export columns
S E C R E T SECTION 01 OF 02 VELLORA 009257

1. (S) Invented text.
`
    const c = parseCable(text, { hint: { id: '05VELLORA9257' } })
    expect(c.date).toBe('2005-09-29T20:31:00Z')
    expect(c.envelope.dtg?.precedence).toEqual([])
    expect(c.id).toBe('05VELLORA9257')
    expect(renderLossless(c)).toBe(text)
  })

  it('should not read a DTG-like group that stands lower in the text', () => {
    const text = `${NOTICE}

Invented preface.

292031Z Sep 05
`
    const c = parseCable(text, { hint: { id: '05VELLORA9257' } })
    expect(c.envelope.dtg).toBeNull()
    expect(c.dateSource?.basis).toBe('inferred')
  })
})

const stamped = (stamp: string) => `${NOTICE}

${stamp}C O N F I D E N T I A L SECTION 01 OF 02 VELLORA 003571SIPDISE.O. 12958: DECL: 08/16/2015TAGS: PREL XY

Classified By: Ambassador Invented Name. Reason: 1.4 (b,d)

1. (SBU) Invented text.
`

describe('a `Cable dated:` stamp run into the class line', () => {
  it("should read the stamp as the cable's date when its class line names the cable", () => {
    const text = stamped('Cable dated:2005-08-17T21:24:00]')
    const c = parseCable(text, { hint: { id: '05VELLORA3571' } })
    expect(c.date).toBe('2005-08-17T21:24:00Z')
    expect(c.dateSource).toEqual({ basis: 'read', from: ['date-stamp'], precision: 'minute' })
    expect(codes(c)).toContain('DATE_FROM_STAMP')
    expect(codes(c)).not.toContain('DATE_INFERRED')
    expect(renderLossless(c)).toBe(text)
  })

  it('should read a stamp on its own line, checked against the class line below it', () => {
    const text = `${NOTICE}

Cable dated:2005-05-23T14:26:00
S E C R E T SECTION 01 OF 02 QUORIN 001352SIPDISE.O. 12958: DECL: 05/21/2015TAGS: PREL XY

1. (S) Invented text.
`
    expect(parseCable(text, { hint: { id: '05QUORIN1352' } }).date).toBe('2005-05-23T14:26:00Z')
    expect(parseCable(text, { hint: { id: '05QUORIN1353' } }).dateSource?.basis).toBe('inferred')
  })

  it.each([
    ['another serial', '05VELLORA3609'],
    ['another origin', '05QUORIN3571'],
    ['another year', '06VELLORA3571'],
  ])("should not take another cable's stamp for the date (%s)", (_, id) => {
    const c = parseCable(stamped('Cable dated:2005-08-17T21:24:00]'), { hint: { id } })
    expect(c.date).not.toBe('2005-08-17T21:24:00Z')
    expect(c.dateSource?.basis).toBe('inferred')
    expect(codes(c)).toContain('DATE_STAMP_MISMATCH')
  })

  it('should leave the DTG the date when the text has one', () => {
    const text = `R 171800Z AUG 05\nFM AMEMBASSY VELLORA\nTO SECSTATE WASHDC 0101\n\n${stamped('Cable dated:2005-08-17T21:24:00]').slice(NOTICE.length + 2)}`
    const c = parseCable(text, { hint: { id: '05VELLORA3571' } })
    expect(c.date).toBe('2005-08-17T18:00:00Z')
    expect(c.dateSource?.from).toEqual(['dtg'])
  })

  it('should refuse a stamp that names no real date', () => {
    const c = parseCable(stamped('Cable dated:2005-02-30T21:24:00]'), { hint: { id: '05VELLORA3571' } })
    expect(c.dateSource?.basis).toBe('inferred')
  })
})
