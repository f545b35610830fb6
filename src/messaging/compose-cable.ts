import { caveatsOfCaption, classificationLabel, type Level } from '../format/classification.js'
import { composeCable as composeFields } from '../format/compose.js'
import { filingTime } from '../format/dates.js'
import { canonicalId } from '../format/ids.js'
import type { Addressee, Cable } from '../format/model.js'
import { highestPrecedence, prosignOf } from '../format/precedence.js'
import { LEVEL_NAMES } from './access.js'
import type { Recipient, ResolvedAddressee } from './recipients.js'
import { SECTION_BUDGET, splitSections } from './sections.js'
import type { DraftFields, Post } from './types.js'

/** What release adds to a draft's fields: identity, time, and where it goes. */
export interface ReleaseStamp {
  originPost: Post
  serial: number
  at: Date
  addressees: ResolvedAddressee[]
  recipients: Recipient[]
  /** Message continuity number per addressed post (spec §4.1); collectives carry none. */
  mcn: ReadonlyMap<string, number>
  /** Routing indicator of each recipient post, for FL2. */
  routes: ReadonlyMap<string, string | null>
  sectionBudget?: number
}

const levelOf = (name: string): Level => (LEVEL_NAMES as readonly string[]).includes(name) ? (name as Level) : 'UNCLASSIFIED'

/** A cited cable as a REF item is written: `26 STATE 12` (year, origin, serial), or the text as given. */
function referenceOf(written: string): { text: string; id: string | null } {
  const id = canonicalId(written)
  const parts = id ? /^(\d\d)([A-Z]+)(\d+)$/.exec(id) : null
  return { text: parts ? `${parts[1]} ${parts[2]} ${parts[3]}` : written, id }
}

/**
 * Builds the Cable a release produces: the format core's composer fed with the draft's fields and what
 * the release stamp and directory add — MRN, DTG, MCNs, FL1–FL3 routing, the dual precedence of FL5,
 * the section budget. The canonical renderer turns it into the telegram.
 */
export function composeCable(fields: DraftFields, stamp: ReleaseStamp): Cable {
  const { originPost, serial, at } = stamp
  const level = levelOf(fields.classification)
  const station = originPost.route ?? 'RUEHC'
  const ssn = String(serial % 10000).padStart(4, '0')
  const top = highestPrecedence(stamp.recipients.map((r) => r.precedence)) ?? fields.precedence
  const routes = [...new Set(stamp.recipients.map((r) => stamp.routes.get(r.post)).filter((r): r is string => !!r))].sort()
  const addressee = (a: ResolvedAddressee): Addressee => ({
    route: a.route,
    name: a.name,
    precedence: a.precedence,
    serial: a.collective ? null : stamp.mcn.has(a.name) ? String(stamp.mcn.get(a.name)).padStart(4, '0') : null,
    excluded: a.collective ? a.excluded : null,
  })
  const sensitive = fields.captions.some((c) => /^SENSITIVE\b/.test(c))
  const budget = stamp.sectionBudget ?? SECTION_BUDGET

  return composeFields({
    date: at.toISOString(),
    precedence: fields.precedence,
    infoPrecedence: highestPrecedence(stamp.addressees.filter((a) => a.role === 'info').map((a) => a.precedence)),
    from: originPost.plad,
    mrnOrigin: originPost.origin,
    serial,
    level,
    // filed under the level and the caveats of every caption, as access control reads them, labelled as the parser
    // and the archive label the text (every caveat: `SECRET//NOFORN/EXDIS`), so the telegram reads back the same
    classification: classificationLabel(level === 'UNCLASSIFIED' && sensitive ? 'SBU' : level, fields.captions.flatMap(caveatsOfCaption)),
    captions: fields.captions,
    to: stamp.addressees.filter((a) => a.role === 'action').map(addressee),
    info: stamp.addressees.filter((a) => a.role === 'info').map(addressee),
    // a DECL date in any form the spec allows goes out in the usual one (MM/DD/YYYY), other values as typed
    eo: { order: fields.eo.order, declassify: fields.eo.declassify },
    tags: fields.tags,
    subject: fields.subject,
    references: fields.references.map(referenceOf),
    classifiedBy: fields.classifiedBy,
    paragraphs: fields.body,
    unnumberedLone: true,
    signers: fields.signature,
    profile: 'web',
    envelope: {
      transmission: { channel: 'XRO', sequence: ssn },
      routing: { prosign: prosignOf(top).repeat(2), routes: routes.length ? routes : [station] },
      station: { route: station, serial: ssn, filed: filingTime(at) },
    },
    sections: (blocks) => splitSections(blocks, budget),
  })
}
