import { LEVEL_RANK } from '../../format/classification.js'
import { parseMarking } from '../../format/marking.js'

/**
 * The column layouts of NARA Central Foreign Policy Files (1973–79) records as their two publishers give them
 * (spec §6.3; docs/archive.md "CFPF exports" holds the same table for readers):
 *
 * - `nara-aad`: the National Archives' Access to Archival Databases export of the State Archiving System
 *   electronic telegrams: a CSV with a header row of field names as AAD labels them (`Document Number`,
 *   `Draft Date`, `From`, `To`, `Subject`, `TAGS`, `Original Classification`, `Original Handling
 *   Restrictions`, `Message Text`…).
 * - `history-lab`: Columbia History Lab's FOIArchive `declassification_cables.docs` table, as JSON (PostgREST,
 *   `row_to_json` dumps), JSON Lines or CSV (`doc_nbr`/`doc_id`, `date`/`authored`, `from_field`,
 *   `to_field`, `subject`/`title`, `origclass`, `classification`, `orighand`, `tags`, `body`…).
 *
 * A file's shape is known from its column names or keys, never from its name. Each field of the model lists
 * the columns that may hold it, in order of preference; every other column is kept as source metadata.
 */
export type CfpfShape = 'nara-aad' | 'history-lab'

type Role = 'id' | 'date' | 'from' | 'to' | 'subject' | 'tags' | 'classification' | 'handling' | 'text'

interface ColumnRule {
  /** Column names as published, compared case-insensitively with runs of blanks and `_` as one space. */
  names: string[]
  role: Role
  /** Metadata key the value is kept under (the model fields read `document number`, `date`, `from`…). */
  key: string
}

const AAD: ColumnRule[] = [
  { names: ['Document Number'], role: 'id', key: 'document number' },
  { names: ['Date', 'Draft Date', 'Sent Date', 'Document Date'], role: 'date', key: 'date' },
  { names: ['From'], role: 'from', key: 'from' },
  { names: ['To'], role: 'to', key: 'to' },
  { names: ['Subject'], role: 'subject', key: 'subject' },
  { names: ['TAGS'], role: 'tags', key: 'tags' },
  { names: ['Original Classification'], role: 'classification', key: 'original classification' },
  { names: ['Classification', 'Current Classification'], role: 'classification', key: 'current classification' },
  { names: ['Previous Classification'], role: 'classification', key: 'previous classification' },
  { names: ['Original Previous Classification'], role: 'classification', key: 'original previous classification' },
  { names: ['Original Handling Restrictions'], role: 'handling', key: 'original handling restrictions' },
  { names: ['Handling Restrictions', 'Current Handling Restrictions'], role: 'handling', key: 'current handling restrictions' },
  { names: ['Previous Handling Restrictions'], role: 'handling', key: 'previous handling restrictions' },
  { names: ['Original Previous Handling Restrictions'], role: 'handling', key: 'original previous handling restrictions' },
  { names: ['Message Text', 'Text', 'Body', 'Telegram Text'], role: 'text', key: '' },
]

const HISTORY_LAB: ColumnRule[] = [
  { names: ['doc_nbr', 'doc_id', 'id'], role: 'id', key: 'document number' },
  { names: ['date', 'authored'], role: 'date', key: 'date' },
  { names: ['from_field'], role: 'from', key: 'from' },
  { names: ['to_field'], role: 'to', key: 'to' },
  { names: ['subject', 'title'], role: 'subject', key: 'subject' },
  { names: ['tags'], role: 'tags', key: 'tags' },
  { names: ['origclass'], role: 'classification', key: 'original classification' },
  // FOIArchive's `classification` is the original one (the CFPF load takes it as the document's level)
  { names: ['classification'], role: 'classification', key: 'classification (as published)' },
  { names: ['class'], role: 'classification', key: 'current classification' },
  { names: ['pclass'], role: 'classification', key: 'previous classification' },
  { names: ['origpclass'], role: 'classification', key: 'original previous classification' },
  { names: ['orighand'], role: 'handling', key: 'original handling restrictions' },
  { names: ['handling'], role: 'handling', key: 'current handling restrictions' },
  { names: ['phandling'], role: 'handling', key: 'previous handling restrictions' },
  { names: ['origphand'], role: 'handling', key: 'original previous handling restrictions' },
  { names: ['body', 'raw_body'], role: 'text', key: '' },
]

