import { LEVEL_RANK, classificationLabel, RESTRICTIVE_CAVEATS, type Level } from '../format/classification.js'
import { legibleCaveats, markWordKind, parseMarking } from '../format/marking.js'
import type { Cable, SegmentKind } from '../format/model.js'
import { EXACT_PAGE_HEADER, SMART_PAGE_HEADER } from '../format/page-header.js'
import { withLineFeeds } from '../format/lines.js'
import { parseCable } from '../format/parse.js'
import { registerPortionsOf } from '../store/portion-access.js'
import type { Access, DateSourceRecord, PortionRecord, PortionSource } from '../store/store.js'
import { statedAccess, statementUnreadable } from './stated-access.js'
import { bodyPortions, innerMarks, isBody, MARK_WORD, raisedBy, readPortionMark, splitMarks, type BodyPortion, type Overall } from './body-portions.js'
import { headerPieces, marksOfText } from './header-portions.js'
import { recordCaptions, recordTags } from './record-fields.js'

export { readPortionMark, type Overall } from './body-portions.js'

/**
 * Releasable rendering: a cable as a reader at a given clearance may see it. Every portion (subject,
 * numbered paragraph with its continuation lines, unnumbered text) whose mark is above the reader's level
 * or names a caveat he does not hold is replaced by one line stating what was withheld and why; an unmarked
 * portion counts as the cable's overall classification (the highest of its class line, captions and portion
 * marks, spec §7 rule 1); a mark that cannot be read is withheld from every reader, as TOP SECRET. Every portion also
 * demands every caveat of the cable (distribution captions NODIS, EXDIS, LIMDIS, STADIS, CHEROKEE, SPECAT restrict
 * every copy whatever its level, spec §7 rules 5 and 8; NOFORN and ORCON, captioned or propagated by rule 4, fail
 * closed the same way): a reader without them reads no portion of the cable. A placeholder never
 * carries a portion mark below the level of what it stands for: a readable mark is kept, an unmarked portion's
 * placeholder is marked at the overall level when the class line states that level, and otherwise (and for an
 * unreadable mark) the placeholder carries no portion mark. Header lines (envelope, FM/TO/INFO, class
 * line, captions, E.O., TAGS, Classified by) and the signature are shown as far as they are what their kind says
 * (`headerPieces`): body text folded into a header segment is a portion judged by the marks it holds (`marksIn`; the
 * highest, an unreadable one withheld from everyone), unmarked at the overall level. A page header that
 * repeats a withheld subject is withheld with it.
 */

export interface WithheldPortion {
  /** `subject`, `paragraph 3`, `text` (unnumbered), `reference`, `page header`. */
  portion: string
  /** The portion mark as written, null when the portion is unmarked or its mark unreadable. */
  mark: string | null
  /**
   * Why: `marked SECRET//NOFORN, above CONFIDENTIAL`, `unmarked: treated as the overall SECRET, above CONFIDENTIAL`,
   * `portion mark not understood, treated as TOP SECRET` (withheld from every reader; the mark's own text is not
   * repeated: what a mark nobody can read says may be part of what it withholds).
   */
  reason: string
}

export interface Redaction {
  text: string
  withheld: WithheldPortion[]
  /** Label of the reader the rendering is for (`CONFIDENTIAL`, `SECRET//NOFORN`). */
  reader: string
}

const LEVELS = Object.keys(LEVEL_RANK) as Level[]
const levelName = (rank: number) => LEVELS.find((l) => LEVEL_RANK[l] === rank) ?? 'TOP SECRET'
const RESTRICTIVE: readonly string[] = RESTRICTIVE_CAVEATS

/** Shown to the reader, or the reason it is not. */
function decideAccess(demand: { level: number; caveats: readonly string[] }, reader: Access): string | null {
  if (demand.level > reader.level) return `above ${levelName(reader.level)}`
  const missing = demand.caveats.filter((c) => !reader.caveats.includes(c))
  return missing.length ? `needs ${missing.join(', ')}` : null
}

// the Classified-by line states who classified the cable and why (spec §5.6): a release shows it, and an archive
// lint requires it on every classified cable
const HEADER: ReadonlySet<SegmentKind> = new Set(['blank', 'preamble', 'envelope', 'from', 'to', 'info', 'xmt', 'headerOther', 'classLine', 'captions', 'eo', 'tags', 'classifiedBy', 'signature'])

const LEVEL_MARK = ['U', 'SBU', 'C', 'S', 'TS']
const CAVEAT_MARK: Record<string, string> = { NOFORN: 'NF' }

/** The portion mark of a level and caveats: `S//NF`, `C`, `TS//NODIS`. */
export function portionMarkOf(level: number, caveats: readonly string[]): string {
  return [LEVEL_MARK[level] ?? 'TS', ...caveats.map((c) => CAVEAT_MARK[c] ?? c)].join('//')
}

/**
 * Renders `text` for `reader` (`filed`: the level and caveats the archive files it under, see `Overall`). Pure; the cable's own text is never altered, only portions replaced.
 *
 * @example
 *   redactText(secretCableText, { level: 2, caveats: [] }).text
 *   // … "2. (S) [Paragraph 2 withheld: marked SECRET, above CONFIDENTIAL]" …
 */
export function redactText(text: string, reader: Access, filed?: Overall, readable?: ReadableDemand): Redaction {
  const cable = parseCable(text, { plain: true })
  return redactCable(cable, text, reader, filed, undefined, readable)
}

/**
 * For a reader in part of a cable with several texts: whether he may be shown a portion of a demand he meets
 * (`versionAgreement`); a portion of a demand it refuses is withheld as `VERSIONS_DIFFER`.
 */
export type ReadableDemand = (demand: { level: number; caveats: readonly string[] }) => boolean

/** Why a portion the reader is cleared for is withheld from him when the archive's texts of the cable differ in it. */
export const VERSIONS_DIFFER = "its text differs between the archive's versions of this cable"


