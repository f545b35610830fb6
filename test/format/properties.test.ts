import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { composeCable, type ComposeFields } from '../../src/format/compose.js'
import type { Addressee } from '../../src/format/model.js'
import { parseCable } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { fixture, withoutSpans } from './fixtures.js'

const word = fc.constantFrom('the', 'minister', 'said', 'talks', 'would', 'resume', 'in', 'spring', 'embassy', 'officials', 'trade', 'border', 'security', 'with', 'new', 'funding', 'agreed', 'to', 'meet', 'again')
const sentence = fc.array(word, { minLength: 3, maxLength: 40 }).map((w) => `${w.join(' ')}.`.replace(/^./, (c) => c.toUpperCase()))
const upperWords = fc.array(fc.constantFrom('TRADE', 'TALKS', 'MINISTER', 'VISIT', 'BORDER', 'SECURITY', 'ELECTIONS', 'ENERGY', 'PIPELINE'), { minLength: 2, maxLength: 14 }).map((w) => w.join(' '))
const post = fc.constantFrom(
  ['RUEHDBU', 'AMEMBASSY DUSHANBE'],
  ['RUEHBN', 'AMEMBASSY BERN'],
  ['RUEHSO', 'AMCONSUL SAO PAULO'],
  ['RUEHFR', 'AMEMBASSY PARIS'],
)
const precedence = fc.constantFrom('FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE') as fc.Arbitrary<Addressee['precedence'] & string>
const addressee: fc.Arbitrary<Addressee> = fc.record({
  p: post,
  precedence: fc.option(precedence, { nil: null }),
  serial: fc.option(fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, '0')), { nil: null }),
  withRoute: fc.boolean(),
}).map(({ p, precedence, serial, withRoute }) => ({ route: withRoute ? p[0] : null, name: p[1], precedence, serial, excluded: null }))
const collective: fc.Arbitrary<Addressee> = fc.record({
  name: fc.constantFrom('ALL SOUTH AND CENTRAL ASIA COLLECTIVE', 'EUROPEAN POLITICAL COLLECTIVE'),
  precedence: fc.option(precedence, { nil: null }),
  excluded: fc.subarray(['AMEMBASSY SOFIA', 'AMEMBASSY BUCHAREST']),
}).map((c) => ({ route: null, name: c.name, precedence: c.precedence, serial: null, excluded: c.excluded }))

