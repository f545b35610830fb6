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
  return null
}

function unwrapHtml(input: string) {
  const diagnostics: Diagnostic[] = []
  const pres = [...input.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/gi)].map((m) => decodeHtml(stripTags(m[1])))
  const metadata = metadataTable(input)
  if (pres.length === 0) {
    diagnostics.push({ code: 'BAD_HTML', severity: 'error', message: 'HTML page without <pre> blocks: no cable text found', span: emptySpan() })
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
  CSV_COLUMNS.forEach((c, i) => {
    if (f[i] !== undefined && c !== 'header' && c !== 'body') metadata[c] = f[i]
  })
  // some dumps end text lines with ` \` continuations
  const clean = (s: string) => s.replace(/ \\\n/g, '\n')
  const text = `${clean(f[6] ?? '')}\n\n${clean(f[7] ?? '')}`
  return { text, container: { rendering: 'csv' as const, raw: input, metadata }, diagnostics, hintId: metadata.refid }
}

function stripTags(s: string): string {
  return s.replace(/<\/?(?:a|br|strong|em|b|i|td|tr|table|span|font)\b[^>]*>/gi, '')
}

export function decodeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (all, e: string) => {
    const k = e.toLowerCase()
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16))
    if (k.startsWith('#')) return String.fromCodePoint(parseInt(k.slice(1), 10))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[k] ?? all
  })
}
