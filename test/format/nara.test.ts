import { describe, expect, it } from 'vitest'
import { parseCable, parseRecordText } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic CFPF-style records (invented post TESSIN and text; KINSHASA is real only for the directory lookup).
const record = (end: string) => `R 101530Z APR 75
FM AMEMBASSY TESSIN
TO SECSTATE WASHDC 3301

C O N F I D E N T I A L TESSIN 2207

E.O. 11652: GDS
TAGS: PFOR, XY
SUBJECT: INVENTED GRAIN TALKS

1. INVENTED TEXT ABOUT GRAIN TALKS.

2. MORE INVENTED TEXT.
ROE
${end}`

describe('end-of-message markers and trailers', () => {
  it.each(['NNN', 'NNNN', 'NNNNMAFVVZCZ', '<< END OF DOCUMENT >>'])('should end the message at %s, never take it for a signer', (marker) => {
    const text = record(`\n${marker}\n`)
    const c = parseCable(text)
    expect(c.signers).toEqual(['ROE'])
    expect(c.paragraphs.map((p) => p.text)).toEqual(['INVENTED TEXT ABOUT GRAIN TALKS.', 'MORE INVENTED TEXT.'])
    expect(renderLossless(c)).toBe(text)
  })

  it('should read a trailing attribute block as metadata, not paragraph text', () => {
    const text = record('\n\nNNN\n\nMessage Attributes\n\nDocument Number: 1975TESSIN02207\nLocator: TEXT ON-LINE\nOriginal Classification: CONFIDENTIAL\n')
    const c = parseCable(text)
    expect(c.trailer).toMatchObject({
      marker: 'NNN',
      attributes: { 'Document Number': '1975TESSIN02207', Locator: 'TEXT ON-LINE', 'Original Classification': 'CONFIDENTIAL' },
      lines: [],
    })
    expect(c.paragraphs[1].text).toBe('MORE INVENTED TEXT.')
    expect(c.signers).toEqual(['ROE'])
    expect(renderLossless(c)).toBe(text)
    expect(renderCanonical(c)).toContain('Document Number: 1975TESSIN02207')
  })

  it('should keep a declassification stamp after the signature as a trailer line', () => {
    const text = record('\n\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n')
    const c = parseCable(text)
    expect(c.signers).toEqual(['ROE'])
    expect(c.trailer?.lines).toEqual(['Declassified/Released US Department of State EO Systematic Review 30 JUN 2005'])
    expect(c.trailer?.marker).toBeNull()
  })

  it('should stop the last paragraph at the trailer when no signature precedes it', () => {
    const c = parseCable(record('').replace('ROE\n', '') + '<< END OF DOCUMENT >>\n')
    expect(c.paragraphs[1].text).toBe('MORE INVENTED TEXT.')
    expect(c.trailer?.marker).toBe('<< END OF DOCUMENT >>')
  })
})

describe('records whose text is unavailable', () => {
  it.each([
    'MRN: 1974KINSHA001299  SEGMENT NUMBER: 000001  ERROR READING TEXT INDEX FILE; TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE\n',
    'MRN: 1974KINSHA001299\nTEXT ON MICROFILM\n',
  ])('should keep the record with its id and origin expanded: %s', (text) => {
    const c = parseCable(text)
    expect(c.id).toBe('74KINSHASA1299')
    expect(c.rawId).toBe('1974KINSHA001299')
    expect(c.origin).toBe('AMEMBASSY KINSHASA')
    expect(c.unavailable).toMatch(/UNAVAILABLE|MICROFILM/)
    expect(c.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['TEXT_UNAVAILABLE', 'ID_REPAIRED']))
    expect(renderLossless(c)).toBe(text)
  })

  it('should take the id from the file name when the text names no MRN', () => {
    const c = parseCable('TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE\n', { hint: { id: '1976NEWDE00042' } })
    expect(c.id).toBe('76NEWDELHI42')
    expect(c.unavailable).not.toBeNull()
  })

  it('should not call a cable with paragraphs unavailable because it quotes the phrase', () => {
    const c = parseCable(record('').replace('2. MORE INVENTED TEXT.', '2. THE NOTE SAID TEXT ON MICROFILM WAS LOST.'))
    expect(c.unavailable).toBeNull()
  })
})

