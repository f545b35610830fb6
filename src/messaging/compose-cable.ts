import type { Addressee, Cable, Reference, TextBlock } from '../format/model.js'
import { caveatsOfCaption, LEVEL_RANK, publisherClassification, securityGroupFor, type Level } from '../format/classification.js'
import { buildId, canonicalId } from '../format/ids.js'
import { LEVEL_NAMES } from './access.js'
import { dtgParts, filingTime } from '../format/dates.js'
import { prosignOf, PRECEDENCE_RANK } from './precedence.js'
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

/** Seed-era subject repeats after a page header are cut at this length (spec §5.3 and §11.2: one sample, 115). */
const SUBJECT_REPEAT_MAX = 115

const levelOf = (name: string): Level => (LEVEL_NAMES as readonly string[]).includes(name) ? (name as Level) : 'UNCLASSIFIED'

/** The 6-digit MRN serial as the class line prints it. */
export const mrnSerial = (serial: number) => String(serial).padStart(6, '0')

/** A cited cable as a REF item is written: `26 STATE 12` (year, origin, serial), or the text as given. */
function referenceOf(written: string, letter: string | null): Reference {
  const id = canonicalId(written)
  const parts = id ? /^(\d\d)([A-Z]+)(\d+)$/.exec(id) : null
  return { letter, id, text: parts ? `${parts[1]} ${parts[2]} ${parts[3]}` : written }
}

/**
 * Addressees in header order: a collective with XMT exclusions goes last in its list, because the XMT
 * lines that follow it continue until the next prefixed line and would otherwise swallow the next addressee.
 */
function headerOrder(list: ResolvedAddressee[]): ResolvedAddressee[] {
  return [...list.filter((a) => !a.excluded.length), ...list.filter((a) => a.excluded.length)]
}

/**
 * Builds the Cable a release produces from a draft's fields and the release stamp: envelope FL1–FL5,
 * header, class line, captions, E.O., TAGS, SUBJECT, REF, classified-by, body and signature, cut into
 * sections with SMART page headers. The canonical renderer turns it into the telegram.
 */
