import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
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