/**
 * The readable portions of a stored cable's text (`portionsOf` on its plain parse, the parse `redactText`
 * renders from), what the archive indexes for portion-level access.
 */
export function storedPortions(c: Omit<PortionSource, 'key'> & { key?: string }): PortionRecord[] {
  // a cable with no readable id is keyed by the hash of its whole text, and every hit names it by that key: a value
  // computed over its withheld portions too, so such a cable is read whole or not at all
  if (c.key?.startsWith('sha256:')) return []
  const cable = parseCable(c.text, { plain: true })
  // a date, its source and a key left undefined are read as portionsOf reads them when absent
  const stored: StoredFields = { tags: c.tags ?? recordTags(cable), captions: c.captions ?? recordCaptions(cable), date: c.date, dateSource: c.dateSource, key: c.key }
  const portions = portionsOf(cable, c.text, c, stored)
  if (!c.versions?.length) return portions
  // a cable with several texts (a redacted release and a later restored one): a reader below it reads in part only
  // the portions whose demand every version renders alike (`versionAgreement`); each stored record (portion, header
  // text, shown field) carries the demand it is read with, so the others are not stored
  const readable = versionAgreement(c, c.text, cable, c.versions)
  return portions.filter((p) => readable(p))
}

/** The key a demand is told apart by: its level and its caveats. */
// Stryker disable next-line MethodExpression,ArrayDeclaration,StringLiteral: a text's demands all carry the cable's caveats in RESTRICTIVE order (portionDecision, textDecision), so demands of one level differ in caveats only between texts whose marks differ, which every demand's reader is shown apart
const demandKey = (d: { level: number; caveats: readonly string[] }) => `${d.level}:${[...d.caveats].sort().join(',')}`

/**
 * Which portions of a cable with several texts a reader below it may read in part (docs/research.md, "Versions";
 * QA 14 findings 05 and 07, QA 14r7 F3): a predicate on a portion's demand. Which text is shown is chosen over the
 * whole texts, withheld portions included, so a reader may be shown a portion only where which text is shown
 * cannot matter to him, and whether he is must depend on nothing withheld from him:
 *
 * - every version gives the same rendering for a reader cleared for nothing (header lines, portion structure,
 *   marks, placeholders) and the same shown TAGS, captions, date and origin, else no portion (what every reader in
 *   part sees differs);
 * - a demand is readable when every version gives the same rendering to a reader holding exactly that demand
 *   (withheld portions replaced by their placeholders): a function of the text such a reader may read, never of
 *   what is withheld from him. A portion of a readable demand is then the same text in every version; one whose
 *   demand is not readable is withheld (`VERSIONS_DIFFER`), and so is not stored for his search.
 *
 * So a version that differs only inside a withheld paragraph changes nothing a reader sees, and two archives whose
 * versions differ only in a paragraph withheld from him give him the same results, counts, facets and renderings;
 * a version that changes a paragraph he may read (a later release restoring a redacted name) withholds every
 * portion of that demand from readers in part (they read the rest), as that paragraph's text would depend on which
 * version the archive shows.
 */
export function versionAgreement(filed: Overall, shownText: string, shownCable: Cable, others: readonly string[]): (demand: { level: number; caveats: readonly string[] }) => boolean {
  const all = [{ text: shownText, cable: shownCable }, ...others.map((t) => ({ text: t, cable: parseCable(t, { plain: true }) }))]
  const demands = new Map<string, Overall>()
  const outlines = all.map(({ text, cable }) => {
    // Stryker disable next-line ArrayDeclaration: a reader cleared for nothing (level -1) reads no portion whatever caveats he holds
    // header text, and a portion nobody can read, carry no demand
    const lowest = redactCable(cable, text, { level: -1, caveats: [] }, filed, (_key, _kind, demand) => {
      if (demand) demands.set(demandKey(demand), { level: demand.level, caveats: [...demand.caveats] })
    })
    // Stryker disable all: implied by the per-demand comparison below, kept as the rule's first statement: every demand's reader is shown each line the lowest is (header, marks, placeholders), and the fields read off those lines
    const fields = portionsOf(cable, text, filed)
      .filter((p) => p.kind !== 'body' && p.kind !== 'subject')
      .map((p) => `${p.kind}\u0000${p.level}\u0000${p.caveats.join(',')}\u0000${p.text}`)
    return JSON.stringify([lowest.text, fields])
  })
  if (outlines.some((o) => o !== outlines[0])) return () => false
  // Stryker restore all
  const readable = new Set<string>()
  for (const [key, demand] of demands) {
    const renderings = all.map(({ text, cable }) => redactCable(cable, text, demand, filed).text)
    if (renderings.every((r) => r === renderings[0])) readable.add(key)
  }
  return (demand) => readable.has(demandKey(demand))
}

// the engines ask for a cable's portions when they write one with several texts (src/store/portion-access.ts)
registerPortionsOf(storedPortions)


/**
 * The overall level and caveats unmarked portions count at: what the text states together with what the archive
 * files it under, read by the one rule the archive files by (`statedAccess`). A filing states a level, so a text
 * that states none itself (a CFPF record whose class is a publisher's column) counts at the level it is filed
 * under, not at TOP SECRET: the rendering for a reader cleared for the filing withholds nothing, as `show` does.
 */
function overallOf(cable: Cable, text: string, filed: Overall | undefined): Overall {
  // no filing given (a text redacted on its own): statedAccess without one is the cable's own whole-cable access, as
  // the archive would file it (one path for both: a test of `filed` here was an equivalent mutant, issue 15)
  const own = filedAccess(cable, text, statedAccess(cable, null, filed)) // raised as the archive files: `SUBJECT: (SNF)`'s NOFORN whatever the filing
  return { level: own.level, caveats: own.caveats }
}

/** The parenthesised word after a SUBJECT label, where only the subject's portion mark stands. */
const SUBJECT_MARK = new RegExp(String.raw`^\s*SUBJ\w*\s*[:.]?\s*${MARK_WORD}`, 'i')

