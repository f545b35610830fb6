import { describe, expect, it } from 'vitest'
import { gluedCaptions } from '../../src/format/captions.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic headers of flattened renderings (spec §5.4, §10 "captions run together"): the line breaks between
// class line, captions, attention lines and E.O. are gone, so caption words touch the MRN serial, each other
// and the keyword after them. Invented posts and serials.

const body = (mark: string) => `\nSUBJECT: INVENTED SUBJECT\n\n1. (${mark}) Invented text.\n`
const parsed = (head: string, mark = 'U') => {
  const text = head + body(mark)
  const c = parseCable(text, { hint: { id: '08TESSIN1' } })
  expect(renderLossless(c)).toBe(text)
  return c
}

describe('captions glued to the MRN serial, to each other and to the next keyword', () => {
  it('should read every caption of a run-together block before E.O.', () => {
    const c = parsed('Cable dated:2008-06-08T06:52:00S E C R E T SECTION 01 OF 02 TESSIN 003352SIPDISSIPDISNOFORNE.O. 12958: DECL: 06/05/2018TAGS: PREL XY', 'S//NF')
    expect(c.captions).toEqual(['SIPDIS', 'NOFORN'])
    expect(c.classification).toBe('SECRET//NOFORN')
    expect(c.tags).toEqual(['PREL', 'XY'])
  })

  it('should end the captions where glued attention text starts', () => {
    const c = parsed('Cable dated:2008-02-04T10:15:00C O N F I D E N T I A L TESSIN 000255NOFORNSIPDISPLEASE PASS TO EEB/TRAE.O. 12958: DECL: 02/03/2018TAGS: EAIR XY', 'C')
    expect(c.captions).toEqual(['NOFORN', 'SIPDIS'])
    expect(c.classification).toBe('CONFIDENTIAL//NOFORN')
  })

  it('should read SENSITIVE after a serial and before attention text, making an unclassified cable SBU', () => {
    const c = parsed('Cable dated:2008-11-23T14:44:00UNCLAS SECTION 01 OF 04 TESSIN 001557SENSITIVE SIPDISDOE FOR S2, AL INVENT DEPT FOR NEA/ARPE.O. 12958: N/A TAGS: ENRG XY')
    expect(c.captions).toEqual(['SENSITIVE', 'SIPDIS'])
    expect(c.classification).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
  })

  it('should read captions glued to a mixed-case attention name and to E.O.', () => {
    const c = parsed('UNCLAS TESSIN 000858 \n\nUSDOC for 4322/ITA/MAC/OLAC/AInventerUSDOC for 3134/ITA/USFCS/WH/MPersonSIPDIS SENSITIVEE.O. 12958: N/A \nTAGS: PREL XY')
    expect(c.captions).toEqual(['SIPDIS', 'SENSITIVE'])
    expect(c.classification).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
  })

  it('should read captions the class line itself carries after the MRN, spaced or glued', () => {
    const spaced = parsed('UNCLAS SECTION 01 OF 02 TESSIN 002460 SENSITIVE SIPDIS E.O. 12958: N/A \nTAGS: ECON XY')
    expect(spaced.captions).toEqual(['SENSITIVE', 'SIPDIS'])
    expect(spaced.classification).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    expect(spaced.captionSpans[0].start).toMatchObject({ line: 1, column: 39 })
    const glued = parsed('C O N F I D E N T I A L TESSIN 000777 NOFORNSIPDIS\n\nE.O. 12958: DECL: 02/03/2018\nTAGS: ECON XY')
    expect(glued.captions).toEqual(['NOFORN', 'SIPDIS'])
    expect(glued.classification).toBe('CONFIDENTIAL//NOFORN')
  })

  it('should keep captions on their own lines as before', () => {
    const c = parsed('UNCLAS TESSIN 000898 \n \nSIPDIS \n \nSIPDIS \n \nSENSITIVE \n \nSTATE ALSO FOR USTR \n \nE.O. 12958: N/A \nTAGS: PREL XY')
    expect(c.captions).toEqual(['SIPDIS', 'SENSITIVE'])
  })
})

describe('gluedCaptions', () => {
  it('should not take caption words inside other words', () => {
    expect(gluedCaptions('THE INSENSITIVE REMARK')).toEqual([])
    expect(gluedCaptions('NODISTRIBUTION LIST')).toEqual([])
    expect(gluedCaptions('Sensitive sipdis matters')).toEqual([])
    expect(gluedCaptions('TESSIN 003352SIPDISSIPDISNOFORN').map((c) => c.caption)).toEqual(['SIPDIS', 'SIPDIS', 'NOFORN'])
    expect(gluedCaptions('SENSITIVE BUT UNCLASSIFIED PLEASE PROTECT').map((c) => c.caption)).toEqual(['SENSITIVE'])
    // one caption word glued to a following word is no caption; at the end of the text (a keyword cut) it is
    expect(gluedCaptions('EXDISPATCH')).toEqual([])
    expect(gluedCaptions('000123EXDIS').map((c) => [c.caption, c.start, c.end])).toEqual([['EXDIS', 6, 11]])
  })
})


describe('spaced caption and class words (typed originals, re-QA L5)', () => {
  const head = (classLine: string, captions: string) =>
    `R 031200Z FEB 08\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC 0001\n\n${classLine}\n\n${captions}\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL XY\nSUBJECT: (C) INVENTED\n\n1. (C) Invented text.\n`
  it('should read captions written with their letters spaced out', () => {
    for (const [line, captions] of [
      ['N O D I S', ['NODIS']],
      ['E X D I S', ['EXDIS']],
      ['N O F O R N', ['NOFORN']],
      ['L I M D I S SIPDIS', ['LIMDIS', 'SIPDIS']],
    ] as const) {
      const text = head('S E C R E T QUORIN 000611', line)
      const c = parseCable(text, { plain: true })
      expect(c.captions, line).toEqual(captions)
      expect(renderLossless(c)).toBe(text)
    }
  })
  it('should read caption words between the class word and the MRN as captions, not as the origin', () => {
    for (const [line, captions] of [
      ['S E C R E T NODIS QUORIN 000611', ['NODIS', 'SIPDIS']],
      ['S E C R E T N O D I S QUORIN 000611', ['NODIS', 'SIPDIS']],
      ['C O N F I D E N T I A L EXDIS QUORIN 000611', ['EXDIS', 'SIPDIS']],
    ] as const) {
      const text = head(line, 'SIPDIS')
      const c = parseCable(text, { plain: true })
      expect(c.mrn, line).toEqual({ origin: 'QUORIN', serial: '000611' })
      expect(c.captions, line).toEqual(captions)
      expect(renderLossless(c)).toBe(text)
    }
  })
  it('should not read spaced letters of prose or a word that merely starts like a caption', () => {
    const c = parseCable(head('S E C R E T QUORIN 000611', 'N O D I S C U S S I O N'), { plain: true })
    expect(c.captions).not.toContain('NODIS')
    expect(parseCable(head('S E C R E T NODISH QUORIN 000611', 'SIPDIS'), { plain: true }).mrn?.origin).toBe('NODISH QUORIN')
  })
})
