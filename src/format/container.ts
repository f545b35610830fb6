import { decodeHTML } from 'entities'
import type { Container, Diagnostic } from './model.js'
import { readCsvRecord } from './csv-record.js'
import { emptySpan } from './span.js'

/**
 * Cable text inside another rendering: a Cablegate HTML page (metadata table and two `<pre>` blocks) or
 * a row of the community `cables.csv` (id, date, refid, origin, classification, references, header, body).
 * Returns the telegram text (header, empty line, body) and the container's own metadata.
 */
export function unwrapContainer(input: string): { text: string; container: Container; diagnostics: Diagnostic[]; hintId?: string } | null {
  const head = input.slice(0, 2048).trimStart()
  // every HTML test needs a '<' in the head: telegram text seldom has one, and indexOf is far cheaper than /i scans
  const html = head.includes('<') && (/^<(?:!doctype html|html|head|body|div|table|pre)\b/i.test(head) || (/<pre\b/i.test(head) && /<\/pre>/i.test(input)))
  if (html) {
    return unwrapHtml(input)
  }
  if (/^"?\d+"?,"?\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}"?,/.test(head)) return unwrapCsvRow(input)
  // a tab is rare in telegram text: only then is the (multi-line) row pattern tried
  if (input.includes('\t')) return unwrapTabRow(input)
  return null
}

function unwrapHtml(input: string) {
  const diagnostics: Diagnostic[] = []
  const blocks = [...input.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/gi)].map((m) => m[1])
  const pres = blocks.map((b) => decodeHtml(stripTags(b)))
  const metadata = metadataTable(input)
  if (pres.length === 0) {
    diagnostics.push({ code: 'BAD_HTML', severity: 'error', message: 'HTML page without <pre> blocks: no cable text found', span: emptySpan() })
  }
  const hiding = blocks.map((b) => HIDING_MARKUP.exec(b)).find((m) => m !== null)
  if (hiding) {
    diagnostics.push({
      code: 'HTML_HIDDEN_TEXT',
      severity: 'error',
      message: `HTML markup that can hide text or show text the page does not hold (${JSON.stringify(hiding[0].slice(0, 40))}) inside the cable's <pre> text: its portion marks cannot be read as a reader of the page sees them, so the cable is filed as one whose marking is not understood`,
      span: emptySpan(),
    })
  }
  const text = pres.length >= 2 ? `${pres[0]}\n\n${pres.slice(1).join('\n\n')}` : (pres[0] ?? '')
  return { text, container: { rendering: 'html' as const, raw: input, metadata }, diagnostics, hintId: metadata['Reference ID'] }
}

const LABELS = ['Reference ID', 'Created', 'Released', 'Classification', 'Origin']

/**
 * The page's metadata table: a row of labels (`<th>` or `<td>`) over a row of values, as Cablegate lays it
 * out, or label/value pairs side by side.
 */
