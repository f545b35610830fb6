import type { Cable } from './model.js'

/** The public fields of a cable, in the documented order (docs/data-model.md). */
export type PublicFields = Pick<
  Cable,
  | 'id' | 'date' | 'dateSource' | 'origin' | 'precedence' | 'classification' | 'captions' | 'tags' | 'subject' | 'to' | 'info'
  | 'references' | 'paragraphs' | 'summary' | 'comment' | 'signers' | 'eo' | 'classifiedBy' | 'sections' | 'unavailable' | 'trailer' | 'diagnostics'
>

export function publicFields(c: Cable): PublicFields {
  return {
    id: c.id,
    date: c.date,
    dateSource: c.dateSource,
    origin: c.origin,
    precedence: c.precedence,
    classification: c.classification,
    captions: c.captions,
    tags: c.tags,
    subject: c.subject,
    to: c.to,
    info: c.info,
    references: c.references,
    paragraphs: c.paragraphs,
    summary: c.summary,
    comment: c.comment,
    signers: c.signers,
    eo: c.eo,
    classifiedBy: c.classifiedBy,
    sections: c.sections,
    unavailable: c.unavailable,
    trailer: c.trailer,
    diagnostics: c.diagnostics,
  }
}
