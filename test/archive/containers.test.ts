import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { cableAccess, UNREADABLE_MARKING_LABEL } from '../../src/archive/cable-access.js'
import { csvRowText } from '../../src/format/container.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { withoutSpans } from '../format/fixtures.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-containers-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

// Synthetic cables.csv rows (invented post MORVALE, invented text): `\"` escapes and ` \` line continuations.
const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
const continued = (s: string) => s.split('\n').map((l, i, a) => (i < a.length - 1 ? `${l} \\` : l)).join('\n')
const row = (n: number, date: string, refid: string, header: string, body: string) =>
  [String(n), date, refid, 'Embassy Morvale', 'UNCLASSIFIED', '', header, body].map(q).join(',') + '\n'

const header = 'R 111030Z MAR 09\nFM AMEMBASSY MORVALE\nTO SECSTATE WASHDC 0001\n'
const body = 'UNCLAS MORVALE 000456\n\nE.O. 12958: N/A\nTAGS: ECON, XY\nSUBJECT: INVENTED "FAIR" TEXT\n\nREF: MORVALE 123\n\n1. Invented text about C:\\TEMP.\n\nNOBODY\n'
const rowContinued = row(1, '03/11/2009 10:30', '09MORVALE456', continued(header), continued(body))
const bodyNoHeader = 'UNCLAS MORVALE 000777\n\nE.O. 12958: DECL: 02/10/2020\nTAGS: PREL, XY\nSUBJECT: INVENTED NO DTG\n\n1. Invented text.\n\nNOBODY\n'
const rowNoDtg = row(2, '02/10/2010 12:00', '10MORVALE777', '', bodyNoHeader)

describe('one decoder for a cables.csv row', () => {
  it('should remove ` \\` continuations and keep escaped quotes and backslashes', () => {
    expect(csvRowText({ header: continued(header), body: continued(body) })).toBe(`${header}\n\n${body}`)
    const c = parseCable(rowContinued)
    expect(c.subject).toBe('INVENTED "FAIR" TEXT')
    expect(c.date).toBe('2009-03-11T10:30:00Z')
    expect(c.references.map((r) => r.id)).toEqual(['09MORVALE123'])
    expect(c.paragraphs[0].text).toBe('Invented text about C:\\TEMP.')
    expect(c.signers).toEqual(['NOBODY'])
  })

  it('should store what `cable parse` reads from the same row', async () => {
    const dir = join(root, 'csv')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'rows.csv'), rowContinued + rowNoDtg)
    const store = openSqliteStore(join(root, 'csv.db'))
    await importArchive(store, [dir])
    for (const [id, text] of [['09MORVALE456', rowContinued], ['10MORVALE777', rowNoDtg]] as const) {
      const parsed = parseCable(text)
      const stored = await store.getCable(id)
      expect(stored?.text).toBe(parsed.segments.map((s) => s.raw).join(''))
      expect(stored?.subject).toBe(parsed.subject)
      expect(stored?.date).toBe(parsed.date)
      expect(stored?.origin).toBe(parsed.origin)
      expect(stored?.references.map((r) => r.id)).toEqual(parsed.references.map((r) => r.id))
    }
    await store.close()
  })
})

