/**
 * Line ends: LF, CRLF, a lone CR (old Mac files, some archive exports) and any mix of them each end a line. A text
 * read with any of them gives the fields of its LF form, and renders back losslessly byte for byte. Synthetic text.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lineFeedsOnly, splitLines, withLineFeeds } from '../../src/format/lines.js'
import type { Cable } from '../../src/format/model.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { LineIndex } from '../../src/format/span.js'
import { lintText } from '../../src/lint/index.js'

/** A synthetic SECRET cable: envelope, class line with a NOFORN caption, TAGS, a marked subject, marked paragraphs. */
const LF_CABLE = `O 121530Z MAR 09
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC IMMEDIATE 0042
INFO AMEMBASSY VELDT PRIORITY 0007

S E C R E T QUORIN 000123

NOFORN
SIPDIS

E.O. 12958: DECL: 03/12/2019
TAGS: PREL PGOV XQ
SUBJECT: (C) INVENTED TALKS ON THE WEIR TREATY

REF: A. QUORIN 000101
B. STATE 012345

Classified By: Ambassador Ada Quill, reasons 1.4 (b) and (d).

1. (C) Summary. The weir treaty talks resumed under the
chairmanship of minister Oberon Vale. End summary.

2. (S//NF) Vale privately told the Ambassador that the talks
would collapse by June.

3. (U) The treaty was signed in 1961.

QUILL
`

/** The fields without offsets (a CRLF line end is two characters, so offsets differ; lines and columns do not). */
const withoutOffsets = (fields: object) => JSON.parse(JSON.stringify(fields, (k, v) => (k === 'offset' || k === 'segmentLengths' ? undefined : v)))

/** The cable with every line end written as `end`. */
const withEnds = (text: string, end: string) => text.replace(/\n/g, end)

/** The fields of a parsed cable, everything but the segments (whose raw text keeps the input's line ends). */
const fieldsOf = (c: Cable) => {
  const { segments, ...fields } = c
  return { ...fields, segmentKinds: segments.map((s) => s.kind), segmentLengths: segments.map((s) => s.raw.length) }
}

