import { isCollective } from './addressee.js'
import { overallClassification, securityGroupFor, type Level } from './classification.js'
import { dtgParts } from './dates.js'
import { formatDeclDate } from './eo.js'
import { buildId } from './ids.js'
import type { Addressee, Cable, PrecedenceWord, TextBlock } from './model.js'
import { emptyCable } from './parse.js'
import { prosignOf } from './precedence.js'

/** The fields a drafter states; everything else of a telegram follows from them. */
export interface ComposeFields {
  /** ISO 8601 UTC date-time of the DTG. */
  date: string
  precedence: PrecedenceWord
  /** FM address, e.g. `SECSTATE WASHDC`. */
  from: string
  /** Origin as the MRN prints it, e.g. `STATE`, `SAO PAULO`. */
  mrnOrigin: string
  serial: number
  level: Level
  captions: string[]
  to: Addressee[]
  info: Addressee[]
  eo: { order: string; declassify: string }
  tags: string[]
  subject: { marking: string | null; text: string }
  references: { letter: string | null; text: string }[]
  classifiedBy: string | null
  paragraphs: { marking: string | null; text: string }[]
  signers: string[]
  profile: 'web' | 'telegram'
}

/**
 * Builds a Cable from drafted fields alone, for the canonical renderer: envelope FL3–FL5, header, class
 * line, captions, E.O./TAGS/SUBJECT block, REF, Classified By, numbered paragraphs, signature.
 *
 * @example
 *   renderCanonical(composeCable(fields)) // a standard telegram
 */
export function composeCable(f: ComposeFields): Cable {
  const cable = emptyCable('')
  const d = new Date(f.date)
  const yy = String(d.getUTCFullYear()).slice(-2)
  const serial6 = String(f.serial).padStart(6, '0')
  const classified = f.level === 'CONFIDENTIAL' || f.level === 'SECRET' || f.level === 'TOP SECRET'
  cable.layout = { profile: f.profile, leadingEmptyLines: f.profile === 'web' ? 2 : 0, finalNewline: f.profile === 'telegram', crlf: false }
  cable.envelope = {
    transmission: null,
    routing: null,
    station: null,
    security: { opsig: classified ? 'ZNY' : 'ZNR', group: securityGroupFor(f.level), signals: ['ZZH'] },
    dtg: { precedence: [prosignOf(f.precedence)], ...dtgParts(d), signals: [] },
  }
  cable.origin = f.from
  cable.to = addresseeList(f.to)
  cable.info = addresseeList(f.info)

  const body: TextBlock[] = [
    { type: 'classLine', level: f.level === 'SBU' ? 'UNCLASSIFIED' : f.level, spaced: classified, section: null, origin: f.mrnOrigin, serial: serial6, extra: null },
  ]
  if (f.captions.length) body.push({ type: 'captions', lines: [...f.captions] })
  const decl = /^\d{4}-\d{2}-\d{2}$/.test(f.eo.declassify) ? `DECL: ${formatDeclDate(f.eo.declassify)}` : f.eo.declassify
  body.push({ type: 'eo', text: `E.O. ${f.eo.order}: ${decl}` })
  body.push({ type: 'tags', tags: [...f.tags], links: f.profile === 'web', tight: true })
  body.push({ type: 'subject', label: 'SUBJECT:', marking: f.subject.marking, text: f.subject.text, tight: true })
  if (f.references.length) {
    body.push({ type: 'ref', text: `REF: ${f.references.map((r) => (r.letter ? `${r.letter}. ${r.text}` : r.text)).join(' ')}` })
  }
  if (f.classifiedBy) body.push({ type: 'classifiedBy', text: `Classified By: ${f.classifiedBy}` })
  f.paragraphs.forEach((p, i) => body.push({ type: 'para', number: i + 1, marking: p.marking, text: p.text, pilcrow: f.profile === 'web' }))
  if (f.signers.length) body.push({ type: 'signature', lines: [...f.signers] })
  cable.body = body

  cable.id = buildId(yy, f.mrnOrigin, String(f.serial))
  cable.rawId = `${yy}${f.mrnOrigin.replace(/\s+/g, '')}${serial6}`
  cable.mrn = { origin: f.mrnOrigin, serial: serial6 }
  cable.date = d.toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z')
  cable.precedence = f.precedence
  cable.classification = overallClassification(f.level, f.captions)
  cable.captions = [...f.captions]
  cable.tags = [...f.tags]
  cable.subject = f.subject.text
  cable.subjectMarking = f.subject.marking
  cable.signers = [...f.signers]
  cable.sections = 1
  cable.paragraphs = f.paragraphs.map((p, i) => ({ number: i + 1, marking: p.marking, text: p.text }))
  cable.segments = []
  return cable
}

/**
 * In wire form the lines after `XMT` are exclusions until a line with a routing indicator or precedence,
 * so a bare PLAD after them would read as one more exclusion: collectives with exclusions go last.
 */
function addresseeList(list: Addressee[]): Addressee[] | null {
  if (!list.length) return null
  const normal = list.map((a) => ({ ...a, excluded: isCollective(a.name) ? (a.excluded ?? []) : null }))
  const excluding = (a: Addressee) => (a.excluded?.length ?? 0) > 0
  return [...normal.filter((a) => !excluding(a)), ...normal.filter(excluding)]
}