const level = fc.constantFrom('UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET') as fc.Arbitrary<'UNCLASSIFIED' | 'CONFIDENTIAL' | 'SECRET'>
const fields: fc.Arbitrary<ComposeFields> = fc
  .record({
    date: fc.date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2010-12-31T23:59:00Z'), noInvalidDate: true }),
    precedence,
    from: fc.constantFrom(['SECSTATE WASHDC', 'STATE'], ['AMEMBASSY BERN', 'BERN'], ['AMCONSUL SAO PAULO', 'SAO PAULO']),
    serial: fc.integer({ min: 1, max: 999999 }),
    level,
    captions: fc.subarray(['NOFORN', 'SIPDIS']),
    to: fc.array(addressee, { minLength: 1, maxLength: 3 }),
    info: fc.array(fc.oneof(addressee, collective), { maxLength: 3 }),
    tags: fc.array(fc.constantFrom('PREL', 'PGOV', 'ECON', 'ETRD', 'KNNP', 'TI', 'SZ', 'BR'), { minLength: 1, maxLength: 6 }),
    subjectText: upperWords,
    refs: fc.array(fc.tuple(fc.constantFrom('STATE', 'BERN', 'PARIS'), fc.integer({ min: 1, max: 99999 })), { maxLength: 3 }),
    paragraphs: fc.array(fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')), { minLength: 1, maxLength: 8 }),
    signer: fc.constantFrom('CLINTON', 'RICE', 'EXAMPLE'),
    profile: fc.constantFrom('web', 'telegram') as fc.Arbitrary<'web' | 'telegram'>,
  })
  .map((g) => {
    const mark = g.level === 'UNCLASSIFIED' ? 'U' : g.level === 'CONFIDENTIAL' ? 'C' : 'S'
    const classified = g.level !== 'UNCLASSIFIED'
    const declYear = g.date.getUTCFullYear() + 10
    return {
      date: new Date(Math.floor(g.date.getTime() / 60000) * 60000).toISOString(),
      precedence: g.precedence,
      from: g.from[0],
      mrnOrigin: g.from[1],
      serial: g.serial,
      level: g.level,
      captions: g.captions,
      to: g.to,
      info: g.info,
      eo: { order: '12958', declassify: classified ? `${declYear}-06-15` : 'N/A' },
      tags: g.tags,
      subject: { marking: mark, text: g.subjectText },
      references: g.refs.map(([o, n]) => ({ text: `${o} ${n}` })),
      classifiedBy: classified ? 'Pat Example, Political Officer, reasons 1.4 (b) and (d)' : null,
      paragraphs: g.paragraphs.map((text) => ({ marking: mark, text })),
      signers: [g.signer],
      profile: g.profile,
    } satisfies ComposeFields
  })

const FIELDS = ['id', 'date', 'origin', 'precedence', 'classification', 'captions', 'tags', 'subject', 'to', 'info', 'references', 'paragraphs', 'signers', 'eo', 'sections'] as const

describe('properties', () => {
  it('should never throw, and keep every byte, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const c = parseCable(text)
        expect(renderLossless(c)).toBe(text)
      }),
      { numRuns: 500 },
    )
  })

  it('should never throw on line soups made of telegram constructs', () => {
    const parts = fixture('wire-confidential.txt').split('\n').concat(fixture('telegram-secret-noforn.txt').split('\n'), ['', '¶', 'REF:', 'TAGS', 'PAGE 02', 'XMT'])
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol)
        const c = parseCable(text)
        expect(renderLossless(c)).toBe(text)
        expect(typeof renderCanonical(c)).toBe('string')
      }),
      { numRuns: 500 },
    )
  })

  it('should read back every field of a generated cable from its canonical rendering', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const composed = composeCable(f)
        const text = renderCanonical(composed)
        const parsed = parseCable(text)
        for (const k of FIELDS) expect([k, withoutSpans(parsed[k])]).toEqual([k, withoutSpans(expected(composed, k))])
        expect(renderCanonical(parsed)).toBe(text)
      }),
      { numRuns: 300 },
    )
  })
})

/**
 * What the parser must find: the composed fields, with REF ids resolved in the cable's year, or the year before
 * for a higher serial of the cable's own post (serials run up through a year, spec §6).
 */
function expected(c: ReturnType<typeof composeCable>, k: (typeof FIELDS)[number]) {
  if (k === 'references') {
    const [, yy, ownOrigin, ownSerial] = /^(\d\d)([A-Z]+)(\d+)$/.exec(c.id!)!
    const before = String((Number(yy) + 99) % 100).padStart(2, '0')
    const block = c.body.find((b) => b.type === 'ref')
    if (!block || block.type !== 'ref') return []
    return [...block.text.slice(5).matchAll(/(?:([A-Z])\. )?([A-Z]+) (\d+)/g)].map((m) => {
      const later = m[2] === ownOrigin && Number(m[3]) > Number(ownSerial)
      const id = `${later ? before : yy}${m[2]}${m[3]}`
      // a cable naming itself is no citation of itself
      return { letter: m[1] ?? null, id: id === c.id ? null : id, text: `${m[2]} ${m[3]}`, kind: id === c.id ? 'self' : 'cable' }
    })
  }
  if (k === 'eo') {
    const block = c.body.find((b) => b.type === 'eo')
    const decl = block && block.type === 'eo' ? block.text : ''
    return { order: '12958', declassify: /N\/A/.test(decl) ? 'N/A' : /(\d\d)\/(\d\d)\/(\d{4})/.exec(decl)!.slice(1).reverse().join('-').replace(/^(\d{4})-(\d\d)-(\d\d)$/, '$1-$3-$2') }
  }
  return c[k]
}