const RULES: Record<CfpfShape, ColumnRule[]> = { 'nara-aad': AAD, 'history-lab': HISTORY_LAB }

const norm = (name: string) => name.trim().toLowerCase().replace(/[\s_]+/g, ' ')

/** Columns that make each shape: its id column and at least two others of its layout. */
const SIGNATURE: Record<CfpfShape, { id: string[]; others: string[] }> = {
  'nara-aad': { id: ['document number'], others: ['date', 'draft date', 'from', 'to', 'subject', 'tags', 'original classification', 'message text', 'film number', 'original handling restrictions'] },
  'history-lab': { id: ['doc nbr', 'doc id'], others: ['date', 'authored', 'from field', 'to field', 'subject', 'title', 'body', 'origclass', 'orighand', 'tags', 'concepts'] },
}

/**
 * The CFPF shape a header row or a JSON object's keys make, or null for any other layout (cables.csv, the
 * parsed model). `id` counts as History Lab's id only beside its own `from_field`/`to_field`.
 *
 * @example
 *   cfpfShapeOf(['Document Number', 'Draft Date', 'From', 'To', 'Subject']) // 'nara-aad'
 */
export function cfpfShapeOf(names: readonly string[]): CfpfShape | null {
  const have = new Set(names.map(norm))
  for (const shape of ['nara-aad', 'history-lab'] as const) {
    const sig = SIGNATURE[shape]
    const id = sig.id.some((n) => have.has(n)) || (shape === 'history-lab' && have.has('id') && (have.has('from field') || have.has('to field')))
    if (id && sig.others.filter((n) => have.has(n)).length >= 2) return shape
  }
  return null
}

/**
 * The metadata keys of a stored CFPF source that hold a text of the cable: a second text column kept beside the
 * text (History Lab `raw_body`, AAD `Telegram Text` beside `Message Text`, under its published name lower-cased,
 * `key 2` when published twice). Known from the record's `shape` key and its layout's text columns; none for
 * metadata of any other source (a Cablegate page, a cables.csv row). Such a value is filed and shown by the rules
 * of a cable text (src/archive/source-texts.ts).
 *
 * @example
 *   cfpfTextKeys({ shape: 'history-lab', raw_body: 'SECRET QUORIN 0701 …', subject: 'RAW TEST' }) // ['raw_body']
 */
export function cfpfTextKeys(metadata: Readonly<Record<string, string>>): string[] {
  const shape = metadata['shape']
  if (shape !== 'nara-aad' && shape !== 'history-lab') return []
  const names = new Set(RULES[shape].filter((r) => r.role === 'text').flatMap((r) => r.names.map(norm)))
  return Object.keys(metadata).filter((key) => names.has(norm(key)) || names.has(norm(key.replace(/\s+\d+$/, ''))))
}

/** A CFPF record as the importer reads it: the telegram text (lossless, '' when the record has none) and metadata. */
export interface CfpfRecord {
  text: string
  metadata: Record<string, string>
}

/** Values that stand for "no value" in the exports (`n/a` is History Lab's, `N/A` AAD's). */
const EMPTY = /^\s*(?:n\/a|null|none)?\s*$/i

/** A text compared as two renderings of it compare: runs of white space as one blank, ends trimmed. */
const squash = (value: string) => value.replace(/\s+/g, ' ').trim()

/**
 * Maps one record of a CFPF export to the text and the metadata the parser and the archive read: the id,
 * date, origin, addressees, subject and TAGS under the keys the record parser takes them from (`document
 * number`, `date`, `from`, `to`, `subject`, `tags`), every classification and handling column under its own
 * key, and `classification`, the marking access control reads: the highest level any classification column
 * states with every handling restriction as caveats (`CONFIDENTIAL//EXDIS`), read by the one marking parser. A
 * classification nobody can read is kept as written there, so the cable fails closed. Columns of no role keep
 * their published names, lower-cased; nothing is dropped but values that mean none (`n/a`, empty) and a copy of the
 * text: a second text column that differs, a long value, a name published twice (`film number 2`) are kept. JSON arrays (History Lab `tags`, `concepts`) and PostgreSQL array literals
 * in its CSV (`{PFOR,"HUMAN RIGHTS"}`) become comma lists.
 */
