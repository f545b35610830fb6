import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { originFromMrn } from '../../src/format/post-origin.js'

// A record without FM line takes its originator from the MRN or id (spec §6.1). Where that origin is misspelled or
// cut short, the originator is the station the directory repairs it to, as the id is (QA 13): never a post
// named by the raw spelling. Synthetic class lines; the stations are real only so that the directory knows them.
describe('the originator of a record without FM line', () => {
  it('should be the repaired station of a misspelled or cut-short MRN origin', () => {
    expect(originFromMrn('KINSHA')).toBe('AMEMBASSY KINSHASA')
    expect(originFromMrn('BISHIEK')).toBe('AMEMBASSY BISHKEK')
    expect(originFromMrn('NEWDE')).toBe('AMEMBASSY NEW DELHI')
    // known posts as before, written spacing kept
    expect(originFromMrn('SAO PAULO')).toBe('AMCONSUL SAO PAULO')
    expect(originFromMrn('STATE')).toBe('SECSTATE WASHDC')
    expect(originFromMrn('QUORIN')).toBeNull()
  })

  it('should give the parsed cable the repaired originator, the id repaired and the written form kept', () => {
    const c = parseCable('CONFIDENTIAL KINSHA 01234\n\nSUBJECT: INVENTED TALKS\n\n1. (C) Text.\n', { hint: { id: '1974KINSHA01234' } })
    expect([c.id, c.rawId, c.origin]).toEqual(['74KINSHASA1234', '1974KINSHA01234', 'AMEMBASSY KINSHASA'])
    const d = parseCable('CONFIDENTIAL SECTION 01 OF 02 BISHIEK 000021\n\nSUBJECT: INVENTED TALKS\n\n1. (C) Text.\n', { hint: { id: '08BISHIEK21' } })
    expect([d.id, d.origin]).toEqual(['08BISHKEK21', 'AMEMBASSY BISHKEK'])
    expect(d.diagnostics.map((x) => x.code)).toContain('NO_ORIGIN')
  })

  it('should write the PLAD of an origin spelled as ids spell it (no blanks) as the directory does', () => {
    expect(originFromMrn('NEWDELHI')).toBe('AMEMBASSY NEW DELHI')
    expect(originFromMrn('THEHAGUE')).toBe('AMEMBASSY THE HAGUE')
    expect(originFromMrn('BUENOSAIRES')).toBe('AMEMBASSY BUENOS AIRES')
    expect(originFromMrn('SAOPAULO')).toBe('AMCONSUL SAO PAULO')
    expect(originFromMrn('THEHA')).toBe('AMEMBASSY THE HAGUE')
    // a one-word station is unchanged
    expect(originFromMrn('KINSHASA')).toBe('AMEMBASSY KINSHASA')
  })

  it('should give a record known only by its document number the PLAD its FM line would hold', () => {
    for (const [doc, plad] of [
      ['1979NEWDE01234', 'AMEMBASSY NEW DELHI'],
      ['1976BUENOS00456', 'AMEMBASSY BUENOS AIRES'],
      ['1977THEHA00123', 'AMEMBASSY THE HAGUE'],
    ]) {
      const c = parseCable('1. INVENTED PARTIAL TEXT.\n\n2. MORE.\n', { hint: { id: doc } })
      expect(c.origin).toBe(plad)
    }
  })
})