describe('container metadata for the fields the text lacks', () => {
  it('should date a row without a DTG from its date column, marked as from the container', () => {
    const c = parseCable(rowNoDtg)
    expect(c.date).toBe('2010-02-10T12:00:00Z')
    expect(c.dateSource).toEqual({ basis: 'container', from: ['csv:date'], precision: 'minute' })
    expect(c.id).toBe('10MORVALE777')
    expect(c.origin).toBe('AMEMBASSY MORVALE')
    expect(c.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['DATE_FROM_CONTAINER', 'ORIGIN_FROM_CONTAINER', 'ID_FROM_METADATA']))
    expect(c.diagnostics.map((d) => d.code)).not.toContain('DATE_INFERRED')
  })

  it('should take an HTML page’s Created for a text without a DTG', () => {
    const page = `<html><body><table><tr><th>Reference ID</th><th>Created</th><th>Origin</th></tr><tr><td>10MORVALE777</td><td>2010-02-10 12:00</td><td>Embassy Morvale</td></tr></table><pre></pre><pre>${bodyNoHeader}</pre></body></html>`
    const c = parseCable(page)
    expect(c.date).toBe('2010-02-10T12:00:00Z')
    expect(c.dateSource).toEqual({ basis: 'container', from: ['html:Created'], precision: 'minute' })
  })

  it('should read an HTML page’s text as a browser shows it, comments removed', () => {
    const marked = 'C O N F I D E N T I A L MORVALE 000778\n\nSUBJECT: (C) INVENTED\n\n1. (C) Open words.\n\n2. (S<!-- a note -->) Hidden words.\n\n3. (C<!-- unclosed) more\nNOBODY\n'
    const page = `<html><body><table><tr><th>Reference ID</th><th>Created</th></tr><tr><td>10MORVALE778</td><td>2010-02-10 12:00</td></tr></table><pre></pre><pre>${marked}</pre></body></html>`
    const c = parseCable(page)
    const text = c.segments.map((s) => s.raw).join('')
    expect(text).toContain('2. (S) Hidden words.')
    expect(text).not.toContain('<!--')
    expect(text).toContain('3. (C')
    expect(text).not.toContain('unclosed')
    expect(c.paragraphs.find((p) => p.number === 2)?.marking).toBe('S')
  })

  it('should decode every HTML5 character reference and drop every tag, processing instruction and declaration, as a browser does', () => {
    const page = (para2: string) =>
      `<html><body><table><tr><th>Reference ID</th><th>Created</th></tr><tr><td>10MORVALE779</td><td>2010-02-10 12:00</td></tr></table><pre></pre><pre>C O N F I D E N T I A L MORVALE 000779\n\nSUBJECT: (C) INVENTED\n\n1. (C) Open words.\n\n2. ${para2} Hidden words.\n\nNOBODY\n</pre></body></html>`
    const shown = (para2: string) => {
      const c = parseCable(page(para2))
      return { text: c.segments.map((s) => s.raw).join(''), mark: c.paragraphs.find((p) => p.number === 2)?.marking ?? null, cable: c }
    }
    // the mark a reader of the page sees, whatever markup stands inside it
    for (const written of ['&lpar;S&rpar;', '(S<wbr>)', '(S</x>)', '(S<?x?>)', '(S<!x>)', '(<b>S</b>)', '(S&#41;', '&#40;S&#x29;']) {
      const r = shown(written)
      expect(r.text, written).toContain('2. (S) Hidden words.')
      expect(r.mark, written).toBe('S')
    }
    // named references to invisible characters decode to them, so the mark they sit in is a disguised one
    for (const written of ['(S&shy;)', '(S&NoBreak;)', '(S&ZeroWidthSpace;)']) {
      const r = shown(written)
      expect(r.text, written).not.toContain('&')
      expect(cableAccess(r.cable), written).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
    }
    // text that is no markup stays: an escaped bracket, a lone ampersand, a lone less-than sign
    expect(shown('(C) A &lt;b&gt; tag, AT&T and 3 < 4.').text).toContain('2. (C) A <b> tag, AT&T and 3 < 4. Hidden words.')
  })

  it('should file a page whose cable text holds markup that can hide text as a cable whose marking is not understood', () => {
    const page = (para2: string) =>
      `<html><head><link rel="stylesheet" href="/site.css"></head><body><pre>C O N F I D E N T I A L MORVALE 000780\n\nSUBJECT: (C) INVENTED\n\n1. (C) <a href="/cable/x">Open</a> words.\n\n2. ${para2} Hidden words.\n\nNOBODY\n</pre></body></html>`
    for (const written of ['(S<span style="display:none">x</span>)', '(S<span class="h">x</span>)', '(S<b hidden>x</b>)', '(S<script>x</script>)', '(S<img src=x>)']) {
      const c = parseCable(page(written))
      expect(c.diagnostics.map((d) => d.code), written).toContain('HTML_HIDDEN_TEXT')
      expect(cableAccess(c), written).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
    }
    // a page's own stylesheet and links inside the text hide nothing of it
    const plain = parseCable(page('(S)'))
    expect(plain.diagnostics.map((d) => d.code)).not.toContain('HTML_HIDDEN_TEXT')
    expect(cableAccess(plain)).toMatchObject({ level: 3, classification: 'SECRET' })
  })

  it('should never let the container override a date the text states', () => {
    const c = parseCable(row(3, '01/01/2001 00:00', '09MORVALE456', header, body))
    expect(c.date).toBe('2009-03-11T10:30:00Z')
    expect(c.dateSource?.basis).toBe('read')
  })

  it('should put a container-dated cable in date filters and date order', async () => {
    const dir = join(root, 'dates')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'rows.csv'), rowNoDtg + rowContinued)
    const store = openSqliteStore(join(root, 'dates.db'))
    await importArchive(store, [dir])
    const ids = async (q: string) => {
      const out: (string | null)[] = []
      for await (const h of store.search(parseQuery(q), { sort: 'date' })) out.push(h.id)
      return out
    }
    expect(await ids('date:2010-02')).toEqual(['10MORVALE777'])
    expect(await ids('date:2009..2010')).toEqual(['09MORVALE456', '10MORVALE777'])
    await store.close()
  })
})

