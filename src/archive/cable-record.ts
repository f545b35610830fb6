import { createHash } from 'node:crypto'
import { canonicalId } from '../format/ids.js'
import type { Cable } from '../format/model.js'
import { parseCable, parseRecordText } from '../format/parse.js'
import { registerSourceFiling, type Filing, type FilingSource } from '../store/filing.js'
import { registerTextRecord, sectionOf } from '../store/sections.js'
import type { CableRecord, DateSourceRecord, SourceRecord } from '../store/store.js'
import { cableAccess } from './cable-access.js'
import { originKey } from './query/field-values.js'
import { recordCaptions, recordTags } from './record-fields.js'
import { storedPortions } from './redact.js'
import { filedWithSourceTexts } from './source-texts.js'

/** Key of a cable with no readable id: the hash of its text, so the same bad copy is stored once. */
export function surrogateKey(text: string): string {
  return 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex')
}

/** Station part of a reference id: `09STATE99704` → `STATE`. */
export function stationOfId(id: string): string | null {
  return /^\d{2}([A-Z]+)\d+$/.exec(id)?.[1] ?? null
}

/** The date's provenance as the archive keeps it; a dated cable without one (never from the parser) is `unknown`. */
function dateSourceRecord(cable: Cable): DateSourceRecord {
  const s = cable.dateSource
  return s ? { basis: s.basis, precision: s.precision, from: [...s.from] } : { basis: 'unknown', precision: null, from: [] }
}

/**
 * What the archive stores for a parsed cable: its fields, access level and caveats, and `text`, the lossless
 * text of the cable itself (for a cable read from an HTML page or a CSV row, the cable inside it).
 *
 * @example
 *   toCableRecord(parseCable(text), text, { locator: 'cables/x.txt', rendering: 'text', … })
 */
export function toCableRecord(cable: Cable, text: string, source: SourceRecord): CableRecord {
  const access = filedAs(cable, source.metadata)
  const addressees = [
    ...(cable.to ?? []).map((a) => ({ role: 'to' as const, name: a.name, route: a.route, precedence: a.precedence })),
    ...(cable.info ?? []).map((a) => ({ role: 'info' as const, name: a.name, route: a.route, precedence: a.precedence })),
  ]
  const tags = recordTags(cable)
  const captions = recordCaptions(cable)
  const origin = cable.origin ?? source.metadata['origin'] ?? null
  const diagnostics = cable.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    line: d.span?.start?.line ?? 0,
    column: d.span?.start?.column ?? 0,
  }))
  // A text with no readable id still has the id its publisher filed it under (CSV refid, HTML metadata, file name).
  const stated = source.metadata['refid'] ?? source.metadata['reference id'] ?? source.metadata['file_id']
  const id = cable.id ?? (stated ? canonicalId(stated) : null)
  const key = id ?? surrogateKey(text)
  const dateSource = cable.date === null ? null : dateSourceRecord(cable)
  return {
    key,
    id,
    rawId: cable.rawId,
    date: cable.date,
    dateSource,
    origin,
    originKey: (id ? stationOfId(id) : null) ?? (origin ? originKey(origin) : null),
    precedence: cable.precedence,
    classification: access.classification,
    level: access.level,
    caveats: access.caveats,
    subject: cable.subject,
    captions,
    tags,
    addressees,
    references: cable.references.map((r) => ({ letter: r.letter, id: r.id, text: r.text, kind: r.kind })),
    text,
    diagnostics,
    errorCount: cable.diagnostics.filter((d) => d.severity === 'error').length,
    // one section alone of a telegram sent in sections: the engines keep it as a section of one version (QA 14 F6)
    section: sectionOf(cable),
    source,
    // from the plain parse of `text` that `show` and snippets redact from, so what a search matches is
    // exactly what the reader is shown
    portions: storedPortions({ key, level: access.level, caveats: access.caveats, text, tags, captions, date: cable.date, dateSource }),
  }
}

/** The filing of a parsed text read with a source's publisher fields: the rule an import files a record by. */
function filedAs(cable: Cable, metadata: Readonly<Record<string, string>>): Filing {
  // a text column of the record (CFPF raw_body, Telegram Text) is a text of the cable: what it states files it too
  const access = filedWithSourceTexts(cableAccess(cable, metadata['classification'] ?? null), metadata)
  return { level: access.level, caveats: access.caveats, classification: access.classification }
}

/**
 * The filing of a stored text as one of its sources gives it, by the rule an import files it by (`toCableRecord`):
 * the text parsed as that source was read (a record with publisher fields, a CSV row or CFPF export, as a record's
 * text with its columns, `parseRecordText`; a file's text as a file's) and filed with those fields. What re-filing an
 * archive stored under older rules reads (`refiledCable`, src/store/filing.ts).
 *
 * @example
 *   sourceFiling(storedText, { rendering: 'text', metadata: {} }) // { level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' }
 */
export function sourceFiling(text: string, source: FilingSource): Filing {
  const m = source.metadata
  const record = m['shape'] !== undefined || source.rendering === 'csv' || source.rendering === 'tsv'
  const cable = record ? parseRecordText(text, { ...m }, m['shape'] ?? source.rendering) : parseCable(text)
  return filedAs(cable, m)
}

// the engines re-file an archive filed by older rules when they open it (src/store/filing.ts)
registerSourceFiling(sourceFiling)
// the engines read the text they assemble from a cable's sections as an import reads a file's (src/store/sections.ts)
registerTextRecord((text, source) => toCableRecord(parseCable(text), text, source))