/** What reading a portion demands; null for a portion nobody reads (an unreadable mark). */
type Demand = { level: number; caveats: string[] } | null

/**
 * Called for every non-blank piece of portion text (which portion, a stable key; subject or body; its demand), and
 * for every piece of header text shown to any reader of the rendering (`header`, no demand of its own; one key per
 * run of header text with nothing else between).
 */
type PortionSink = (key: string, kind: 'subject' | 'body' | 'header', demand: Demand, raw: string) => void

/**
 * The level and caveats reading every portion of a cable demands, as the releasable rendering reads them (raised
 * from `stated`, what its header states): the access the archive files it under, so that a reader it admits is
 * withheld nothing. `unreadable` when the rendering withholds a portion from every reader (a mark nobody can read,
 * at a portion's start or inside its text): the cable may then hold any level.
 */
export function filedAccess(cable: Cable, text: string, stated: Overall): Overall & { unreadable: boolean } {
  let level = stated.level
  const caveats = new Set(stated.caveats)
  let unreadable = false
  // Stryker disable next-line UnaryOperator,ArrayDeclaration: the sink is told each portion's demand, which the reader walked for does not change (it only chooses what is shown)
  const walked = walkPortions(cable, text, { level: -1, caveats: [] }, stated, (_key, kind, demand) => {
    // header text shown as it stands demands nothing of its own
    if (kind === 'header') return
    if (demand === null) unreadable = true
    else {
      level = Math.max(level, demand.level)
      for (const c of demand.caveats) caveats.add(c)
    }
  })
  // a portion nobody reads demands no level of its own, but the cable still demands every restricting caveat its
  // marks name that a reader recognises (`(TS//SI//NF)`: NOFORN; QA 10 F1)
  for (const c of walked.legible) caveats.add(c)
  return { level, caveats: RESTRICTIVE.filter((c) => caveats.has(c)), unreadable }
}

/** As `redactText`, for a cable already parsed from `text`; `filed` as in `Overall`. */
export function redactCable(cable: Cable, text: string, reader: Access, filed?: Overall, sink?: PortionSink, readable?: ReadableDemand): Redaction {
  const { overall: _overall, legible: _legible, ...redaction } = walkPortions(cable, text, reader, overallOf(cable, text, filed), sink, readable)
  return redaction
}

/**
 * The rendering for `reader`, every portion's demand told to `portionSink`; `filed` at least what the text states.
 * Also the overall level and caveats it judged by (`filed` raised by every readable mark of the body).
 */
