import { overallClassification, securityGroupFor, type Level } from './classification.js'
import { dtgParts } from './dates.js'
import { referenceKind } from './references.js'
import { declValue, formatDeclDate } from './eo.js'
import { buildId } from './ids.js'
import type { Addressee, Cable, Envelope, PrecedenceWord, Reference, TextBlock } from './model.js'
import { precedenceRank, prosignOf } from './precedence.js'

/** One drafted text block after the subject: a portion (numbered paragraph) or literal lines (lists, headings). */
export type ComposeBlock = { marking: string | null; text: string } | { lines: string[] }

/** The fields a drafter states; everything else of a telegram follows from them. */
export interface ComposeFields {
  /** ISO 8601 UTC date-time of the DTG; seconds are dropped. */
  date: string
  precedence: PrecedenceWord
  /**
   * Highest precedence among the INFO addressees. FL5 carries it after the action prosign when it is a
   * lower one (ACP-127 dual precedence); absent, FL5 carries the action precedence alone.
   */
  infoPrecedence?: PrecedenceWord | null
  /** FM address, e.g. `SECSTATE WASHDC`. */
  from: string
  /** Origin as the MRN prints it, e.g. `STATE`, `SAO PAULO`. */
  mrnOrigin: string
  serial: number
  /** Level of the class line; SBU goes out as UNCLAS with the SENSITIVE caption. */
  level: Level
  /**
   * The publisher classification when the caller has decided it (release marks by level and the caveats of
   * every caption); absent, it is derived from the level and captions as the parser derives it.
   */
  classification?: string
  captions: string[]
  /**
   * Addressees as the header prints them, MCNs (`serial`) included. `excluded` says what the caller knows:
   * an array for a collective (its XMT exclusions, maybe none), null for a post.
   */
  to: Addressee[]
  info: Addressee[]
  /**
   * `declassify`: `N/A`, a date in any form the spec allows (§5.5: `MM/DD/YYYY`, `M/D/YY`, `YYYY/MM/DD`,
   * `D/M/YYYY`) or ISO, or any other DECL value (`OADR`, `X1, X5`, event text), with or without `DECL:`.
   * A date goes out in the usual form `DECL: MM/DD/YYYY` and the model holds it as the parser reads it
   * (ISO), so the telegram reads back as composed whatever form the drafter typed.
   */
  eo: { order: string; declassify: string }
  tags: string[]
  subject: { marking: string | null; text: string }
  /** REF items in order; lettered A, B, … when there are several. `id`: the cited cable's canonical id, if known. */
  references: { text: string; id?: string | null }[]
  classifiedBy: string | null
  /** Text blocks after the subject: portions are numbered 1, 2, … in order, literal lines are not. */
  paragraphs: ComposeBlock[]
  /**
   * A lone portion goes out unnumbered, as text with its portion mark (5 FAH-1 H-246.2 b), and counts as
   * paragraph 0. Archived cables often number it anyway, so the composer numbers it unless asked.
   */
  unnumberedLone?: boolean
  signers: string[]
  profile: 'web' | 'telegram'
  /** Format lines 1–3 when the caller routes the telegram; FL3's section is filled in here. Absent: none. */
  envelope?: {
    transmission: Envelope['transmission']
    routing: Envelope['routing']
    station: { route: string; serial: string; filed: string } | null
  }
  /**
   * Cuts the text after the class line into sections (SMART's page budget is the caller's); each section
   * after the first opens with a page header and the subject repeated. Absent: one section.
   */
  sections?: (blocks: TextBlock[]) => TextBlock[][]
}

/** Subject repeats after a page header are cut at this length (spec §5.3 and §11.2: one sample, 115). */
const SUBJECT_REPEAT_MAX = 115

/** The 6-digit MRN serial as the class line prints it. */
export const mrnSerial = (serial: number) => String(serial).padStart(6, '0')

const isSensitive = (caption: string) => /^SENSITIVE\b/.test(caption)
const pad = (n: number, width: number) => String(n).padStart(width, '0')

/**
 * Builds a Cable from drafted fields alone, for the canonical renderer: envelope, header, class line,
 * captions, E.O./TAGS/SUBJECT block, REF, Classified By, paragraphs and literal lines, signature, cut into
 * sections with page headers when asked. The public fields say what the text says.
 *
 * @example
 *   renderCanonical(composeCable(fields)) // a standard telegram
 */