describe('CFPF record text with its metadata', () => {
  it.each(['r 151646z mar 75', 'R 151646z Mar 75', 'o p 151646Z MAR 75'])('should read the DTG %s in any letter case', (dtg) => {
    const c = parseCable(`${dtg}\nFM AMEMBASSY TESSIN\nTO SECSTATE WASHDC 3301\n\nCONFIDENTIAL TESSIN 2207\n\n1. INVENTED TEXT.\n`)
    expect(c.date).toBe('1975-03-15T16:46:00Z')
    expect(c.envelope.dtg?.precedence[0]).toMatch(/^[RO]$/)
  })

  it.each([
    ['1975-03-18T00:00:00', 'day'],
    ['1975-03-18T00:00:00Z', 'day'],
    ['1975-03-18 00:00', 'day'],
    ['1975-03-18', 'day'],
    ['1975-03-18T14:05:00', 'minute'],
    ['03/18/1975 09:30', 'minute'],
  ])('should give a History Lab date %s the precision %s (a zero time of day stamps a date known to the day)', (date, precision) => {
    const c = parseRecordText('1. INVENTED BODY ONLY.\n', { 'doc nbr': '1975KINSHA01234', date }, 'history-lab')
    expect(c.date?.slice(0, 10)).toBe('1975-03-18')
    expect(c.dateSource).toEqual({ basis: 'container', from: ['history-lab:date'], precision })
  })

  it('should fill addressees, subject, TAGS and handling captions the text lacks, each marked', () => {
    const c = parseRecordText('1. INVENTED BODY ONLY.\n', { 'document number': '1975KINSHA01234', date: '18 MAR 1975', to: 'SECSTATE WASHDC     AMEMBASSY TESSIN', subject: 'INVENTED COFFEE', tags: 'EAGR, HUMAN RIGHTS', handling: 'EXDIS' }, 'nara-aad')
    expect(c).toMatchObject({ id: '75KINSHASA1234', rawId: '1975KINSHA01234', date: '1975-03-18T00:00:00Z', subject: 'INVENTED COFFEE', tags: ['EAGR', 'HUMAN RIGHTS'], captions: ['EXDIS'] })
    expect(c.dateSource).toMatchObject({ basis: 'container', precision: 'day' })
    expect(c.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC', 'AMEMBASSY TESSIN'])
    expect(c.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['ADDRESSEES_FROM_CONTAINER', 'SUBJECT_FROM_CONTAINER', 'TAGS_FROM_CONTAINER', 'CAPTION_FROM_CONTAINER', 'DATE_FROM_CONTAINER']))
  })

  it('should never replace what the text states', () => {
    const text = record('')
    const c = parseRecordText(text, { 'document number': '1975TESSIN02207', date: '1975-01-01', subject: 'OTHER', tags: 'ZZZZ', to: 'AMEMBASSY ELSEWHERE' }, 'nara-aad')
    expect(c).toMatchObject({ date: '1975-04-10T15:30:00Z', subject: 'INVENTED GRAIN TALKS', tags: ['PFOR', 'XY'] })
    expect(c.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC'])
  })

  it('should read a record with metadata and no text as text-unavailable, not as an empty input', () => {
    const c = parseRecordText('', { 'document number': '1977STATE000777', locator: 'TEXT ON MICROFILM' }, 'nara-aad')
    expect(c).toMatchObject({ id: '77STATE777', unavailable: 'TEXT ON MICROFILM', origin: 'SECSTATE WASHDC' })
    expect(c.diagnostics.map((d) => d.code)).not.toContain('EMPTY_INPUT')
    expect(c.diagnostics.map((d) => d.code)).toContain('TEXT_UNAVAILABLE')
  })
})