function walkPortions(given: Cable, givenText: string, reader: Access, filed: Overall, portionSink?: PortionSink, readable?: ReadableDemand): Redaction & { overall: Overall; legible: Set<string> } {
  // a demand the reader meets is still refused when the cable's texts differ in what it reads (`versionAgreement`)
  const decide = (demand: { level: number; caveats: readonly string[] }, r: Access) => decideAccess(demand, r) ?? (readable && !readable(demand) ? VERSIONS_DIFFER : null)
  // a text whose lines end with a lone CR is read, and rendered, with LF there: every reader below splits at \n
  const { cable, text } = withLineFeeds(given, givenText)
  // header text shown as it stands is handed on in runs: a run ends where anything else (a portion, a placeholder)
  // stands between, so a phrase of the index never joins words the rendering parts
  let headerRun = 0
  let inHeader = false
  const sink: PortionSink | undefined = portionSink && ((key, kind, demand, raw) => {
    if (kind !== 'header') inHeader = false
    portionSink(key, kind, demand, raw)
  })
  const shownHeader = (raw: string) => {
    if (!inHeader) headerRun++
    inHeader = true
    sink?.(`header@${headerRun}`, 'header', null, raw)
  }
  const portions = bodyPortions(cable, text)
  const overall = raisedBy(filed, portions)
  const overallLabel = classificationLabel(levelName(overall.level) as Level, overall.caveats)
  const failClosedLabel = classificationLabel('TOP SECRET', overall.caveats)
  // a statement of the whole cable nobody can read (`SECRET//SI` on the class line, `TK` on a caption line:
  // `statementUnreadable`) covers every portion, as a caveat there does: each demands the cable's filing (QA 14r9 F3)
  const wholeUnread = statementUnreadable(cable)
  const floorLevel = wholeUnread ? overall.level : -1
  const floorWhy = ` (the cable's own marking not understood, treated as ${failClosedLabel})`
  const withheld: WithheldPortion[] = []
  // the restricting caveats named by the marks of portions nobody reads (a mark nobody can read, `legibleCaveats`, and
  // the readable marks beside it): no portion's demand carries them, the cable's filing must (`filedAccess`)
  const legible = new Set<string>()
  const portionDecision = (mark: string | null): { reason: string | null; why: string; demand: Demand } => {
    if (mark === null) {
      const r = decide(overall, reader)
      return { reason: r, why: `unmarked: treated as the overall ${overallLabel}, ${r}`, demand: overall }
    }
    const own = readPortionMark(mark.trim(), overall.level)
    // a mark nobody can read may name any level: the portion is withheld from every reader, as TOP SECRET
    if (!own) {
      for (const c of legibleCaveats(mark)) legible.add(c)
      return { reason: 'unreadable', why: `portion mark not understood, treated as ${failClosedLabel}`, demand: null }
    }
    // a portion is never easier to receive than the cable it is part of: the distribution captions (NODIS, EXDIS,
    // LIMDIS, STADIS, CHEROKEE, SPECAT) restrict who may receive any copy of it regardless of level (spec §7
    // rules 5 and 8), and a caveat the cable carries (NOFORN, ORCON, from a caption or propagated from a portion
    // by rule 4) cannot be told apart from one its portions lack: every caveat of the cable is demanded too
    const demand = { level: Math.max(own.level, floorLevel), caveats: RESTRICTIVE.filter((c) => own.caveats.includes(c) || overall.caveats.includes(c)) }
    let r = decide(demand, reader)
    if (r !== null && r.startsWith('needs ')) {
      const missing = demand.caveats.filter((c) => !reader.caveats.includes(c))
      r = `needs ${missing.map((c) => (own.caveats.includes(c) ? c : `${c} (a caveat of the whole cable)`)).join(', ')}`
    }
    return { reason: r, why: `marked ${classificationLabel(levelName(own.level) as Level, own.caveats)}${own.level < floorLevel ? floorWhy : ''}, ${r}`, demand }
  }
  // a parenthesised word where a mark stands that the parser did not take for one (`(Q)`, `(S//ZZ)`) may be a
  // garbled mark: fail closed and treat it as an unreadable one
  const written = (at: number | undefined, lead: RegExp) => {
    const word = at === undefined ? null : (lead.exec(text.slice(at, at + 80))?.[1] ?? null)
    return word !== null && markWordKind(word) !== 'none' ? word : null
  }
  const subjectMark = cable.subjectMarking ?? written(cable.spans.subject?.start.offset, SUBJECT_MARK)
  // a portion's decision raised by the marks standing inside it (where such a portion ends cannot be told): the
  // highest demand of all, and a mark nobody can read withholds it from everyone
  // a portion's decision raised by other marks (`why` says which): the highest demand of all, and a mark nobody can
  // read withholds it from everyone
  type Decision = ReturnType<typeof portionDecision>
  const raisedByMarks = (first: Decision, marks: readonly (string | null)[], unreadableWhy: string, raisedWhy: (mark: string | null) => string) => {
    let d = first
    for (const mark of marks) {
      const e = portionDecision(mark)
      // withheld from everyone already: the caveats of its other marks are still the whole cable's
      if (d.demand === null) {
        for (const c of e.demand?.caveats ?? []) legible.add(c)
        continue
      }
      if (e.demand === null) d = { ...e, why: `${unreadableWhy}, treated as ${failClosedLabel}` }
      else if (e.demand.level > d.demand.level || e.demand.caveats.some((c) => !d.demand!.caveats.includes(c))) {
        const demand = { level: Math.max(d.demand.level, e.demand.level), caveats: RESTRICTIVE.filter((c) => d.demand!.caveats.includes(c) || e.demand!.caveats.includes(c)) }
        const r = decide(demand, reader)
        d = { reason: r, why: `${raisedWhy(mark)}, ${r}`, demand }
      }
    }
    return d
  }
  // raised by the marks standing inside it (where such a portion ends cannot be told)
  const raisedByInner = (first: Decision, inners: readonly string[]) =>
    raisedByMarks(first, inners, 'a portion mark inside it not understood', (inner) => `holds a portion marked (${inner!.trim()})`)
  // the subject, raised by marks inside it (`SUBJECT: (C) TOPIC (S) …`, a wrapped line holding one)
  const subjectSegment = cable.segments.find((s) => s.kind === 'subject')?.raw ?? ''
  const subjectLead = /^\s*SUBJ\w*\s*[:.]?\s*(\([^()\n]{1,24}\))?/i.exec(subjectSegment)
  const subjectBody = subjectSegment.slice(subjectLead?.[0].length ?? 0)
  // controls right after the subject's mark are its own (`SUBJECT: (S)//NF …`, `(S) NF …`: `markTail`, QA 10 F8)
  const subjectInner = subjectBody.split('\n').flatMap((line, n) => innerMarks(line, '', n === 0 && subjectLead?.[1] !== undefined ? subjectLead[1].slice(1, -1) : null))
  const subject = raisedByInner(portionDecision(subjectMark), [...subjectInner, ...splitMarks(subjectBody).map((m) => m.mark)])
  // a placeholder never carries a portion mark below the level of what it stands for (docs/research.md): a
  // readable mark is kept as written; an unmarked portion, withheld at the overall level, gets the overall mark
  // only when that is no higher than the class line states (so the rendering still lints: TXT-017), else none;
  // an unreadable mark is withheld from everyone as TOP SECRET, and its placeholder carries no mark at all (a
  // classified rendering then keeps TXT-016 for it, as its original kept TXT-029 for the unreadable mark)
  const stated = cable.classification ? parseMarking(cable.classification) : null
  const statedLevel = stated?.ok && stated.parts.level !== null ? LEVEL_RANK[stated.parts.level] : -1
  // and only with caveats the text itself states (class line, captions): a caveat only the archive's filing names
  // (publisher metadata) would make the placeholder a NOFORN portion of a cable without the caption (lint TXT-018)
  const statedCaveats = statedAccess(cable).caveats
  const overallMark = overall.level <= statedLevel && overall.caveats.every((c) => statedCaveats.includes(c)) ? portionMarkOf(overall.level, overall.caveats) : null
  // a portion withheld for a higher mark inside it or around it (`2. (C) … (S) …`) than its own carries no mark:
  // its own would state the withheld text releasable at a level below what it holds
  const shownMark = (mark: string | null, d: Decision): string | null => {
    if (d.reason === 'unreadable') return null
    if (mark === null) return overallMark
    const own = portionDecision(mark).demand
    // Stryker disable next-line ConditionalExpression,LogicalOperator,ArrowFunction: both demands are null only for an unreadable decision, returned above; a portion's demand holds every caveat of the cable, which every readable mark's raises (raisedBy)
    const raised = own === null || d.demand === null || d.demand.level > own.level || d.demand.caveats.some((c) => !own.caveats.includes(c))
    return raised ? null : mark
  }
  const marked = (mark: string | null) => (mark === null ? '' : `(${mark}) `)
  // the rendering is appended piece by piece; whether it ends a line is kept beside it, as reading the end of the
  // string each time would flatten it (a string built by += is a rope): quadratic in a cable of 30,000 portions
  let out = ''
  let atLineStart = true
  const append = (piece: string) => {
    if (piece === '') return
    out += piece
    atLineStart = piece.endsWith('\n')
  }
  let offset = 0
  let lastWithheld: string | null = null
  const withhold = (portion: string, mark: string | null, why: string, line: string, raw: string) => {
    if (lastWithheld !== portion) {
      withheld.push({ portion, mark, reason: why })
      // a placeholder starts a line of its own (a header piece before it may end mid-line)
      if (!atLineStart) append('\n')
      append(line + (raw.endsWith('\n') ? '\n' : ''))
    }
    lastWithheld = portion
  }
  // what a piece of text outside the body demands: the highest of the portion marks it holds (one that cannot be
  // read: nobody reads it), unmarked the overall level; `floor`: never less than the overall level; every caveat
  // of the cable is demanded too, as for a paragraph
  const textDecision = (raw: string, floor: boolean, reference: boolean): { reason: string | null; why: string; demand: Demand; mark: string | null } => {
    const marks = marksOfText(raw, reference)
    // no mark: top stays null below, and the text stands at the overall level
    let own = floor ? { level: overall.level, caveats: [...overall.caveats] } : { level: -1, caveats: [] as string[] }
    let top: string | null = null
    let unread = false
    for (const mark of marks) {
      const d = readPortionMark(mark, overall.level)
      if (!d) {
        unread = true
        for (const c of legibleCaveats(mark)) legible.add(c)
        continue
      }
      if (d.level > own.level || (top === null && d.level === own.level)) top = mark
      const before = own
      own = { level: Math.max(before.level, d.level), caveats: RESTRICTIVE.filter((c) => before.caveats.includes(c) || d.caveats.includes(c)) }
    }
    if (unread) {
      // withheld from everyone; the caveats of its readable marks are still the whole cable's
      for (const c of own.caveats) legible.add(c)
      // portionText reads only whether a reason is given: it is the why
      const why = `portion mark not understood, treated as ${failClosedLabel}`
      return { reason: why, why, demand: null, mark: null }
    }
    // marks no higher than the floor: the text stands at the overall level
    if (top === null) return { ...portionDecision(null), mark: null }
    const full = { level: Math.max(own.level, floorLevel), caveats: RESTRICTIVE.filter((c) => own.caveats.includes(c) || overall.caveats.includes(c)) }
    let r = decide(full, reader)
    if (r !== null && r.startsWith('needs ')) {
      const missing = full.caveats.filter((c) => !reader.caveats.includes(c))
      r = `needs ${missing.map((c) => (own.caveats.includes(c) ? c : `${c} (a caveat of the whole cable)`)).join(', ')}`
    }
    return { reason: r, why: `marked ${classificationLabel(levelName(own.level) as Level, own.caveats)}${own.level < floorLevel ? floorWhy : ''}, ${r}`, demand: full, mark: top }
  }
  // a piece of text outside the body (header text that is not what its kind says, unplaced text, a REF block):
  // shown, or one placeholder line saying why; indexed with the same demand
  const portionText = (key: string, raw: string, floor: boolean, reference = false) => {
    const d = textDecision(raw, floor, reference)
    sink?.(key, 'body', d.demand, raw)
    if (d.reason === null) {
      append(raw)
      lastWithheld = null
      return
    }
    const name = reference ? 'reference' : 'text'
    withhold(`${name}@${key}`, d.mark, d.why, `${reference ? referenceLabel(raw) : ''}[${reference ? 'Reference' : 'Text'} withheld: ${d.why}]`, raw)
    withheld[withheld.length - 1].portion = name
  }
  // the body, line by line, cut into portions (docs/research.md, "Portions"): a numbered paragraph, or any line
  // that begins with a portion mark (after an optional sub-item enumerator `A.`, `(1)`, `-`, `--`, `*`), starts a
  // portion judged by its own mark; the lines right after it (no blank line between) belong to it; a block after a
  // blank line with no mark of its own is a portion of its own at the overall level (spec §7 rule 1); a mark standing
  // inside a portion's text (where it ends cannot be told) raises the portion to the highest demand of all its marks
  // a marked line continuing another portion is never judged below the portion it stands in
  const raisedByWithin = (first: Decision, within: readonly (string | null)[]) =>
    raisedByMarks(first, within, 'stands inside a portion whose mark is not understood', (mark) =>
      `stands inside ${mark === null ? `unmarked text (the overall ${overallLabel})` : `a portion marked (${mark.trim()})`} with no blank line`)
  const own = portions.map((p) => raisedByInner(portionDecision(p.mark), p.inner))
  const decisions = portions.map((p, n) => raisedByWithin(own[n], p.within))
  const withinRaised = decisions.map((d, n) => d !== own[n])
  const portionAt = new Map<number, number>()
  portions.forEach((p, n) => {
    for (const l of p.lines) portionAt.set(l, n)
  })
  // a header segment (or a Classified-by statement run onto another line) shown as far as its kind says
  // (`headerPieces`); folded-in body text is portion text
  const shownPieces = (kind: Parameters<typeof headerPieces>[0], raw: string, at: number) => {
    let pos = at
    for (const piece of headerPieces(kind, raw)) {
      if (piece.header) {
        append(piece.text)
        shownHeader(piece.text)
        lastWithheld = null
      } else portionText(`h@${pos}`, piece.text, false)
      pos += piece.text.length
    }
  }
  cable.segments.forEach((seg) => {
    const at = offset
    offset += seg.raw.length
    if (isBody(cable, seg, at)) {
      let lineAt = at
      for (const line of seg.raw.split(/(?<=\n)/)) {
        const n = portionAt.get(lineAt)
        lineAt += line.length
        if (line === '') continue
        if (n === undefined || line.trim() === '') {
          append(line)
          if (line.trim() !== '') inHeader = false
          continue
        }
        const p = portions[n]
        const d = decisions[n]
        // a page header the wire put inside a withheld portion (a section break) is shown as far as its own syntax goes:
        // it is the page's, not the portion's (§5.3), and a rendering without it would lose its section structure
        if (d.reason !== null && isOwnPageHeader(cable, line)) {
          append(line)
          shownHeader(line)
          continue
        }
        sink?.(`p@${p.start}`, 'body', d.demand, line)
        if (d.reason === null) {
          append(line)
          lastWithheld = null
          continue
        }
        // a page header a flattened layout ran into the line (`… in 2003  BERN 00000141 002 OF 004   was …`) is the
        // page's: shown on a line of its own after the placeholder, as far as it names this cable's origin and serial
        const inlineHeaders = ownInlinePageHeaders(cable, line)
        const showHeaders = () => {
          for (const h of inlineHeaders) {
            if (!atLineStart) append('\n')
            append(`${h}\n`)
            shownHeader(`${h}\n`)
          }
        }
        // a line withheld only because of the withheld portion it stands in is part of that portion's placeholder
        // (its own lower mark on a placeholder would claim the text releasable at that level)
        if (withinRaised[n] && lastWithheld !== null) {
          showHeaders()
          continue
        }
        const mark = d.reason === 'unreadable' ? null : p.mark
        const shown = marked(shownMark(p.mark, d))
        // the paragraph number as written (`¶2.`, `2.`), so the rendering numbers its paragraphs as the cable does
        if (p.number !== null) withhold(`paragraph ${p.number}`, mark, d.why, `${paragraphLead(line, p.number)}${shown}[Paragraph ${p.number} withheld: ${d.why}]`, line)
        else {
          withhold(`text@${p.start}`, mark, d.why, `${p.lead}${shown}[Text withheld: ${d.why}]`, line)
          withheld[withheld.length - 1].portion = 'text'
        }
        showHeaders()
      }
      return
    }
    if (seg.kind === 'blank') {
      append(seg.raw)
      return
    }
    if (HEADER.has(seg.kind)) {
      shownPieces(seg.kind, seg.raw, at)
      return
    }
    if (seg.kind === 'subject') {
      // a Classified-by statement a flattened layout ran onto the subject line is the statement, not the subject
      const [own, statement] = gluedClassifiedBy(seg.raw)
      sink?.('subject', 'subject', subject.demand, own)
      if (subject.reason === null) append(own)
      else {
        const mark = subject.reason === 'unreadable' ? null : subjectMark
        withhold('subject', mark, subject.why, `SUBJECT: ${marked(shownMark(subjectMark, subject))}[Subject withheld: ${subject.why}]`, own)
        if (statement !== null) append(' ')
      }
      if (statement !== null) shownPieces('classifiedBy', statement, at + own.length)
      return
    }
    if (seg.kind === 'pageHeader' && !/SUBJ/i.test(seg.raw)) {
      // a page header is shown only as far as its own syntax goes (page, origin, serial, section, DTG); a line
      // that carries more is body text the page break fell into, judged at the overall level or by its marks
      let pos = at
      for (const line of seg.raw.split(/(?<=\n)/)) {
        if (line === '') continue
        if (line.trim() === '' || isPageHeaderLine(line)) {
          append(line)
          shownHeader(line)
          lastWithheld = null
        } else portionText(`t@${pos}`, line, true)
        pos += line.length
      }
      return
    }
    if (seg.kind === 'pageHeader') {
      // the subject repeated under a page header (§5.3) is shown exactly as the subject is; a SUBJECT line there that
      // repeats nothing (other words, another mark, text run on after the truncated subject) is portion text, judged
      // at the overall level or by its marks (QA 14 round 7, F5)
      const lines = seg.raw.split(/(?<=\n)/).filter((l) => l !== '')
      if (lines.every((l) => l.trim() === '' || isPageHeaderLine(l) || repeatsSubject(cable, subjectMark, l))) {
        sink?.('subject', 'subject', subject.demand, seg.raw)
        if (subject.reason === null) append(seg.raw)
        else withhold('page header', null, `repeats the withheld subject`, `[Page header withheld: repeats the withheld subject]`, seg.raw)
        return
      }
      let pos = at
      for (const line of lines) {
        if (line.trim() === '' || isPageHeaderLine(line)) {
          append(line)
          shownHeader(line)
          lastWithheld = null
        } else if (repeatsSubject(cable, subjectMark, line)) {
          sink?.('subject', 'subject', subject.demand, line)
          if (subject.reason === null) {
            append(line)
            lastWithheld = null
          } else withhold('page header', null, `repeats the withheld subject`, `[Page header withheld: repeats the withheld subject]`, line)
        } else portionText(`t@${pos}`, line, true)
        pos += line.length
      }
      return
    }
    // text outside the body: REF blocks (their item letters are no marks), anything unplaced: at the overall level,
    // or higher when it holds a higher portion mark; a Classified-by statement run onto a REF block is the statement
    const [own, statement] = seg.kind === 'ref' ? gluedClassifiedBy(seg.raw) : [seg.raw, null]
    portionText(`t@${at}`, own, true, seg.kind === 'ref')
    if (statement !== null) {
      // after the reference's placeholder (which ends no line: the statement follows on it); shown, it ends in white space
      if (lastWithheld !== null && !atLineStart) append(' ')
      shownPieces('classifiedBy', statement, at + own.length)
    }
  })
  const label = classificationLabel(levelName(reader.level) as Level, reader.caveats.filter((c) => RESTRICTIVE.includes(c)))
  return { text: out, withheld, reader: label, overall, legible }
}

