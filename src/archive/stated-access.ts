import type { Cable } from '../format/model.js'
import { caveatsOfCaption, LEVEL_RANK, classificationLabel, RESTRICTIVE_CAVEATS, UNREADABLE_MARKING_LABEL, type Level } from '../format/classification.js'
import { legibleCaveats, markingParts, parseMarking } from '../format/marking.js'
import { readHeaderCaptions } from './disguised-caveats.js'
import { statedElsewhereInText } from './level-statements.js'

/** Rank given to a cable whose level nothing in it states: fail closed, only the highest clearance sees it. */
export const UNKNOWN_LEVEL_RANK = LEVEL_RANK['TOP SECRET']

const RESTRICTIVE: readonly string[] = RESTRICTIVE_CAVEATS

export { UNREADABLE_MARKING_LABEL }

export interface CableAccess {
  level: number
  caveats: string[]
  /**
   * Label (`SECRET//NOFORN`, `CONFIDENTIAL//ORCON/NOFORN`: every caveat it is filed under, `classificationLabel`); `UNREADABLE_MARKING_LABEL` when a marking cannot be read; null when
   * no level is stated anywhere.
   */
  classification: string | null
}

/**
 * What a cable's header and parsed marks state about who may read it, before its body is read portion by portion:
 * the highest of the overall classification, the container's classification, the subject's and the numbered
 * paragraphs' marks; the restrictive caveats they and the captions name (spec §7 rule 4). SBU without a higher level
 * comes from the SENSITIVE caption. Every marking is read by the one marking parser (format/marking): a
 * self-contradicting one (REL TO with NOFORN) counts as its stricter reading (NOFORN; the parser's BAD_MARKING
 * diagnostic says so), any other marking it refuses fails closed at TOP SECRET, as does a cable whose overall level
 * nothing states (no class line, FL4, banner or publisher metadata: portion marks alone only ever raise a stated
 * level). A level stated elsewhere (the FL4 security group, a class-word banner line, a header's administrative
 * control line: `statedElsewhereInText`) raises a stated level, never states one alone; the caveats a banner marking
 * names (`SECRET NOFORN`) are demanded. `cableAccess` raises this by
 * every portion the releasable rendering reads.
 *
 * This is the one rule for where a cable's overall level comes from, used both when the archive files a cable
 * (`cableAccess`, with `statedElsewhere` the publisher's classification field) and when the releasable rendering
 * judges its unmarked portions (`filedUnder`: the level and caveats the archive filed it under, which were read
 * from those same statements; a stored text no longer carries its publisher's fields). So a record whose level only
 * its publisher states (a CFPF row: `SECRET` in a column, no class line in the body) is rendered at that level, as
 * it is filed, and a cable whose level nothing states is filed and rendered at TOP SECRET alike (QA 14r7 W4).
 *
 * @example
 *   statedAccess(parseCable(text)) // { level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' }
 *   statedAccess(parseCable('1. Unmarked.', { plain: true }), null, { level: 3, caveats: [] }) // { level: 3, caveats: [], classification: 'SECRET' }
 */