function metadataTable(input: string): Record<string, string> {
  const metadata: Record<string, string> = {}
  const cellText = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim()
  const rows = [...input.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map((r) => [...r[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/gi)].map((c) => cellText(c[1])))
  for (let i = 0; i < rows.length; i++) {
    const labels = rows[i]
    if (labels.filter((l) => LABELS.includes(l.replace(/:$/, ''))).length >= 2 && rows[i + 1]?.length === labels.length) {
      labels.forEach((l, j) => {
        const value = rows[i + 1][j]
        if (value && value.length < 200) metadata[l.replace(/:$/, '')] = value
      })
      return metadata
    }
    for (let j = 0; j + 1 < labels.length; j += 2) {
      const key = labels[j].replace(/:$/, '')
      if (LABELS.includes(key) && labels[j + 1] && labels[j + 1].length < 200) metadata[key] = labels[j + 1]
    }
  }
  return metadata
}

export const CSV_COLUMNS = ['id', 'date', 'refid', 'origin', 'classification', 'references', 'header', 'body'] as const

function unwrapCsvRow(input: string) {
  const diagnostics: Diagnostic[] = []
  const step = readCsvRecord(input, 0, true)
  const fields = step && 'fields' in step ? step.fields : null
  const metadata: Record<string, string> = {}
  if (!fields || fields.length < 8) {
    diagnostics.push({
      code: 'BAD_CSV_ROW',
      severity: 'error',
      message: fields ? `CSV row has ${fields.length} columns, expected 8` : `CSV row is not readable: ${step && 'error' in step ? step.error : 'empty'}`,
      span: emptySpan(),
    })
  }
  const f = fields ?? []
  const named: Record<string, string> = {}
  CSV_COLUMNS.forEach((c, i) => {
    if (f[i] !== undefined) named[c] = f[i]
  })
  for (const [k, v] of Object.entries(named)) if (k !== 'header' && k !== 'body') metadata[k] = v
  return { text: csvRowText(named), container: { rendering: 'csv' as const, raw: input, metadata }, diagnostics, hintId: metadata.refid }
}

/**
 * The telegram text of a cables.csv row: its header and body columns joined by an empty line, with the
 * dump's ` \` line continuations removed. The one decoder of a row: `cable parse` (one row) and `cable
 * import` (a streamed file) both read rows through it. Quoted-field escapes (`\"`, `\\`) are undone by
 * the CSV reader (csv-record.ts) before.
 *
 * @example
 *   csvRowText({ header: 'R 111030Z MAR 09 \\\nFM AMEMBASSY X \\\n', body: 'UNCLAS X 000456 \\\n' })
 *   // 'R 111030Z MAR 09\nFM AMEMBASSY X\n\n\nUNCLAS X 000456\n'
 */
export function csvRowText(fields: Record<string, string | undefined>): string {
  return `${unContinue(fields['header'] ?? '')}\n\n${unContinue(fields['body'] ?? '')}`
}

/** A line that ends in a backslash (after optional blanks) continues on the next: the backslash goes. */
function unContinue(s: string): string {
  return s.includes('\\') ? s.replace(/[ \t]*\\(\r\n|\r|\n)/g, '$1') : s
}

/**
 * A tab-separated cable row (`date`, `refid`, `origin`, `classification`, `references`, header, body; the
 * header and body with ` \` line continuations), as some Cablegate mirrors' pages hold it: on its own, or
 * after a copy of the first header lines as the page displayed them. The row starts a line; its id column
 * must read as a cable id, so a telegram quoting a tab-separated table is left alone.
 */
const TAB_ROW = /^(\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?)\t(\d{2}[A-Z][A-Z0-9]*\d+(?:_[a-z])?)\t([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)\t/m

export const TAB_ROW_COLUMNS = ['date', 'refid', 'origin', 'classification', 'references'] as const

function unwrapTabRow(input: string) {
  const m = TAB_ROW.exec(input)
  if (!m) return null
  const diagnostics: Diagnostic[] = []
  const metadata: Record<string, string> = {}
  TAB_ROW_COLUMNS.forEach((c, i) => {
    if (m[i + 1] !== '') metadata[c] = m[i + 1]
  })
  const rest = input.slice(m.index + m[0].length)
  // the header column ends at the first tab; the body may hold tabs of its own
  const tab = rest.indexOf('\t')
  const header = tab >= 0 ? rest.slice(0, tab) : rest
  const body = tab >= 0 ? rest.slice(tab + 1) : ''
  // the last line of a column may end in a continuation with nothing after it
  const text = csvRowText({ header: header.replace(/[ \t]*\\$/, '\n'), body: body.replace(/[ \t]*\\(\r\n|\r|\n)?$/, '\n') })
  const before = input.slice(0, m.index).trimEnd()
  if (before !== '') {
    // the page's copy may differ from the row in trailing blanks only
    const lines = before.split(/\r\n|\r|\n/).map((l) => l.trimEnd())
    const textLines = text.split(/\r\n|\r|\n/, lines.length).map((l) => l.trimEnd())
    const copy = lines.every((l, i) => l === textLines[i])
    diagnostics.push({
      code: copy ? 'CONTAINER_PREFIX' : 'UNPLACED_TEXT',
      severity: copy ? 'info' : 'warning',
      message: copy
        ? `${lines.length} lines before the tab-separated row repeat the start of its text; the row is read`
        : `${lines.length} lines before the tab-separated row are not part of its text; they are kept in the container only`,
      span: emptySpan(),
    })
  }
  return { text, container: { rendering: 'tsv' as const, raw: input, metadata }, diagnostics, hintId: metadata.refid }
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

/**
 * A container's date (`Created` of an HTML page, `date` of a cables.csv row: `2009-03-11 09:30`,
 * `03/11/2009 09:30`; a CFPF record's `1975-03-15`, `1975-03-15T00:00:00`, `15 MAR 1975`) as ISO 8601 UTC, or null.
 */
export function containerDate(value: string): string | null {
  let m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?/.exec(value)
  let y: number, mo: number, d: number, h: number, mi: number
  if (m) [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0)]
  else if ((m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/.exec(value))) [mo, d, y, h, mi] = [+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0)]
  else if ((m = /^\s*(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})(?:\s+(\d{1,2}):(\d{2}))?/.exec(value))) {
    // `15 MAR 1975`, `15-Mar-1975` (NARA AAD)
    const month = MONTHS.indexOf(m[2].toUpperCase()) + 1
    if (month === 0) return null
    ;[d, mo, y, h, mi] = [+m[1], month, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)]
  } else return null
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi))
  if (at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d || h > 23 || mi > 59) return null
  return at.toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z')
}

/**
 * Markup inside a `<pre>` block that can hide text or show text the page does not hold: a `style`, `class` or
 * `hidden` attribute (CSS), or an element whose content a browser does not show as text (script, style, template,
 * embedded objects, form controls, images). A released cable's page holds none: links and line breaks only.
 */
const HIDING_MARKUP = /<(?:script|style|template|noscript|iframe|frame|object|embed|svg|math|img|picture|video|audio|canvas|input|select|textarea|button|link|meta)\b|<[A-Za-z][^>]*?\s(?:style|class|hidden)\b/i

/**
 * The text a browser shows of a `<pre>` block's HTML: every tag removed (`<a>`, `<b>`, `<wbr>`, stray end tags), and
 * comments, processing instructions and declarations (`<!-- x -->`, `<?x?>`, `<!x>`: HTML5 bogus comments) too. A
 * comment shows nothing (one left unclosed hides the rest of the block), so `(S<!-- x -->)` is the mark `(S)` a
 * reader of the page sees. A `<` that opens no tag (`a < b`) stays text.
 */
function stripTags(s: string): string {
  return s
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<[!?][^>]*(?:>|$)/g, '')
    .replace(/<\/?[A-Za-z][^>]*(?:>|$)/g, '')
}

/**
 * Character references decoded as a browser decodes them: every HTML5 named reference (`&shy;`, `&NoBreak;`,
 * `&lpar;`, `&ZeroWidthSpace;`, and the legacy ones written without `;`), decimal and hexadecimal ones
 * (`&#83;`, `&#x53;`). Uses the `entities` library, which holds the HTML5 table.
 */
export function decodeHtml(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s
}
