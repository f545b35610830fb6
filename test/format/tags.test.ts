import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TAG_TABLE } from '../../src/format/data/tag-table.js'
import { parseCable } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic cables (invented post MORVALE, invented text).
const cable = (tags: string) => `R 011200Z JUN 05
FM AMEMBASSY MORVALE
TO SECSTATE WASHDC 1001

UNCLAS MORVALE 000777

E.O. 12958: N/A
${tags}
SUBJECT: INVENTED TAGS TEST

1. Invented text.
`

const tagsOf = (line: string) => {
  const c = parseCable(cable(line))
  expect(renderLossless(c)).toBe(cable(line))
  return c.tags
}

describe('TAGS with multi-word entries', () => {
  it('should keep comma-delimited phrases whole', () => {
    expect(tagsOf('TAGS: PREL, XY, REFUGEE RETURNS, BORDER POLICE, CONSULAR AFFAIRS')).toEqual(['PREL', 'XY', 'REFUGEE RETURNS', 'BORDER POLICE', 'CONSULAR AFFAIRS'])
    expect(tagsOf('TAGS: PHUM; Human Rights; KDEM')).toEqual(['PHUM', 'Human Rights', 'KDEM'])
  })

  it('should join a phrase wrapped onto the next line', () => {
    expect(tagsOf('TAGS: PGOV, ELECTION\n      MONITORING, XY')).toEqual(['PGOV', 'ELECTION MONITORING', 'XY'])
  })

  it('should still split codes written with spaces inside a comma list', () => {
    expect(tagsOf('TAGS: PREL PGOV, XY')).toEqual(['PREL', 'PGOV', 'XY'])
    expect(tagsOf('TAGS: PREL PGOV, HUMAN RIGHTS, XY')).toEqual(['PREL', 'PGOV', 'HUMAN RIGHTS', 'XY'])
  })

  it('should end the list where running text starts: no facet carries body text (spec §5.7, re-QA L3)', () => {
    // a date, a sentence, a portion mark: no TAG has that shape
    expect(tagsOf('TAGS: 19 AUGUST 2005, XY')).toEqual([])
    expect(tagsOf('TAGS: PREL XY DISCUSS TALKS AND OTHER ISSUES')).toEqual(['PREL', 'XY'])
    expect(tagsOf('TAGS: PREL XY THE MINISTER WILL RESIGN')).toEqual(['PREL', 'XY'])
    expect(tagsOf('TAGS: PREL XY MINISTER QUILL RESIGNS ON MONDAY')).toEqual(['PREL', 'XY'])
    expect(tagsOf('TAGS: PREL XY (S) THE PLAN')).toEqual(['PREL', 'XY'])
    // names and phrases of a few words stay tags, so do two-letter codes that are English words (TO Togo)
    expect(tagsOf('TAGS: PREL TO XY DOE JOHN')).toEqual(['PREL', 'TO', 'XY', 'DOE', 'JOHN'])
    expect(tagsOf('TAGS: PREL, XY, DOE, JOHN')).toEqual(['PREL', 'XY', 'DOE', 'JOHN'])
  })

  it('should resolve a spaced phrase against the TAGS table only where one tag means it', () => {
    expect(tagsOf('TAGS: PREL HUMAN RIGHTS XY')).toEqual(['PREL', 'HUMAN RIGHTS', 'XY'])
    // no tag means "BORDER POLICE": without commas the words stay apart
    expect(tagsOf('TAGS: PREL BORDER POLICE XY')).toEqual(['PREL', 'BORDER', 'POLICE', 'XY'])
  })
})

describe('the TAGS table in src/format', () => {
  it('should hold every code, meaning and kind of data/tags.tsv', () => {
    const rows = readFileSync(join(import.meta.dirname, '../../data/tags.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.split('\t'))
      .map(([code, kind, meaning]) => [code, meaning, kind])
    expect(TAG_TABLE.map(([c, m, k]) => [c, m, k])).toEqual(rows)
  })
})

describe('TAGS entries with AND and parenthesised persons (QA 13, finding 07)', () => {
  it('keeps an entry of a comma list whose words are joined by AND', () => {
    expect(tagsOf('TAGS: PREL, PGOV, XY, TRADE AND INVESTMENT PROMOTION')).toEqual(['PREL', 'PGOV', 'XY', 'TRADE AND INVESTMENT PROMOTION'])
    expect(tagsOf('TAGS: PREL, PGOV, XY, TRADE AND INVESTMENT')).toEqual(['PREL', 'PGOV', 'XY', 'TRADE AND INVESTMENT'])
    expect(tagsOf('TAGS: ECON, FISHERIES AND OCEANS, XY')).toEqual(['ECON', 'FISHERIES AND OCEANS', 'XY'])
    expect(tagsOf('Tags: econ; science and technology; xy')).toEqual(['econ', 'science and technology', 'xy'])
  })
  it('reads AND opening the last entry of a comma list as the conjunction, not as a tag', () => {
    expect(tagsOf('TAGS: PREL, PGOV, AND XY')).toEqual(['PREL', 'PGOV', 'XY'])
    expect(tagsOf('TAGS: PREL, and ECON')).toEqual(['PREL', 'ECON'])
  })
  it('still ends the list at running text with AND after a code or in a space-delimited list', () => {
    expect(tagsOf('TAGS: PREL, XY DISCUSS TALKS AND OTHER ISSUES')).toEqual(['PREL', 'XY'])
    expect(tagsOf('TAGS: PREL XY DISCUSS TALKS AND OTHER ISSUES')).toEqual(['PREL', 'XY'])
  })
  it('keeps a parenthesised person with the subject code before it and never splits at its inner comma', () => {
    expect(tagsOf('TAGS: PREL PGOV OVIP (DOE, JANE)')).toEqual(['PREL', 'PGOV', 'OVIP (DOE, JANE)'])
    expect(tagsOf('TAGS: KPAL, XY, BORDER TALKS, OVIP (DOE, JANE Q.)')).toEqual(['KPAL', 'XY', 'BORDER TALKS', 'OVIP (DOE, JANE Q.)'])
    expect(tagsOf('TAGS: OVIP (ROE, RICHARD), PREL, XY')).toEqual(['OVIP (ROE, RICHARD)', 'PREL', 'XY'])
    expect(tagsOf('Tags: ovip (roe, richard), prel')).toEqual(['ovip (roe, richard)', 'prel'])
    // after a country code or on its own the person stays a tag of its own
    expect(tagsOf('TAGS: PREL PGOV XY (DOE, JOHN)')).toEqual(['PREL', 'PGOV', 'XY', '(DOE, JOHN)'])
    expect(tagsOf('TAGS: PREL, (DOE, JOHN), XY')).toEqual(['PREL', '(DOE, JOHN)', 'XY'])
  })
})

describe('the canonical rendering of TAGS', () => {
  it('writes a list holding a multi-word entry comma-delimited, so it reads back as the same tags', () => {
    const c = parseCable(cable('TAGS: PREL, HUMAN RIGHTS, XY'))
    const canonical = renderCanonical(c)
    expect(canonical).toMatch(/^TAGS: PREL, HUMAN RIGHTS, XY$/m)
    expect(parseCable(canonical).tags).toEqual(['PREL', 'HUMAN RIGHTS', 'XY'])
  })

  it('keeps the spaced form for one-word codes', () => {
    expect(renderCanonical(parseCable(cable('TAGS: PREL, PGOV, XY')))).toMatch(/^TAGS: PREL PGOV XY$/m)
  })
})