export function composeCable(fields: DraftFields, stamp: ReleaseStamp): Cable {
  const { originPost, serial, at } = stamp
  const when = dtgParts(at)
  const year = at.getUTCFullYear()
  const level = levelOf(fields.classification)
  // SBU travels as UNCLAS with the SENSITIVE caption (spec §7 rule 3): without it the telegram, read back,
  // would be plain UNCLASSIFIED
  const captions = level === 'SBU' && !fields.captions.some((c) => /^SENSITIVE\b/.test(c)) ? ['SENSITIVE', ...fields.captions] : fields.captions
  const sensitive = captions.some((c) => /^SENSITIVE\b/.test(c))
  const effective: Level = level === 'UNCLASSIFIED' && sensitive ? 'SBU' : level
  const caveats = [...new Set(captions.flatMap(caveatsOfCaption))]
  const origin = originPost.origin
  const classified = LEVEL_RANK[level] >= LEVEL_RANK.CONFIDENTIAL

  const references = fields.references.map((r, i) => referenceOf(r, fields.references.length > 1 ? String.fromCharCode(65 + i) : null))
  const eoValue = fields.eo.declassify === 'N/A' || /^DECL\b/i.test(fields.eo.declassify) ? fields.eo.declassify : `DECL: ${fields.eo.declassify}`
  const head: TextBlock[] = []
  if (captions.length) head.push({ type: 'captions', lines: [...captions] })
  head.push({ type: 'eo', text: `E.O. ${fields.eo.order}: ${eoValue}` })
  // E.O., TAGS and SUBJECT form one block, as in the seed
  head.push({ type: 'tags', tags: [...fields.tags], links: true, tight: true })
  head.push({ type: 'subject', marking: fields.subject.marking, text: fields.subject.text, label: 'SUBJECT', tight: true })
  if (references.length) head.push({ type: 'ref', text: 'REF: ' + references.map((r) => (r.letter ? `${r.letter}. ${r.text}` : r.text)).join(' ') })
  if (fields.classifiedBy) head.push({ type: 'classifiedBy', text: `Classified By: ${fields.classifiedBy}` })

  let number = 0
  // a lone paragraph is not numbered (5 FAH-1 H-246.2 b): it goes out as text with its portion mark
  const lone = fields.body.filter((b) => !('lines' in b)).length === 1
  const text: TextBlock[] = fields.body.map((b) =>
    'lines' in b
      ? { type: 'lines', lines: [...b.lines] }
      : lone
        ? { type: 'lines', lines: [`${b.marking ? `(${b.marking}) ` : ''}${b.text}`] }
        : { type: 'para', number: ++number, marking: b.marking, text: b.text, pilcrow: true },
  )
  const portions = fields.body.flatMap((b, i) => ('lines' in b ? [] : [{ number: lone ? 0 : i + 1, marking: b.marking, text: b.text }]))
  const tail: TextBlock[] = fields.signature.length ? [{ type: 'signature', lines: [...fields.signature] }] : []
  const sections = splitSections([...head, ...text, ...tail], stamp.sectionBudget ?? SECTION_BUDGET)
  const total = sections.length
  const nn = (n: number) => String(n).padStart(2, '0')
  const subjectLine = `SUBJECT: ${fields.subject.marking ? `(${fields.subject.marking}) ` : ''}${fields.subject.text}`.slice(0, SUBJECT_REPEAT_MAX)
  const body: TextBlock[] = [
    { type: 'classLine', level: level === 'SBU' ? 'UNCLASSIFIED' : level, spaced: classified, section: total > 1 ? { number: '01', of: nn(total) } : null, origin, serial: mrnSerial(serial), extra: null },
  ]
  sections.forEach((blocks, i) => {
    if (i > 0) {
      const sss = (n: number) => String(n).padStart(3, '0')
      body.push({ type: 'pageHeader', text: `${origin} ${String(serial).padStart(8, '0')} ${sss(i + 1)} OF ${sss(total)}` })
      body.push({ type: 'lines', lines: [subjectLine] })
    }
    body.push(...blocks)
  })

  const addressee = (a: ResolvedAddressee): Addressee => ({
    route: a.route,
    name: a.name,
    precedence: a.precedence,
    serial: a.collective ? null : stamp.mcn.has(a.name) ? String(stamp.mcn.get(a.name)).padStart(4, '0') : null,
    excluded: a.collective ? [...a.excluded] : null,
  })
  const action = fields.precedence
  const infoWords = stamp.addressees.filter((a) => a.role === 'info').map((a) => a.precedence)
  const infoTop = infoWords.sort((a, b) => PRECEDENCE_RANK[a] - PRECEDENCE_RANK[b])[0]
  const fl5 = [prosignOf(action), ...(infoTop && prosignOf(infoTop) !== prosignOf(action) && PRECEDENCE_RANK[infoTop] > PRECEDENCE_RANK[action] ? [prosignOf(infoTop)] : [])]
  const top = stamp.recipients.map((r) => r.precedence).sort((a, b) => PRECEDENCE_RANK[a] - PRECEDENCE_RANK[b])[0] ?? action
  const routes = [...new Set(stamp.recipients.map((r) => stamp.routes.get(r.post)).filter((r): r is string => !!r))].sort()
  const ssn = String(serial % 10000).padStart(4, '0')
  const id = buildId(year, origin, String(serial))

  return {
    id,
    date: new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString().replace('.000Z', 'Z'),
    origin: originPost.plad,
    precedence: action,
    classification: publisherClassification(effective, caveats),
    captions: [...captions],
    tags: [...fields.tags],
    subject: fields.subject.text,
    to: headerOrder(stamp.addressees.filter((a) => a.role === 'action')).map(addressee),
    info: headerOrder(stamp.addressees.filter((a) => a.role === 'info')).map(addressee),
    references,
    // every portion, the lone unnumbered one included, so its mark counts towards the cable's level
    paragraphs: portions,
    summary: null,
    comment: null,
    signers: [...fields.signature],
    eo: { order: fields.eo.order, declassify: fields.eo.declassify },
    classifiedBy: fields.classifiedBy ? { name: fields.classifiedBy, title: null, reasons: [...fields.classifiedBy.matchAll(/1\.4\s*\(([a-h])\)/gi)].map((m) => `1.4(${m[1].toLowerCase()})`) } : null,
    sections: total > 1 ? total : null,
    diagnostics: [],
    rawId: `${when.year}${origin.replace(/[^A-Z]/g, '')}${mrnSerial(serial)}`,
    mrn: { origin, serial: mrnSerial(serial) },
    subjectMarking: fields.subject.marking,
    envelope: {
      transmission: { channel: 'XRO', sequence: ssn },
      routing: { prosign: prosignOf(top).repeat(2), routes: routes.length ? routes : [originPost.route ?? 'RUEHC'] },
      station: { route: originPost.route ?? 'RUEHC', serial: ssn, section: total > 1 ? '01' : null, filed: filingTime(at) },
      security: { opsig: classified ? 'ZNY' : 'ZNR', group: securityGroupFor(level), signals: ['ZZH'] },
      dtg: { precedence: fl5, ...when, signals: [] },
    },
    body,
    layout: { profile: 'web', leadingEmptyLines: 2, finalNewline: false, crlf: false },
    spans: {},
    tagSpans: [],
    captionSpans: [],
    segments: [],
    container: null,
  }
}