export function composeCable(f: ComposeFields): Cable {
  const d = new Date(f.date)
  const when = dtgParts(d)
  const serial6 = mrnSerial(f.serial)
  const classified = f.level === 'CONFIDENTIAL' || f.level === 'SECRET' || f.level === 'TOP SECRET'
  const web = f.profile === 'web'
  // SBU travels as UNCLAS with the SENSITIVE caption (spec §7 rule 3): without it the telegram, read back,
  // would be plain UNCLASSIFIED
  const captions = f.level === 'SBU' && !f.captions.some(isSensitive) ? ['SENSITIVE', ...f.captions] : [...f.captions]
  const references: Reference[] = f.references.map((r, i) => ({
    letter: f.references.length > 1 ? String.fromCharCode(65 + i) : null,
    id: r.id ?? null,
    text: r.text,
    kind: r.id ? 'cable' : referenceKind(r.text),
  }))

  const head: TextBlock[] = []
  if (captions.length) head.push({ type: 'captions', lines: [...captions] })
  const declassify = declValue(f.eo.declassify) ?? 'N/A'
  head.push({ type: 'eo', text: `E.O. ${f.eo.order}: ${declWording(declassify)}` })
  // E.O., TAGS and SUBJECT form one block, as in the seed
  head.push({ type: 'tags', tags: [...f.tags], links: web, tight: true })
  head.push({ type: 'subject', marking: f.subject.marking, text: f.subject.text, label: 'SUBJECT', tight: true })
  if (references.length) head.push({ type: 'ref', text: 'REF: ' + references.map((r) => (r.letter ? `${r.letter}. ${r.text}` : r.text)).join(' ') })
  if (f.classifiedBy) head.push({ type: 'classifiedBy', text: `Classified By: ${f.classifiedBy}` })

  const lone = (f.unnumberedLone ?? false) && f.paragraphs.filter((b) => !('lines' in b)).length === 1
  const paragraphs: Cable['paragraphs'] = []
  const text: TextBlock[] = []
  for (const b of f.paragraphs) {
    if ('lines' in b) text.push({ type: 'lines', lines: [...b.lines] })
    else if (lone) {
      paragraphs.push({ number: 0, marking: b.marking, text: b.text })
      text.push({ type: 'lines', lines: [`${b.marking ? `(${b.marking}) ` : ''}${b.text}`] })
    } else {
      const number = paragraphs.length + 1
      paragraphs.push({ number, marking: b.marking, text: b.text })
      text.push({ type: 'para', number, marking: b.marking, text: b.text, pilcrow: web })
    }
  }
  const tail: TextBlock[] = f.signers.length ? [{ type: 'signature', lines: [...f.signers] }] : []
  const blocks = [...head, ...text, ...tail]
  const sections = f.sections ? f.sections(blocks) : [blocks]
  const total = sections.length

  const subjectRepeat = `SUBJECT: ${f.subject.marking ? `(${f.subject.marking}) ` : ''}${f.subject.text}`.slice(0, SUBJECT_REPEAT_MAX)
  const body: TextBlock[] = [
    { type: 'classLine', level: f.level === 'SBU' ? 'UNCLASSIFIED' : f.level, spaced: classified, section: total > 1 ? { number: '01', of: pad(total, 2) } : null, origin: f.mrnOrigin, serial: serial6, extra: null },
  ]
  sections.forEach((section, i) => {
    if (i > 0) {
      body.push({ type: 'pageHeader', text: `${f.mrnOrigin} ${pad(f.serial, 8)} ${pad(i + 1, 3)} OF ${pad(total, 3)}` })
      body.push({ type: 'lines', lines: [subjectRepeat] })
    }
    body.push(...section)
  })

  const station = f.envelope?.station
  return {
    id: buildId(when.year, f.mrnOrigin, String(f.serial)),
    date: d.toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z'),
    dateSource: { basis: 'read', from: ['dtg'], precision: 'minute' },
    origin: f.from,
    precedence: f.precedence,
    classification: f.classification ?? overallClassification(f.level, captions),
    captions,
    tags: [...f.tags],
    subject: f.subject.text,
    to: addresseeList(f.to),
    info: addresseeList(f.info),
    references,
    paragraphs,
    summary: null,
    comment: null,
    signers: [...f.signers],
    eo: { order: f.eo.order, declassify },
    classifiedBy: f.classifiedBy ? { name: f.classifiedBy, title: null, reasons: [...f.classifiedBy.matchAll(/1\.4\s*\(([a-h])\)/gi)].map((m) => `1.4(${m[1].toLowerCase()})`) } : null,
    sections: total,
    diagnostics: [],
    rawId: `${when.year}${f.mrnOrigin.replace(/[^A-Z]/g, '')}${serial6}`,
    mrn: { origin: f.mrnOrigin, serial: serial6 },
    subjectMarking: f.subject.marking,
    envelope: {
      transmission: f.envelope?.transmission ?? null,
      routing: f.envelope?.routing ?? null,
      station: station ? { route: station.route, serial: station.serial, section: total > 1 ? '01' : null, filed: station.filed } : null,
      security: { opsig: classified ? 'ZNY' : 'ZNR', group: securityGroupFor(f.level), signals: ['ZZH'] },
      dtg: { precedence: fl5(f.precedence, f.infoPrecedence ?? null), ...when, signals: [] },
    },
    body,
    layout: { profile: f.profile, leadingEmptyLines: web ? 2 : 0, finalNewline: !web, crlf: false },
    spans: {},
    tagSpans: [],
    captionSpans: [],
    segments: [],
    unavailable: null,
    trailer: null,
    container: null,
  }
}

/** The E.O. line's value after the order (a `declValue`): `N/A`, or `DECL: …` with a date as `MM/DD/YYYY`. */
function declWording(declassify: string): string {
  if (declassify === 'N/A') return declassify
  return `DECL: ${/^\d{4}-\d{2}-\d{2}$/.test(declassify) ? formatDeclDate(declassify) : declassify}`
}

/** FL5 prosigns: the action precedence, then the info precedence when it is a lower one. */
function fl5(action: PrecedenceWord, info: PrecedenceWord | null): string[] {
  const lower = info !== null && prosignOf(info) !== prosignOf(action) && precedenceRank(info) > precedenceRank(action)
  return lower ? [prosignOf(action), prosignOf(info)] : [prosignOf(action)]
}

/**
 * In wire form the lines after `XMT` are exclusions until a line with a routing indicator or precedence,
 * so a bare PLAD after them would read as one more exclusion: collectives with exclusions go last.
 */
function addresseeList(list: Addressee[]): Addressee[] | null {
  if (!list.length) return null
  const copies = list.map((a) => ({ ...a, excluded: a.excluded ? [...a.excluded] : null }))
  const excluding = (a: Addressee) => (a.excluded?.length ?? 0) > 0
  return [...copies.filter((a) => !excluding(a)), ...copies.filter(excluding)]
}