/**
 * A segment cut where a Classified-by statement a flattened layout ran onto it begins (`SUBJECT: … Classified By:
 * Ada Nobody, reasons 1.4 (b)`, `REF: A. STATE 1 Classified By: …`, spec §5.6): the segment's own text and the
 * statement (null when it holds none, or text follows it). The statement must follow a stop, a digit, a parenthesis
 * or white space.
 */
function gluedClassifiedBy(raw: string): [string, string | null] {
  const m = /(?<=[.\d)\s])\s*(?=Classified\s+By\s*:)/i.exec(raw)
  if (!m || m.index === 0) return [raw, null]
  const cut = m.index + m[0].length
  // only a statement that is all statement (its kind's syntax to the end but for white space) is cut off: any text
  // after it stays with the segment it was run into, judged as before
  if (headerPieces('classifiedBy', raw.slice(cut)).some((p) => !p.header && p.text.trim() !== '')) return [raw, null]
  return [raw.slice(0, cut), raw.slice(cut)]
}

/** The SUBJECT label and the portion mark after it on a line (`SUBJECT: (C) `, `SUBJ: `). */
const SUBJECT_LEAD = /^\s*(?:SUBJECT|SUBJ|UBJECT)\b\s*[:.]?\s*(?:[(\uFF08]([^()\uFF08\uFF09\n]{1,24})[)\uFF09])?\s*/i

