import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { formatDisagreements, measureAgreement, type AgreementResult } from '../../bench/corpus/agreement.js'
import { corpusDir, readManifest } from '../../bench/corpus/corpus-files.js'
import { parseCable } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import { renderLossless } from '../../src/format/render-lossless.js'

const dir = corpusDir()
const listing = join(import.meta.dirname, 'disagreements.tsv')

describe.skipIf(!dir)('corpus (../shared/corpus: 5,202 Cablegate cables, publisher manifest)', () => {
  let result: AgreementResult

  beforeAll(() => {
    result = measureAgreement(dir!, readManifest(dir!))
  })

  it('should parse every cable without an internal error', () => {
    expect(result.internalErrors).toEqual([])
  })

  it('should round-trip every cable byte for byte', () => {
    expect(result.cables).toBeGreaterThan(5000)
    expect(result.roundTripFailures).toEqual([])
  })

  it('should agree with the publisher on id and origin for at least 99.5 % of cables', () => {
    expect(result.agree.id / result.cables).toBeGreaterThanOrEqual(0.995)
    expect(result.agree.origin / result.cables).toBeGreaterThanOrEqual(0.995)
  })

  it('should agree on classification wherever the text marks what the publisher states (98.7 % overall)', () => {
    // the rest are listed: NOFORN the text never marks, captions the publisher ignored (see disagreements.tsv)
    expect(result.agree.classification / result.cables).toBeGreaterThanOrEqual(0.985)
  })

  it('should agree on the creation day for at least 99.5 % of the cables whose text states a date', () => {
    expect(result.dates.readAgree / result.dates.read).toBeGreaterThanOrEqual(0.995)
  })

  it('should date at least 99.5 % of cables in agreement with the publisher, inferred dates at their stated precision', () => {
    expect(result.agree.date / result.cables).toBeGreaterThanOrEqual(0.995)
    expect(result.dates.inferred).toBeGreaterThan(400)
    expect(result.dates.inferredAgree / result.dates.inferred).toBeGreaterThanOrEqual(0.95)
  })

  it('should agree on the classification level (caveats aside) for at least 99.5 % of cables', () => {
    expect(result.agree.level / result.cables).toBeGreaterThanOrEqual(0.995)
  })

  it('should list every disagreement, with its reason, in test/corpus/disagreements.tsv', () => {
    // regenerate with `npm run corpus:report` after a parser change, and read the diff
    expect(formatDisagreements(result.disagreements)).toBe(readFileSync(listing, 'utf8'))
  })

  it('should read back the fields of (nearly) every cable from its canonical rendering', () => {
    // canonical text is a standard telegram: re-wrapped, keywords normalised; what it changes is measured here
    const keys = ['id', 'date', 'origin', 'classification', 'captions', 'tags', 'subject', 'to', 'info', 'references', 'paragraphs', 'signers', 'eo', 'precedence'] as const
    // the telegram profile re-wraps paragraph text, so runs of spaces inside it are compared as one
    const strip = (v: unknown) => JSON.stringify(v, (k, x) => (k === 'span' ? undefined : k === 'text' && typeof x === 'string' ? x.replace(/\s+/g, ' ') : x))
    const changed = Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>
    const manifest = readManifest(dir!)
    for (const m of manifest) {
      const a = parseCable(readFileSync(join(dir!, m.file), 'utf8'), { hint: { id: m.id } })
      const b = parseCable(renderCanonical(a), { hint: { id: m.id } })
      for (const k of keys) if (strip(a[k]) !== strip(b[k])) changed[k]++
    }
    for (const k of keys) expect(changed[k] / manifest.length, k).toBeLessThan(0.01)
  })

  it('should parse the seed as issue #2 states', () => {
    const text = readFileSync(join(dir!, 'seed/09STATE99704.txt'), 'utf8')
    const c = parseCable(text)
    expect(c).toMatchObject({
      id: '09STATE99704',
      date: '2009-09-24T19:36:00Z',
      origin: 'SECSTATE WASHDC',
      precedence: 'IMMEDIATE',
      classification: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY',
      captions: ['SENSITIVE', 'SIPDIS'],
      tags: ['PREL', 'TI', 'ZK', 'AF'],
      to: [{ route: 'RUEHDBU', name: 'AMEMBASSY DUSHANBE', precedence: 'IMMEDIATE', serial: '1302', excluded: null }],
      info: [{ route: null, name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', precedence: 'IMMEDIATE', serial: null, excluded: [] }],
      signers: ['CLINTON'],
      sections: 2,
      eo: { order: '12958', declassify: 'N/A' },
    })
    expect(c.paragraphs.map((p) => [p.number, p.marking])).toEqual([
      [1, 'U'], [2, 'U'], [3, 'SBU'], [4, 'SBU'], [5, 'SBU'], [6, 'SBU'], [7, 'SBU'], [8, 'SBU'], [9, 'SBU'], [10, 'SBU'], [11, 'SBU'],
    ])
    expect(renderLossless(c)).toBe(text)
    expect(renderCanonical(c)).toBe(text)
    expect(c.diagnostics).toEqual([])
  })
})
