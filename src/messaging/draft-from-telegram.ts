import { parseMarking } from '../format/marking.js'
import type { Addressee, Cable } from '../format/model.js'
import { parseCable } from '../format/parse.js'
import { draftFromObject, refuseControlChars, type DraftInput } from './draft-input.js'
import { ServiceError } from './service-error.js'

const addressee = (a: Addressee) => ({ name: a.name, ...(a.precedence ? { precedence: a.precedence } : {}), ...(a.excluded?.length ? { xmt: a.excluded } : {}) })

/**
 * Draft fields taken from telegram text (any form the parser reads): header addressees, class level,
 * captions, E.O., TAGS, SUBJECT, REF, classified-by, paragraphs and literal blocks, signature. What
 * release assigns anew (MRN, DTG, envelope, sections and page headers) is dropped.
 *
 * @example
 *   draftFromTelegram(readFileSync('draft.txt', 'utf8'), ['bob'])
 *
 * `clearers` may come straight from a request body: it is read as the `clearers` field of a structured draft
 * (a list of names, or one string of names separated by commas or spaces); anything else is refused there,
 * with its path.
 */
export function draftFromTelegram(text: string, clearers: unknown = []): DraftInput {
  refuseControlChars(text, 'telegram')
  const cable = parseCable(text)
  const fatal = cable.diagnostics.filter((d) => d.code === 'EMPTY_INPUT' || d.code === 'BINARY_INPUT')
  if (fatal.length) throw new ServiceError('INVALID', `telegram: ${fatal.map((d) => d.message).join('; ')}`)
  return draftFromObject({ ...fieldsOf(cable), clearers })
}

/** The structured fields of a parsed cable, as a draft object (validated by draftFromObject). */
export function fieldsOf(cable: Cable): Record<string, unknown> {
  const body: unknown[] = []
  let afterPageHeader = false
  let signature: string[] = []
  let classifiedBy: string | null = null
  for (const block of cable.body) {
    if (block.type === 'pageHeader') {
      afterPageHeader = true
      continue
    }
    // SMART repeats the subject after each page header; release writes it again for its own sections
    if (afterPageHeader && block.type === 'lines' && block.lines.length === 1 && /^SUBJECT:/i.test(block.lines[0])) {
      afterPageHeader = false
      continue
    }
    afterPageHeader = false
    if (block.type === 'para') body.push({ marking: block.marking, text: block.text })
    else if (block.type === 'lines') body.push({ lines: block.lines })
    else if (block.type === 'signature') signature = block.lines
    else if (block.type === 'classifiedBy') classifiedBy = block.text.replace(/^\(U\)\s*/i, '').replace(/^classified\s+by\s*:?\s*/i, '')
  }
  // the class line's level, read by the one marking parser; what it cannot read goes on as written and is refused
  const stated = cable.classification ? parseMarking(cable.classification) : null
  const level = stated === null ? 'UNCLASSIFIED' : stated.ok && stated.parts.level ? stated.parts.level : cable.classification
  return {
    precedence: cable.precedence ?? cable.to?.[0]?.precedence ?? 'ROUTINE',
    to: (cable.to ?? []).map(addressee),
    info: (cable.info ?? []).map(addressee),
    // SBU travels as UNCLAS with the SENSITIVE caption; the caption carries the control
    classification: level === 'SBU' ? 'UNCLASSIFIED' : level,
    captions: cable.captions,
    eo: cable.eo ? { order: cable.eo.order ?? '13526', declassify: cable.eo.declassify ?? 'N/A' } : undefined,
    tags: cable.tags,
    subject: { marking: cable.subjectMarking, text: cable.subject ?? '' },
    references: cable.references.map((r) => r.id ?? r.text),
    classifiedBy,
    body,
    signature,
  }
}
