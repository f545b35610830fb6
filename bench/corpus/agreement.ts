import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { canonicalId } from '../../src/format/ids.js'
import { archiveOriginLabel } from '../../src/format/origin-label.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import type { Cable } from '../../src/format/model.js'
import type { ManifestEntry } from './corpus-files.js'

export type Field = 'id' | 'origin' | 'date' | 'level' | 'classification'
export const FIELDS: Field[] = ['id', 'origin', 'date', 'level', 'classification']

/** Date agreement split by how the date was found: read from the text, or inferred for a partial record. */
export interface DateAgreement {
  read: number
  readAgree: number
  inferred: number
  /** Inferred dates that agree with the publisher to their stated precision (year, month or day). */
  inferredAgree: number
  /** Inferred dates on the publisher's day (whatever precision they state). */
  inferredDay: number
  /** Inferred dates that claim a day (page header day and time) and of those, the ones on the publisher's day. */
  inferredClaimDay: number
  inferredClaimDayAgree: number
  fromContainer: number
  none: number
}

export interface Disagreement {
  id: string
  field: Field
  ours: string
  publisher: string
  reason: string
}

export interface AgreementResult {
  cables: number
  roundTripFailures: string[]
  internalErrors: string[]
  agree: Record<Field, number>
  dates: DateAgreement
  disagreements: Disagreement[]
}

/**
 * Parses every corpus cable (the file name gives the publisher's id as a hint, as a page's metadata
 * table would) and compares id, classification, origin and creation day with the publisher's manifest.
 * Every disagreement gets a reason derived from what the text itself says.
 */
export function measureAgreement(dir: string, manifest: ManifestEntry[]): AgreementResult {
  const result: AgreementResult = {
    cables: manifest.length,
    roundTripFailures: [],
    internalErrors: [],
    agree: { id: 0, origin: 0, date: 0, level: 0, classification: 0 },
    dates: { read: 0, readAgree: 0, inferred: 0, inferredAgree: 0, inferredDay: 0, inferredClaimDay: 0, inferredClaimDayAgree: 0, fromContainer: 0, none: 0 },
    disagreements: [],
  }
  for (const m of manifest) {
    const text = readFileSync(join(dir, m.file), 'utf8')
    const cable = parseCable(text, { hint: { id: m.id } })
    if (renderLossless(cable) !== text) result.roundTripFailures.push(m.id)
    if (cable.diagnostics.some((d) => d.message.startsWith('Internal parser error'))) result.internalErrors.push(m.id)
    const partial = text.startsWith('This record is a partial extract')
    const created = m.created.slice(0, 10)
    const source = cable.dateSource
    // an inferred date agrees when it names the publisher's period at its own precision (`2009-09` ⊂ 2009-09-24)
    const dateShown = cable.date === null ? null : source?.basis === 'inferred' && cable.date.length < 10 ? cable.date : cable.date.slice(0, 10)
    const dateAgrees = dateShown !== null && created.startsWith(dateShown)
    tallyDate(result.dates, cable.date, source, dateAgrees, created)
    const ours: Record<Field, string | null> = {
      id: cable.id,
      origin: cable.origin ? archiveOriginLabel(cable.origin) : null,
      date: dateAgrees ? created : dateShown,
      level: cable.classification ? levelOf(cable.classification) : null,
      classification: cable.classification,
    }
    const theirs: Record<Field, string> = { id: m.id, origin: m.origin, date: created, level: levelOf(m.classification), classification: m.classification }
    for (const field of FIELDS) {
      if (ours[field] === theirs[field]) {
        result.agree[field]++
        continue
      }
      result.disagreements.push({
        id: m.id,
        field,
        ours: ours[field] ?? '',
        publisher: theirs[field],
        reason: explain(field, ours[field], theirs[field], text, partial, cable.origin),
      })
    }
  }
  return result
}

/** The caveats of a classification label (`CONFIDENTIAL//ORCON/NOFORN` → ORCON, NOFORN), FOR OFFICIAL USE ONLY left off. */
function caveatsOf(classification: string): string[] {
  return classification
    .split('//')
    .slice(1)
    .join('/')
    .split('/')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'FOR OFFICIAL USE ONLY')
}