describe('line ends', () => {
  it('should split at LF, CRLF and a lone CR, in any mix, keeping offsets', () => {
    const text = 'A\rBB\r\nC\nD\r\rE'
    const lines = splitLines(text)
    expect(lines.map((l) => l.text)).toEqual(['A', 'BB', 'C', 'D', '', 'E'])
    expect(lines.map((l) => [l.start, l.end, l.next])).toEqual([
      [0, 1, 2],
      [2, 4, 6],
      [6, 7, 8],
      [8, 9, 10],
      [10, 10, 11],
      [11, 12, 12],
    ])
    expect(lines[4].blank).toBe(true)
    // a final lone CR ends the last line, as a final LF does: an empty line follows
    expect(splitLines('A\r').map((l) => l.text)).toEqual(['A', ''])
    expect(splitLines('A\n').map((l) => l.text)).toEqual(['A', ''])
    // CRLF only: the CR belongs to the line end, not to the line
    expect(splitLines('A\r\nB').map((l) => [l.text, l.next])).toEqual([
      ['A', 3],
      ['B', 4],
    ])
    const starts: number[] = []
    splitLines(text, starts)
    expect(starts).toEqual([0, 2, 6, 8, 10, 11])
  })

  it('should place points and line texts by any line end', () => {
    const index = new LineIndex('AB\rCD\r\nEF\nGH')
    expect(index.point(3)).toEqual({ line: 2, column: 1, offset: 3 })
    expect(index.point(7)).toEqual({ line: 3, column: 1, offset: 7 })
    expect(index.point(10)).toEqual({ line: 4, column: 1, offset: 10 })
    expect([1, 2, 3, 4].map((n) => index.lineText(n))).toEqual(['AB', 'CD', 'EF', 'GH'])
  })

  it('should give every lone CR a LF of the same offset, and nothing else', () => {
    expect(lineFeedsOnly('A\rB\r\nC\r')).toBe('A\nB\r\nC\n')
    const plain = 'A\r\nB\n'
    expect(lineFeedsOnly(plain)).toBe(plain)
  })

  it('should read a CR-only cable as its LF form: header, class line, captions, TAGS, subject, references, paragraphs', () => {
    const lf = parseCable(LF_CABLE)
    const cr = withEnds(LF_CABLE, '\r')
    const c = parseCable(cr)
    // the LF reading is what the parser has always given (checked elsewhere); the CR one must be the same
    expect(lf.id).toBe('09QUORIN123')
    expect(c.id).toBe('09QUORIN123')
    expect(c.classification).toBe('SECRET//NOFORN')
    expect(c.captions).toEqual(expect.arrayContaining(['NOFORN', 'SIPDIS']))
    expect(c.tags).toEqual(['PREL', 'PGOV', 'XQ'])
    expect(c.subject).toBe('INVENTED TALKS ON THE WEIR TREATY')
    expect(c.paragraphs.map((p) => p.marking)).toEqual(['C', 'S//NF', 'U'])
    expect(c.diagnostics.filter((d) => d.code === 'CONTROL_CHARACTER')).toEqual([])
    expect(fieldsOf(c)).toEqual(fieldsOf(lf))
    expect(renderLossless(c)).toBe(cr)
  })

  it('should read a CRLF and a mixed cable as their LF form and render each back byte for byte', () => {
    const lf = withoutOffsets(fieldsOf(parseCable(LF_CABLE)))
    const crlf = withEnds(LF_CABLE, '\r\n')
    const c = parseCable(crlf)
    expect(renderLossless(c)).toBe(crlf)
    expect(c.layout.crlf).toBe(true)
    expect(withoutOffsets({ ...fieldsOf(c), layout: { ...c.layout, crlf: false } })).toEqual(lf)
    fc.assert(
      fc.property(fc.array(fc.constantFrom('\n', '\r', '\r\n'), { minLength: 64, maxLength: 64 }), (ends) => {
        // a CR ending a line before an empty one ended by LF would spell CRLF, one line end: that LF is written CRLF
        const lines = LF_CABLE.split('\n')
        let text = lines[0]
        for (let i = 1; i < lines.length; i++) {
          const prev = ends[(i - 1) % ends.length]
          const end = prev === '\n' && i >= 2 && lines[i - 1] === '' && ends[(i - 2) % ends.length] === '\r' ? '\r\n' : prev
          text += end + lines[i]
        }
        const cable = parseCable(text)
        expect(renderLossless(cable)).toBe(text)
        const fields = fieldsOf(cable)
        expect(withoutOffsets({ ...fields, layout: { ...fields.layout, crlf: false } })).toEqual(lf)
      }),
      { numRuns: 60 },
    )
  })

  it('should keep a CR-only cable byte for byte inside an HTML page too', () => {
    const page = `<html><body><table><tr><th>Reference ID</th><th>Created</th></tr><tr><td>09QUORIN123</td><td>2009-03-12 15:30</td></tr></table>\r<pre>${withEnds(LF_CABLE, '\r')}</pre></body></html>\r`
    const c = parseCable(page)
    expect(renderLossless(c)).toBe(page)
    expect(c.subject).toBe('INVENTED TALKS ON THE WEIR TREATY')
    expect(c.paragraphs).toHaveLength(3)
  })

  it('should hand readers written for LF the same offsets (withLineFeeds)', () => {
    const cr = withEnds(LF_CABLE, '\r')
    const cable = parseCable(cr)
    const read = withLineFeeds(cable, cr)
    expect(read.text).toBe(LF_CABLE)
    expect(read.cable.segments.map((s) => s.raw).join('')).toBe(LF_CABLE)
    expect(read.cable.segments.map((s) => s.raw.length)).toEqual(cable.segments.map((s) => s.raw.length))
    // the cable itself is not changed
    expect(renderLossless(cable)).toBe(cr)
    const lf = parseCable(LF_CABLE)
    expect(withLineFeeds(lf, LF_CABLE).cable).toBe(lf)
  })
})

describe('line ends in lint', () => {
  it('should find in a CR-only or mixed cable what it finds in its LF form, at the same lines and columns', () => {
    // an open SUMMARY (TXT-021) and whatever else the archive mode reports of the synthetic cable
    const open = LF_CABLE.replace('End summary.', 'And more.')
    const findings = (t: string) => lintText(t, { mode: 'archive' }).map((m) => `${m.ruleId} ${m.span.start.line}:${m.span.start.column} ${m.message}`)
    const lf = findings(open)
    expect(lf.some((f) => f.startsWith('TXT-021 '))).toBe(true)
    expect(findings(withEnds(open, '\r'))).toEqual(lf)
    expect(findings(open.replace(/\n(?=\d\.)/g, '\r'))).toEqual(lf)
  })
})