// A synthetic tab-separated row (invented posts QUORIN and VELLORA) after a copy of its first header lines, the
// shape some Cablegate mirrors' pages hold: date, refid, origin, classification, references, header, body.
describe('a tab-separated row, alone or after a copy of its envelope', () => {
  const page = readFileSync(join(import.meta.dirname, '../fixtures/tab-row-after-envelope.txt'), 'utf8')
  const rowAt = page.indexOf('2007-11-08 14:05:00\t')

  it('should read the row: its continuations removed, its columns as container metadata, the page kept whole', () => {
    const c = parseCable(page)
    expect(c.container?.rendering).toBe('tsv')
    expect(c.container?.metadata).toEqual({
      date: '2007-11-08 14:05:00',
      refid: '07QUORIN611',
      origin: 'Embassy Quorin',
      classification: 'CONFIDENTIAL',
      references: '07QUORIN598',
    })
    expect(c).toMatchObject({ id: '07QUORIN611', origin: 'AMEMBASSY QUORIN', classification: 'CONFIDENTIAL', subject: 'QUORIN: HARBOUR TOLLS RISE AGAIN' })
    expect(c.date).toBe('2007-11-08T14:05:00Z')
    expect(c.dateSource?.basis).toBe('read')
    expect(c.tags).toEqual(['PREL', 'ECON', 'QN'])
    expect(c.references.map((r) => r.id)).toEqual(['07QUORIN598'])
    // a tab inside the body column is text, not a column break
    expect(c.paragraphs.map((p) => p.text)).toEqual(['Summary: the port authority doubled the harbour tolls. End summary.', 'The chamber of commerce objected.\tIt wrote twice.'])
    expect(c.signers).toEqual(['TESTER'])
    expect(c.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    expect(c.diagnostics.map((d) => d.code)).toContain('CONTAINER_PREFIX')
    expect(renderLossless(c)).toBe(page)
  })

  it('should read the same fields from the row without the copy before it', () => {
    const alone = parseCable(page.slice(rowAt))
    const after = parseCable(page)
    expect(withoutSpans({ ...alone, container: null, diagnostics: [] })).toEqual(withoutSpans({ ...after, container: null, diagnostics: [] }))
    expect(alone.diagnostics.map((d) => d.code)).not.toContain('CONTAINER_PREFIX')
  })

  it('should warn when the lines before the row are not a copy of its text, and still read the row', () => {
    const c = parseCable(`SOMETHING ELSE ENTIRELY\n${page.slice(rowAt)}`)
    expect(c.id).toBe('07QUORIN611')
    expect(c.diagnostics.find((d) => d.code === 'UNPLACED_TEXT')?.severity).toBe('warning')
  })

  it('should date a row without a DTG from its date column', () => {
    const row = '2009-02-10 12:00:00\t09VELLORA77\tEmbassy Vellora\tUNCLASSIFIED\t\t\\\n\tUNCLAS VELLORA 000077 \\\n \\\nSUBJECT: INVENTED \\\n \\\n1. Invented text. \\\n'
    const c = parseCable(row)
    expect(c.id).toBe('09VELLORA77')
    expect(c.date).toBe('2009-02-10T12:00:00Z')
    expect(c.dateSource).toEqual({ basis: 'container', from: ['tsv:date'], precision: 'minute' })
    expect(c.subject).toBe('INVENTED')
  })

  it('should leave a telegram alone whose text holds tab-separated lines that are no row', () => {
    const text = 'UNCLAS VELLORA 000078\n\nSUBJECT: A TABLE\n\n1. Figures:\n2009-02-10 12:00:00\tTOTAL\t12\t13\t14\tfive\n'
    const c = parseCable(text)
    expect(c.container).toBeNull()
    expect(c.subject).toBe('A TABLE')
  })

  it('should store what `cable parse` reads from the page, as a tsv source', async () => {
    const dir = join(root, 'tsv')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, '07QUORIN611.txt'), page)
    const store = openSqliteStore(join(root, 'tsv.db'))
    await importArchive(store, [dir])
    const parsed = parseCable(page)
    const stored = await store.getCable('07QUORIN611')
    expect(stored?.text).toBe(parsed.segments.map((s) => s.raw).join(''))
    expect(stored?.text).not.toContain('\\\n')
    expect(stored?.subject).toBe(parsed.subject)
    expect(stored?.sources.map((s) => s.rendering)).toEqual(['tsv'])
    await store.close()
  })
})