/** The level part of a classification (`SECRET//NOFORN` → `SECRET`), caveats and dissemination controls left off. */
function levelOf(classification: string): string {
  return classification.split('//')[0].trim()
}

function tallyDate(d: DateAgreement, date: string | null, source: Cable['dateSource'], agrees: boolean, created: string) {
  if (date === null || source === null) {
    d.none++
    return
  }
  if (source.basis === 'read') {
    d.read++
    if (agrees) d.readAgree++
    return
  }
  if (source.basis === 'container') {
    d.fromContainer++
    return
  }
  d.inferred++
  if (agrees) d.inferredAgree++
  if (date.slice(0, 10) === created) d.inferredDay++
  if (source.precision === 'day' || source.precision === 'minute') {
    d.inferredClaimDay++
    if (date.slice(0, 10) === created) d.inferredClaimDayAgree++
  }
}

function explain(field: Field, ours: string | null, theirs: string, text: string, partial: boolean, fm: string | null): string {
  const head = text.slice(0, 4000)
  switch (field) {
    case 'id':
      if (ours && canonicalId(theirs) === ours) return 'publisher id is malformed (spec §6.2); ours is its canonical form'
      if (!ours && !/^\s*(UNCLAS|C O N|S E C|CONFIDENTIAL|SECRET)/m.test(head)) return 'no classification line with an MRN in the text'
      if (ours && ours.slice(2) !== canonicalId(theirs)?.slice(2)) return 'the class line names another cable than the publisher id (page holds a different cable text)'
      return 'the text states another year than the publisher id'
    case 'classification': {
      const noforn = /NOFORN/.test(head)
      if (ours === null) return partial ? 'partial record without class line, FL4 or portion marks' : 'no class line, FL4 or banner in the text'
      const [mine, publisher] = [caveatsOf(ours), caveatsOf(theirs)]
      if (publisher.includes('NOFORN') && !mine.includes('NOFORN')) {
        return noforn ? 'NOFORN appears in the text but not as a caption line' : 'publisher adds NOFORN that the text does not mark'
      }
      if (mine.includes('NOFORN') && !publisher.includes('NOFORN')) return 'the text carries a NOFORN caption the publisher omits'
      // the publisher's vocabulary writes NOFORN alone; the label keeps every caveat the text states (issue 13)
      const unwritten = mine.filter((c) => !publisher.includes(c) && c !== 'NOFORN')
      if (unwritten.length && levelOf(ours) === levelOf(theirs)) return `the text states ${unwritten.join(', ')}, which the publisher's label leaves off`
      if (theirs.includes('FOR OFFICIAL USE ONLY') && ours === 'UNCLASSIFIED') return 'publisher marks SBU; the text has no SENSITIVE caption'
      if (ours.includes('FOR OFFICIAL USE ONLY') && theirs === 'UNCLASSIFIED') return 'the text has a SENSITIVE caption the publisher ignores'
      return 'the class line names another level than the publisher (banner/metadata disagreement, corpus README)'
    }
    case 'origin':
      if (ours === null) return partial ? 'partial record: no FM line and no MRN naming a known post' : 'no FM line and no MRN naming a known post'
      if (fm && !head.includes(`FM ${fm}`) && fm.startsWith('AM')) return 'FM line lost; origin taken from the MRN'
      return 'the FM line names another post than the publisher (page holds a different cable text, or a renamed post)'
    case 'date':
      if (ours === null) return partial ? 'partial record: the text has no DTG and no dateline' : 'the text has no DTG and no dateline'
      if (partial || ours.length < 10) return 'inferred date (no DTG): the DECL date or page header names another period than the publisher Created day'
      return 'the DTG day differs from the publisher Created day'
    case 'level':
      if (ours === null) return partial ? 'partial record without class line, FL4 or portion marks' : 'no class line, FL4 or banner in the text'
      return 'the class line names another level than the publisher (banner/metadata disagreement, corpus README)'
  }
}

/** The checked-in listing: one disagreement a line, tab-separated, sorted. */
export function formatDisagreements(list: Disagreement[]): string {
  const rows = list
    .map((d) => [d.id, d.field, d.ours || '-', d.publisher, d.reason].join('\t'))
    .sort()
  return ['id\tfield\tours\tpublisher\treason', ...rows].join('\n') + '\n'
}