export function cfpfRecord(shape: CfpfShape, fields: Record<string, unknown>): CfpfRecord {
  const rules = RULES[shape]
  const metadata: Record<string, string> = { shape }
  let text: string | null = null
  const classifications: string[] = []
  const handling: string[] = []
  const taken = new Set<string>()
  const texts: { name: string; value: string }[] = []
  const entries = Object.entries(fields).map(([name, value]) => [name, norm(name), valueText(value)] as const)
  for (const rule of rules) {
    for (const candidate of rule.names.map(norm)) {
      const found = entries.find(([, n]) => n === candidate)
      if (!found) continue
      const [name, , value] = found
      taken.add(name)
      if (rule.role === 'text') {
        // the first text column wins (a later one when the first is blank); another is kept below unless a copy
        texts.push({ name, value })
        if (text === null || (!text.trim() && value.trim())) text = value
        continue
      }
      if (EMPTY.test(value)) continue
      if (rule.role === 'classification') classifications.push(value.trim())
      if (rule.role === 'handling') handling.push(value.trim())
      // the first column of a role fills the model field's key; the others keep their own
      const key = metadata[rule.key] === undefined ? rule.key : freeKey(metadata, `${rule.key} (${norm(name)})`)
      metadata[key] = rule.role === 'tags' ? listText(value) : value.trim()
    }
  }
  // a second text column (History Lab raw_body) that is more than a copy of the text is kept, as is every other column
  const copy = text === null ? null : squash(text)
  for (const t of texts) if (t.value !== text && !EMPTY.test(t.value) && squash(t.value) !== copy) metadata[freeKey(metadata, t.name.trim().toLowerCase())] = t.value
  for (const [name, , value] of entries) {
    if (taken.has(name) || EMPTY.test(value) || (copy !== null && copy !== '' && squash(value) === copy)) continue
    metadata[freeKey(metadata, name.trim().toLowerCase())] = listText(value)
  }
  const access = accessMarking(classifications, handling)
  // the combined values have keys of their own; a column published under such a name keeps its value beside them
  for (const [key, value] of [['classification', access], ['handling', handling.length > 0 ? handling.join(', ') : null]] as const) {
    if (value === null) continue
    if (metadata[key] !== undefined) metadata[freeKey(metadata, `${key} (column)`)] = metadata[key]
    metadata[key] = value
  }
  return { text: text ?? '', metadata }
}

/** `key`, or `key 2`, `key 3`… : the first not yet in `metadata`, so that no column's value overwrites another's. */
function freeKey(metadata: Record<string, string>, key: string): string {
  if (metadata[key] === undefined) return key
  let n = 2
  while (metadata[`${key} ${n}`] !== undefined) n++
  return `${key} ${n}`
}

/** A field value as text: strings as they are, arrays as comma lists, numbers and booleans printed, null as ''. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(String).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** A PostgreSQL array literal (`{PFOR,"HUMAN RIGHTS"}`) as a comma list; any other value unchanged. */
function listText(value: string): string {
  const v = value.trim()
  if (!v.startsWith('{') || !v.endsWith('}')) return v
  const items = [...v.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim()))
  return items.filter((i) => i && i.toUpperCase() !== 'NULL').join(', ')
}

/**
 * The marking a record's classification and handling columns state together: the highest level any
 * classification column names (a current `UNCLASSIFIED` never lowers an original `SECRET`) with the handling
 * restrictions as caveats. A classification the marking parser cannot read is returned as written, so that
 * access control, reading it again, fails closed. Null when the record states neither.
 */
export function accessMarking(classifications: readonly string[], handling: readonly string[]): string | null {
  let best: { value: string; rank: number } | null = null
  for (const value of classifications) {
    const r = parseMarking(value)
    const parts = r.ok ? r.parts : r.failClosed
    if (!parts) return value
    const rank = parts.level === null ? -1 : LEVEL_RANK[parts.level]
    if (!best || rank > best.rank) best = { value, rank }
  }
  const caveats = [...new Set(handling.flatMap((h) => h.split(/\s*(?:[,;]|\/\/?)\s*/)).map((c) => c.trim().toUpperCase()).filter((c) => c && !EMPTY.test(c)))]
  const parts = [best?.value, ...caveats].filter((p): p is string => !!p)
  return parts.length > 0 ? parts.join('//') : null
}
