import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { canonicalId } from '../../src/format/ids.js'
import { archiveOriginLabel } from '../../src/format/origin-label.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import type { ManifestEntry } from './corpus-files.js'

export type Field = 'id' | 'classification' | 'origin' | 'date'
export const FIELDS: Field[] = ['id', 'classification', 'origin', 'date']

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
    agree: { id: 0, classification: 0, origin: 0, date: 0 },
    disagreements: [],
  }
  for (const m of manifest) {
    const text = readFileSync(join(dir, m.file), 'utf8')
    const cable = parseCable(text, { hint: { id: m.id } })
    if (renderLossless(cable) !== text) result.roundTripFailures.push(m.id)
    if (cable.diagnostics.some((d) => d.message.startsWith('Internal parser error'))) result.internalErrors.push(m.id)
    const partial = text.startsWith('This record is a partial extract')
    const ours: Record<Field, string | null> = {
      id: cable.id,
      classification: cable.classification,
      origin: cable.origin ? archiveOriginLabel(cable.origin) : null,
      date: cable.date ? cable.date.slice(0, 10) : null,
    }
    const theirs: Record<Field, string> = { id: m.id, classification: m.classification, origin: m.origin, date: m.created.slice(0, 10) }
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
      if (theirs.endsWith('//NOFORN') && !ours.endsWith('//NOFORN')) {
        return noforn ? 'NOFORN appears in the text but not as a caption line' : 'publisher adds NOFORN that the text does not mark'
      }
      if (ours.endsWith('//NOFORN') && !theirs.endsWith('//NOFORN')) return 'the text carries a NOFORN caption the publisher omits'
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
      return 'the DTG day differs from the publisher Created day'
  }
}

/** The checked-in listing: one disagreement a line, tab-separated, sorted. */
export function formatDisagreements(list: Disagreement[]): string {
  const rows = list
    .map((d) => [d.id, d.field, d.ours || '-', d.publisher, d.reason].join('\t'))
    .sort()
  return ['id\tfield\tours\tpublisher\treason', ...rows].join('\n') + '\n'
}
