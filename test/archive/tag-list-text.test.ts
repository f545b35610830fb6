import { describe, expect, it } from 'vitest'
import { recordTags, tagListText } from '../../src/archive/record-fields.js'
import { parseCable } from '../../src/format/parse.js'

// A synthetic cable (invented post QUORIN, invented text).
const cable = (tags: string) => ['R 011200Z JUN 05', 'FM AMEMBASSY QUORIN', 'TO SECSTATE WASHDC 1001', '', 'UNCLAS QUORIN 000777', '', 'E.O. 12958: N/A', tags, 'SUBJECT: INVENTED', '', '1. Invented text.', '', 'NOBODY', ''].join('\n')

describe('TAGS as the archive stores and prints them (QA 13, finding 06)', () => {
  it('keeps a multi-word entry as written, upper-cased with one blank inside, and a hyphen as a hyphen', () => {
    expect(recordTags(parseCable(cable('Tags: phum, Human   Rights, kpal-isr, ovip (doe, jane)')))).toEqual(['PHUM', 'HUMAN RIGHTS', 'KPAL-ISR', 'OVIP (DOE, JANE)'])
    expect(recordTags(parseCable(cable('TAGS: PREL, prel, XY')))).toEqual(['PREL', 'XY'])
  })
  it('prints a list of codes space-joined and a list with a multi-word entry comma-joined', () => {
    expect(tagListText(['PREL', 'PGOV', 'XY'])).toBe('PREL PGOV XY')
    expect(tagListText(['PHUM', 'HUMAN RIGHTS', 'XY'])).toBe('PHUM, HUMAN RIGHTS, XY')
    expect(tagListText([])).toBe('')
  })
})
