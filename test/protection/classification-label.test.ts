/**
 * The classification label the parser, the archive (record, facet, result lists, `classification:`) and the
 * releasable rendering show: the level and every caveat and control the text states, in the text's terms, never
 * the publisher's NOFORN-only vocabulary. Synthetic cables only.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { redactText } from '../../src/archive/redact.js'
import { classificationLabel, LEVEL_RANK, overallClassification, publisherClassification, RESTRICTIVE_CAVEATS, type Level } from '../../src/format/classification.js'
import { parseMarking } from '../../src/format/marking.js'
import { parseCable } from '../../src/format/parse.js'

/** A synthetic CONFIDENTIAL cable whose caption lines are `captions`; (C) subject, (C) and (U) paragraphs. */
const captionedCable = (captions: string[], classWord = 'C O N F I D E N T I A L') => `R 041200Z FEB 09
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 0101

${classWord} QUORIN 000211

${captions.join('\n')}

E.O. 12958: DECL: 02/04/2019
TAGS: PREL XQ
SUBJECT: (C) INVENTED WATER MINISTRY RESHUFFLE

Classified By: Ambassador Ada Quill, reasons 1.4 (b) and (d).

1. (C) The water minister will step down in March.

2. (U) The ministry was founded in 1971.

QUILL
`

const SOURCE = { locator: 'q.txt', rendering: 'text' as const, sha256: 'c'.repeat(64), importedAt: '2026-01-01T00:00:00.000Z', metadata: {} }

describe('classification label', () => {
  it('should write the level and every restrictive caveat, dissemination controls first', () => {
    expect(classificationLabel('CONFIDENTIAL', ['NOFORN', 'ORCON'])).toBe('CONFIDENTIAL//ORCON/NOFORN')
    expect(classificationLabel('SECRET', ['NOFORN'])).toBe('SECRET//NOFORN')
    expect(classificationLabel('SECRET', ['EXDIS', 'NOFORN'])).toBe('SECRET//NOFORN/EXDIS')
    expect(classificationLabel('TOP SECRET', ['SPECAT', 'NODIS', 'CHEROKEE'])).toBe('TOP SECRET//NODIS/CHEROKEE/SPECAT')
    expect(classificationLabel('SECRET', [])).toBe('SECRET')
    expect(classificationLabel('UNCLASSIFIED', [])).toBe('UNCLASSIFIED')
    expect(classificationLabel('UNCLASSIFIED', ['LIMDIS'])).toBe('UNCLASSIFIED//LIMDIS')
    expect(classificationLabel('SBU', [])).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    expect(classificationLabel('SBU', ['NOFORN'])).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY/NOFORN')
    // caveats that restrict nobody are not part of the label
    expect(classificationLabel('CONFIDENTIAL', ['FGI', 'SIPDIS'])).toBe('CONFIDENTIAL')
    // the publisher's vocabulary stays what it is (NOFORN alone), for comparisons with its metadata
    expect(publisherClassification('CONFIDENTIAL', ['ORCON', 'NOFORN'])).toBe('CONFIDENTIAL//NOFORN')
    expect(overallClassification('CONFIDENTIAL', ['ORCON', 'NOFORN', 'SIPDIS'])).toBe('CONFIDENTIAL//ORCON/NOFORN')
    expect(overallClassification('SECRET', ['CHEROKEE'])).toBe('SECRET//NODIS/CHEROKEE')
    expect(overallClassification('UNCLASSIFIED', ['SENSITIVE'])).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
  })

  it('should read back to the level and caveats it was written from (property)', () => {
    const levels = Object.keys(LEVEL_RANK) as Level[]
    fc.assert(
      fc.property(fc.constantFrom(...levels), fc.subarray([...RESTRICTIVE_CAVEATS]), (level, caveats) => {
        const label = classificationLabel(level, caveats)
        const read = parseMarking(label)
        expect(read.ok, label).toBe(true)
        if (!read.ok) return
        expect(read.parts.level).toBe(level)
        expect([...read.parts.caveats].filter((c) => c !== 'FOUO').sort()).toEqual([...caveats].sort())
        // written once, in one order, whatever order the caveats came in
        expect(classificationLabel(level, [...caveats].reverse())).toBe(label)
      }),
      { numRuns: 300 },
    )
  })

  it('should give a cable captioned ORCON and NOFORN the label ORCON/NOFORN in the parser, the record and the rendering', () => {
    const text = captionedCable(['ORCON', 'NOFORN'])
    const cable = parseCable(text)
    expect(cable.classification).toBe('CONFIDENTIAL//ORCON/NOFORN')
    expect(cableAccess(cable)).toEqual({ level: 2, caveats: ['NOFORN', 'ORCON'], classification: 'CONFIDENTIAL//ORCON/NOFORN' })
    const record = toCableRecord(cable, text, SOURCE)
    expect([record.classification, record.level, record.caveats]).toEqual(['CONFIDENTIAL//ORCON/NOFORN', 2, ['NOFORN', 'ORCON']])
    // a reader without ORCON is told what the portions are marked and what he lacks, in the same terms
    const unmarked = text.replace('QUILL', '3. The minister left for the coast.\n\nQUILL')
    const r = redactText(unmarked, { level: 3, caveats: ['NOFORN'] })
    expect(r.withheld.find((w) => w.portion === 'paragraph 3')?.reason).toBe('unmarked: treated as the overall CONFIDENTIAL//ORCON/NOFORN, needs ORCON')
    // captions on one line, and State's distribution captions too
    expect(parseCable(captionedCable(['NOFORN ORCON'])).classification).toBe('CONFIDENTIAL//ORCON/NOFORN')
    expect(toCableRecord(parseCable(captionedCable(['EXDIS'])), captionedCable(['EXDIS']), SOURCE).classification).toBe('CONFIDENTIAL//EXDIS')
    expect(parseCable(captionedCable(['NOFORN', 'SIPDIS'])).classification).toBe('CONFIDENTIAL//NOFORN')
    expect(parseCable(captionedCable(['SIPDIS'])).classification).toBe('CONFIDENTIAL')
  })

  it('should carry a caveat a portion states up into the label of the whole cable', () => {
    const text = captionedCable(['SIPDIS']).replace('1. (C) The water', '1. (C//OC) The water')
    const record = toCableRecord(parseCable(text), text, SOURCE)
    expect([record.classification, record.caveats]).toEqual(['CONFIDENTIAL//ORCON', ['ORCON']])
  })
})