/** Upper case, runs of white space as one blank, trimmed: how a repeated subject is compared with the subject. */
const foldWords = (text: string) => text.toUpperCase().replace(/\s+/g, ' ').trim()

/**
 * Whether a line under a SMART page header is the cable's subject repeated (§5.3: the subject repeated on a single,
 * truncated line): a SUBJECT label, the subject's own portion mark or none, and text the subject opens with (letter
 * case and blanks aside; cut anywhere, even inside a word). Only such a line is shown as the subject is; other words
 * after the label (a different subject, the subject with text of the page run on after it) are text of the cable.
 */
function repeatsSubject(cable: Cable, subjectMark: string | null, line: string): boolean {
  const lead = SUBJECT_LEAD.exec(line)
  if (!lead || cable.subject === null) return false
  if (lead[1] !== undefined && (subjectMark === null || foldWords(lead[1]) !== foldWords(subjectMark))) return false
  return foldWords(cable.subject).startsWith(foldWords(line.slice(lead[0].length)))
}

/** A line that is a page header by its own syntax (`EXACT_PAGE_HEADER`, `SMART_PAGE_HEADER`, §5.3). */
function isPageHeaderLine(line: string): boolean {
  const bare = line.replace(/\r?\n$/, '')
  return EXACT_PAGE_HEADER.test(bare) || SMART_PAGE_HEADER.test(bare)
}