export function statedAccess(cable: Cable, statedElsewhere: string | null = null, filedUnder: { level: number; caveats: readonly string[] } | null = null): CableAccess {
  let rank = -1
  let unreadable = false
  const caveats = new Set<string>()
  // the archive's filing states the level (and caveats) it was read from: at least what the text states, or
  // TOP SECRET when nothing did
  if (filedUnder) {
    rank = Math.max(rank, filedUnder.level)
    for (const c of filedUnder.caveats) caveats.add(c)
  }
  const read = (marking: string) => {
    const r = parseMarking(marking)
    // a marking that contradicts itself (REL TO with NOFORN) is filed under its stricter reading; one nobody can
    // read may name any level
    const parts = r.ok ? r.parts : r.failClosed
    if (!parts) {
      unreadable = true
      // and it still demands every restricting caveat a reader recognises in it (`SECRET//SI//NF`: NOFORN; QA 10 F1)
      for (const caveat of legibleCaveats(marking)) caveats.add(caveat)
      return
    }
    if (parts.level !== null) rank = Math.max(rank, LEVEL_RANK[parts.level])
    // every caveat is kept here; only the restrictive ones are filed (the list below)
    for (const c of parts.caveats) for (const caveat of caveatsOfCaption(c)) caveats.add(caveat)
  }
  // a classification the parser inferred from the portion marks alone (no class line, FL4 or banner) states
  // nothing: marks can be missed or mislaid (a heading marked (U) in a SECRET text), so it does not count
  for (const value of statedValues(cable, statedElsewhere)) read(value)
  const levelStated = rank >= 0
  // a level the envelope, a banner line or a header's administrative control line states raises a stated level
  // (never states one alone: an UNCLASSIFIED banner would lower the TOP SECRET of a cable nothing else classifies)
  const elsewhere = statedElsewhereInText(cable)
  if (levelStated) rank = Math.max(rank, elsewhere.rank)
  // an envelope security warning not understood (`ZNY SSSS`) may state any level (fail closed)
  if (elsewhere.unreadable) unreadable = true
  // a caveat only ever narrows who reads: demanded whether or not a level is stated
  for (const caveat of elsewhere.caveats) caveats.add(caveat)
  for (const caption of cable.captions) {
    const c = caption.toUpperCase().replace(/\s+/g, ' ').trim()
    for (const caveat of caveatsOfCaption(c)) caveats.add(caveat)
    if (c === 'SENSITIVE' || c === 'SENSITIVE BUT UNCLASSIFIED') rank = Math.max(rank, LEVEL_RANK.SBU)
  }
  // an HTML page whose cable text holds markup that can hide text (CSS, scripts): its marks cannot be read as the
  // page shows them, so its marking is not understood (fail closed)
  if (cable.diagnostics.some((d) => d.code === 'HTML_HIDDEN_TEXT')) unreadable = true
  // a caveat the header shows but spells past the caption reader (`NОFORN`, `NOF0RN`, `NO-FORN`) is demanded
  // and a caption line spelt with separators between its letters (`N.O.F.O.R.N`, `N/O/D/I/S`) is the caption it
  // spells; a caption line of controls nobody here reads (`SI`, `TK`) may restrict anyone (fail closed)
  const header = readHeaderCaptions(cable)
  for (const caveat of header.caveats) caveats.add(caveat)
  if (header.unreadable.length) unreadable = true
  if (cable.subjectMarking) read(cable.subjectMarking)
  for (const p of cable.paragraphs) if (p.marking) read(p.marking)
  const list = RESTRICTIVE.filter((c) => caveats.has(c))
  // an unreadable marking may name any level: only the highest clearance reads the cable
  if (unreadable) return { level: UNKNOWN_LEVEL_RANK, caveats: list, classification: UNREADABLE_MARKING_LABEL }
  if (!levelStated) return { level: UNKNOWN_LEVEL_RANK, caveats: list, classification: null }
  const level = (Object.keys(LEVEL_RANK) as Level[]).find((l) => LEVEL_RANK[l] === rank)!
  return { level: rank, caveats: list, classification: classificationLabel(level, list) }
}

/**
 * The markings that state a cable's overall classification: its class line (unless the parser inferred it from the
 * portion marks alone: marks can be missed or mislaid, so it states nothing), its container's classification, and
 * `statedElsewhere` (the publisher's field); blank ones left out.
 */
function statedValues(cable: Cable, statedElsewhere: string | null): string[] {
  const inferred = cable.diagnostics.some((d) => d.code === 'NO_CLASS_LINE')
  const stated = [inferred ? null : cable.classification, cable.container?.metadata['classification'] ?? null, statedElsewhere]
  return stated.filter((v): v is string => v !== null && v.trim() !== '')
}

/**
 * Whether what states the whole cable's classification is a marking nobody can read (QA 14 round 9, F3): its class
 * line, container classification or `statedElsewhere` (`SECRET//SI`: a control this archive reads no caveat for), or
 * a line of its caption block made of such controls (`TK`, `SI/TK` under the class line: `readHeaderCaptions`, F4),
 * which states the same of the whole cable as `SECRET//TK` does. Such a
 * statement covers every portion, as a caveat on the class line does (spec §7 rules 4, 5 and 8): the releasable
 * rendering demands the cable's filing (TOP SECRET, marking not understood) of every portion, so nobody below it
 * reads any. An unreadable subject or paragraph mark is the portion's own and withholds that portion only; an FL4
 * security warning not understood (`ZNY SSSS`, wire noise beside a readable class line) or markup that can hide
 * text raise the filing only (their portions are judged by their marks, as before).
 *
 * @example
 *   statementUnreadable(parseCable('SECRET//SI QUORIN 000717\n…')) // true
 *   statementUnreadable(parseCable('S E C R E T QUORIN 000717\n…\n2. (S//ZZ) …')) // false: a portion's mark
 */
export function statementUnreadable(cable: Cable, statedElsewhere: string | null = null): boolean {
  return statedValues(cable, statedElsewhere).some((v) => markingParts(v) === null) || readHeaderCaptions(cable).unreadable.length > 0
}
