import type { DateSourceRecord } from '../store/store.js'

/** What each `DateSourceRecord.from` code names, in words a reader knows (spec §4.3, §10). */
const CLUES: Record<string, string> = {
  dtg: 'the DTG',
  dateline: 'a dateline',
  'date-stamp': "the archive's 'Cable dated:' stamp",
  'page-header': 'page headers',
  'decl-month': 'DECL',
  'text-month': 'a dated line',
  id: "the id's year",
  'id-hint': 'the id it was filed under',
  mrn: 'the MRN',
}

const PRECISION: Record<NonNullable<DateSourceRecord['precision']>, string> = {
  minute: 'to the minute',
  day: 'to the day',
  month: 'to the month',
  year: 'to the year',
}

/** Containers by the name a container date's `from` code gives them (`csv:date`, `nara-aad:Draft Date`). */
const CONTAINERS: Record<string, string> = { csv: 'CSV', html: 'HTML', jsonl: 'JSON', 'nara-aad': 'NARA AAD', 'history-lab': 'History Lab' }

/** One `from` code in words: a container's `csv:date` is "the CSV date field", `html:Created` "the HTML Created field". */
function clue(code: string): string {
  const known = CLUES[code]
  if (known) return known
  const m = /^([a-z-]+):(.+)$/.exec(code)
  if (m && CONTAINERS[m[1]]) return `the ${CONTAINERS[m[1]]} ${m[2]} field`
  return code
}

/**
 * How a stored date was found, in words, for every place that shows a date beside its text (`cable show`,
 * the web cable view): `inferred, to the month, from DECL, the id's year`; `read, to the minute, from the
 * DTG`; `container, to the day, from the CSV date field`; `provenance unknown (stored before it was kept)`. Empty for
 * an undated cable (`source` null).
 *
 * @example
 *   describeDateSource({ basis: 'inferred', precision: 'month', from: ['decl-month'] }) // 'inferred, to the month, from DECL'
 */
export function describeDateSource(source: DateSourceRecord | null): string {
  if (!source) return ''
  if (source.basis === 'unknown') {
    const p = source.precision ? `, ${PRECISION[source.precision]}` : ''
    return `provenance unknown${p} (stored before the archive kept it; import the cable again)`
  }
  const parts: string[] = [source.basis]
  if (source.precision) parts.push(PRECISION[source.precision])
  if (source.from.length) parts.push(`from ${source.from.map(clue).join(', ')}`)
  return parts.join(', ')
}

/**
 * The date-source cell of a search export (CSV `date_source`, the table view): the basis and precision in
 * the parser's terms, then what it rests on, `inferred month decl-month+id`, `read minute dtg`; empty for an
 * undated cable. One token per part so a spreadsheet filter on the basis is a prefix match.
 *
 * @example
 *   dateSourceCell({ basis: 'container', precision: 'day', from: ['csv:date'] }) // 'container day csv:date'
 */
export function dateSourceCell(source: DateSourceRecord | null): string {
  if (!source) return ''
  return [source.basis, source.precision ?? 'unknown', source.from.join('+')].filter(Boolean).join(' ')
}

const KINDS: Record<string, string> = {
  email: 'e-mail',
  memo: 'memo',
  letter: 'letter',
  report: 'report',
  fax: 'fax',
  meeting: 'meeting',
  self: 'this cable itself',
  other: 'a document',
  unknown: 'no cable id',
}

/**
 * What a REF item that names no cable is, in words (`memo, not a cable`, `this cable itself`), for `cable
 * show` and `cable refs`; such an item is listed as text, never as a link to a cable.
 *
 * @example
 *   referenceKindText('email') // 'e-mail, not a cable'
 */
export function referenceKindText(kind: string): string {
  if (kind === 'self' || kind === 'unknown') return KINDS[kind]
  return `${KINDS[kind] ?? kind}, not a cable`
}