/**
 * A page header line of this cable (§5.3): a page header by its syntax naming the origin and serial of the cable's
 * own class line (`TRIPOLI 00000095  002.2 OF 002` in TRIPOLI 000095). Inside a withheld portion only such a line is
 * shown: a line of portion text could take a page header's shape, never the cable's own origin and serial by chance.
 */
function isOwnPageHeader(cable: Cable, line: string): boolean {
  const bare = line.replace(/\r?\n$/, '')
  const mrn = cable.mrn
  if (!mrn || !/^\d+$/.test(mrn.serial)) return false
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim()
  const smart = SMART_PAGE_HEADER.exec(bare)
  if (smart) return norm(smart[1]) === norm(mrn.origin) && Number(smart[2]) === Number(mrn.serial)
  const legacy = /^\s*PAGE\s+\d{1,3}\s+([A-Z][A-Z .'-]*?)\s+(\d{3,6})\b/.exec(bare)
  return legacy !== null && EXACT_PAGE_HEADER.test(bare) && norm(legacy[1]) === norm(mrn.origin) && Number(legacy[2]) === Number(mrn.serial)
}

/**
 * The page headers of this cable (its own origin and serial, §5.3 family 1: `BERN 00000141 002 OF 004`) that a
 * flattened layout ran into a line of text, as written; none when the line is a page header itself.
 */
function ownInlinePageHeaders(cable: Cable, line: string): string[] {
  const mrn = cable.mrn
  if (!mrn || !/^\d+$/.test(mrn.serial) || isPageHeaderLine(line)) return []
  const origin = mrn.origin.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')
  const pattern = new RegExp(String.raw`(?<![A-Z])${origin}\s+0*${Number(mrn.serial)}\s+\d{3}(?:\.\d{1,2})?\s+OF\s+\d{3}(?!\d)`, 'g')
  return [...line.matchAll(pattern)].map((m) => m[0])
}

/**
 * A withheld REF block's label as written (`REF: `, `REFS: `, `Reftel: `), so its placeholder stands where a REF
 * block does and the rendering's parse reads the lines after it (the Classified-by statement) as it reads the
 * cable's; nothing when the block opens with anything else (a block the parser continued, text run into it). The
 * label says no more than the placeholder does.
 */
function referenceLabel(raw: string): string {
  const m = /^[ \t]*(REF(?:S|TELS?)?)(?![A-Za-z0-9])[ \t]*([:.])?/i.exec(raw)
  return m ? `${m[1]}${m[2] ?? ''} ` : ''
}

/** A withheld paragraph's lead: its number as the line writes it (`¶2. `, `2. `), else `N. `. */
function paragraphLead(line: string, number: number): string {
  const lead = /^\s*(¶\s*)?(\d{1,3})\s*\.\s*/.exec(line)
  return lead && Number(lead[2]) === number ? `${lead[1] ? '¶' : ''}${number}. ` : `${number}. `
}

/**
 * The portions of a cable a reader not cleared for the whole of it could still read (their demand is below
 * `filed` in level or lacks one of its caveats), as the archive indexes them for portion-level access: each
 * with the level and caveats reading it demands and its text, exactly the text `redactCable` shows a reader
 * who meets that demand. Unmarked portions count at the overall level (so never appear here) and a portion
 * whose mark cannot be read is never listed (nobody reads it). Continuation lines of a paragraph join it. The
 * TAGS and captions the rendering shows (of `stored`, the record's own) follow as `tag` and `caption` portions.
 *
 * @example
 *   portionsOf(parseCable(text, { plain: true }), text, { level: 3, caveats: [] })
 *   // [{ kind: 'body', level: 2, caveats: [], text: '2. (C) …' }]
 */
export function portionsOf(cable: Cable, text: string, filed: Overall, stored?: StoredFields): PortionRecord[] {
  const byKey = new Map<string, PortionRecord>()
  const headers = new Map<string, string>()
  const lowest = walkPortions(cable, text, { level: -1, caveats: [] }, overallOf(cable, text, filed), (key, kind, demand, raw) => {
    if (kind === 'header') {
      headers.set(key, (headers.get(key) ?? '') + raw)
      return
    }
    if (!demand) return
    const p = byKey.get(key)
    if (p) p.text += raw
    else byKey.set(key, { kind, level: demand.level, caveats: [...demand.caveats], text: raw })
  })
  const overall = lowest.overall
  const portions = [...byKey.values()].filter((p) => p.text.trim() !== '' && (p.level < overall.level || overall.caveats.some((c) => !p.caveats.includes(c))))
  // the header text every reader of the rendering sees (addressees, class line, TAGS, signature …): whoever reads
  // one of these portions reads the rendering, so it is stored once with each demand they make, and a reader finds
  // the cable by a header word exactly when he may read some portion of it (no demand of its own would say so)
  const demands = new Map(portions.map((p) => [`${p.level}:${p.caveats.join(',')}`, p]))
  for (const raw of headers.values()) {
    if (raw.trim() === '') continue
    for (const d of demands.values()) portions.push({ kind: 'body', level: d.level, caveats: [...d.caveats], text: raw })
  }
  // the TAGS and captions his rendering shows, read back from it as `show` reads them: a header line is shown to
  // every reader of the rendering or withheld at the overall level, so the rendering for the lowest reader shows
  // exactly the fields any reader in part sees; `tag:`, `caption:` and their facets read only these for him, with
  // each demand as the header text above (docs/search.md). Only values the stored record holds (`stored`; not given,
  // the text's own as the archive parses them) are kept.
  // The date likewise (`date:`, the year facet, the histogram, date order): the date the rendering gives him, parsed
  // from it with the cable's id (which every hit names) as the archive parses the cable, so a date read or inferred
  // from a withheld line (a publisher's dateline, a DECL date on a withheld E.O. line, a month named in a withheld
  // paragraph) is never his.
  const shown = parseShown(lowest.text, stored?.key)
  const own = { tags: stored?.tags ?? recordTags(cable), captions: stored?.captions ?? recordCaptions(cable) }
  const shownTags = new Set(recordTags(shown))
  const shownCaptions = new Set(recordCaptions(shown))
  const date = stored?.date !== undefined ? { date: stored.date, source: stored.dateSource ?? null } : { date: cable.date, source: cable.dateSource ?? null }
  const seen = shownDate(date, shown)
  const fields: PortionRecord[] = [
    ...own.tags.filter((t) => shownTags.has(t)).map((t) => ({ kind: 'tag' as const, text: t })),
    ...own.captions.filter((c) => shownCaptions.has(c)).map((c) => ({ kind: 'caption' as const, text: c })),
    ...(seen ? [{ kind: 'date' as const, text: seen.date }, { kind: 'date-source' as const, text: JSON.stringify(seen.source) }] : []),
    // the origin a hit shows him: the FM line's as his rendering gives it (none when the line is withheld)
    ...(shown.origin ? [{ kind: 'origin' as const, text: shown.origin }] : []),
  ].flatMap((f) => [...demands.values()].map((d) => ({ ...f, level: d.level, caveats: [...d.caveats] })))
  return [...portions, ...fields]
}

/** What the archive stores for a cable beside its text, which `portionsOf` keeps only as far as the rendering shows it. */
export interface StoredFields {
  tags?: string[]
  captions?: string[]
  /** The stored date and its source (absent: the text's own as the archive parses it). */
  date?: string | null
  dateSource?: DateSourceRecord | null
  /** The cable's key: its reference id, which a partial record's inferred date takes its year from. */
  key?: string
}

const CABLE_ID = /^\d{2}[A-Z]+\d+$/

/** A rendering parsed as the archive parses the cable it renders: with the id it is filed under as the id hint. */
function parseShown(rendering: string, key: string | undefined): Cable {
  const id = key !== undefined && CABLE_ID.test(key) ? key : undefined
  return parseCable(rendering, { plain: true, ...(id ? { hint: { id } } : {}) })
}

/**
 * The date (and its source) a reader who may read a stored cable only in part is shown, exactly as `portionsOf`
 * stores it for his search: what the rendering for the lowest reader gives (`shownDate`). `cable show` shows this,
 * never the stored date, which may rest on a withheld line.
 *
 * @example
 *   shownDateOf(storedCable) // { date: '2002-03', dateSource: { basis: 'inferred', precision: 'month', from: ['decl-month', 'id-hint'] } }
 */
export function shownDateOf(c: { key: string; text: string; level: number; caveats: string[]; date: string | null; dateSource: DateSourceRecord | null }): { date: string | null; dateSource: DateSourceRecord | null } {
  const lowest = redactCable(parseCable(c.text, { plain: true }), c.text, { level: -1, caveats: [] }, c)
  const d = shownDate({ date: c.date, source: c.dateSource }, parseShown(lowest.text, c.key))
  return d ? { date: d.date, dateSource: d.source } : { date: null, dateSource: null }
}

/**
 * The date a reader in part is shown: the date his rendering gives, parsed from it as the archive parses a cable (the
 * stored date and its source when it is the same; else what the shown lines give, `2002-03` from DECL when a
 * dateline's `2002-03-07T10:13:00Z` is withheld, or none). A date the publisher states outside the text (a CSV or
 * HTML field: basis `container`) depends on no portion and is kept.
 */
function shownDate(stored: { date: string | null; source: DateSourceRecord | Cable['dateSource'] | null }, shown: Cable): { date: string; source: DateSourceRecord } | null {
  if (stored.date === null) return null
  const own: DateSourceRecord = stored.source ? { basis: stored.source.basis, precision: stored.source.precision, from: [...stored.source.from] } : { basis: 'unknown', precision: null, from: [] }
  if (own.basis === 'container') return { date: stored.date, source: own }
  if (shown.date === null) return null
  if (shown.date === stored.date) return { date: stored.date, source: own }
  const s = shown.dateSource
  return { date: shown.date, source: s ? { basis: s.basis, precision: s.precision, from: [...s.from] } : { basis: 'unknown', precision: null, from: [] } }
}
