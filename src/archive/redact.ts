import { LEVEL_RANK, publisherClassification, RESTRICTIVE_CAVEATS, type Level } from '../format/classification.js'
import { parseMarking } from '../format/marking.js'
import type { Cable, SegmentKind } from '../format/model.js'
import { parseCable } from '../format/parse.js'
import type { Access, PortionRecord } from '../store/store.js'
import { cableAccess } from './cable-access.js'
import { headerPieces, isSignatureLine, marksIn, marksInReference, paragraphsOf } from './header-portions.js'

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
 * (`headerPieces`): they carry no portion text. Body text folded into a header segment, text after the signature and
 * text in no paragraph are portions judged by the marks they hold (`marksIn`; the highest, an unreadable one withheld
 * from everyone), unmarked at the overall level. A page header that repeats a withheld subject is withheld with it.
 */

export interface WithheldPortion {
  /** `subject`, `paragraph 3`, `text` (unnumbered), `reference`, `page header`. */
  portion: string
  /** The portion mark as written, null when the portion is unmarked or its mark unreadable. */
  mark: string | null
  /**
   * Why: `marked SECRET//NOFORN, above CONFIDENTIAL`, `unmarked: treated as the overall SECRET, above CONFIDENTIAL`,
   * `portion mark (Q) not understood, treated as TOP SECRET` (withheld from every reader).
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

/**
 * What a portion mark demands, read by the one marking parser (format/marking), or null when it refuses the mark
 * or the mark names no level (`NF`): such a portion is treated as the overall classification.
 */
export function readPortionMark(mark: string): { level: number; caveats: string[] } | null {
  const r = parseMarking(mark)
  // a self-contradicting mark (REL TO with NOFORN) demands its stricter reading
  const parts = r.ok ? r.parts : r.failClosed
  if (!parts || parts.level === null) return null
  return { level: LEVEL_RANK[parts.level], caveats: parts.caveats.filter((c) => RESTRICTIVE.includes(c)) }
}

/** Shown to the reader, or the reason it is not. */
function decide(demand: { level: number; caveats: string[] }, reader: Access): string | null {
  if (demand.level > reader.level) return `above ${levelName(reader.level)}`
  const missing = demand.caveats.filter((c) => !reader.caveats.includes(c))
  return missing.length ? `needs ${missing.join(', ')}` : null
}

// the Classified-by line states who classified the cable and why (spec §5.6): a release shows it, and an archive
// lint requires it on every classified cable; of every segment of these kinds only what the kind says is shown
// as it stands (`headerPieces`), the rest is portion text
const HEADER: ReadonlySet<SegmentKind> = new Set(['blank', 'envelope', 'from', 'to', 'info', 'xmt', 'headerOther', 'classLine', 'captions', 'eo', 'tags', 'classifiedBy', 'signature'])

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
export function redactText(text: string, reader: Access, filed?: Overall): Redaction {
  const cable = parseCable(text, { plain: true })
  return redactCable(cable, text, reader, filed)
}

/**
 * The readable portions of a stored cable's text (`portionsOf` on its plain parse, the parse `redactText`
 * renders from), what the archive indexes for portion-level access.
 */
export function storedPortions(c: { level: number; caveats: string[]; text: string }): PortionRecord[] {
  return portionsOf(parseCable(c.text, { plain: true }), c.text, c)
}

/**
 * The level and caveats the archive files a cable under, when they say more than its text alone (publisher
 * metadata): unmarked portions count at this level. Defaults to what the text states (`cableAccess`).
 */
export interface Overall {
  level: number
  caveats: string[]
}

/** The higher of what the text states and what the archive files it under, all caveats of both. */
function overallOf(cable: Cable, filed: Overall | undefined): Overall {
  const own = cableAccess(cable)
  if (!filed) return own
  return { level: Math.max(own.level, filed.level), caveats: RESTRICTIVE.filter((c) => own.caveats.includes(c) || filed.caveats.includes(c)) }
}

/** What reading a portion demands; null for a portion nobody reads (an unreadable mark). */
type Demand = { level: number; caveats: string[] } | null

/** Called for every non-blank piece of portion text: which portion (a stable key), subject or body, its demand. */
type PortionSink = (key: string, kind: 'subject' | 'body', demand: Demand, raw: string) => void

/** As `redactText`, for a cable already parsed from `text`; `filed` as in `Overall`. */
export function redactCable(cable: Cable, text: string, reader: Access, filed?: Overall, sink?: PortionSink): Redaction {
  const overall = overallOf(cable, filed)
  const overallLabel = publisherClassification(levelName(overall.level) as Level, overall.caveats)
  const failClosedLabel = publisherClassification('TOP SECRET', overall.caveats)
  const withheld: WithheldPortion[] = []
  const portionDecision = (mark: string | null): { reason: string | null; why: string; demand: Demand } => {
    if (mark === null) {
      const r = decide(overall, reader)
      return { reason: r, why: `unmarked: treated as the overall ${overallLabel}, ${r}`, demand: overall }
    }
    const own = readPortionMark(mark.trim())
    // a mark nobody can read may name any level: the portion is withheld from every reader, as TOP SECRET
    if (!own) return { reason: 'unreadable', why: `portion mark (${mark.trim()}) not understood, treated as ${failClosedLabel}`, demand: null }
    // a portion is never easier to receive than the cable it is part of: the distribution captions (NODIS, EXDIS,
    // LIMDIS, STADIS, CHEROKEE, SPECAT) restrict who may receive any copy of it regardless of level (spec §7
    // rules 5 and 8), and a caveat the cable carries (NOFORN, ORCON, from a caption or propagated from a portion
    // by rule 4) cannot be told apart from one its portions lack: every caveat of the cable is demanded too
    const demand = { level: own.level, caveats: RESTRICTIVE.filter((c) => own.caveats.includes(c) || overall.caveats.includes(c)) }
    let r = decide(demand, reader)
    if (r !== null && r.startsWith('needs ')) {
      const missing = demand.caveats.filter((c) => !reader.caveats.includes(c))
      r = `needs ${missing.map((c) => (own.caveats.includes(c) ? c : `${c} (a caveat of the whole cable)`)).join(', ')}`
    }
    return { reason: r, why: `marked ${publisherClassification(levelName(own.level) as Level, own.caveats)}, ${r}`, demand }
  }
  // a parenthesised word where a mark stands that the parser did not take for one (`(Q)`, `(S//ZZ)`) may be a
  // garbled mark: fail closed and treat it as an unreadable one
  const written = (at: number | undefined, lead: RegExp) => (at === undefined ? null : (lead.exec(text.slice(at, at + 80))?.[1] ?? null))
  const subjectMark = cable.subjectMarking ?? written(cable.spans.subject?.start.offset, /^\s*SUBJ\w*\s*[:.]?\s*\(([A-Za-z][A-Za-z0-9/ ,.-]{0,15})\)/i)
  const markOf = (p: (typeof cable.paragraphs)[number]) => p.marking ?? written(p.span?.start.offset, /^\s*¶?\s*\d+\s*[.)]?\s*\(([A-Za-z][A-Za-z0-9/ ,.-]{0,15})\)/)
  const subject = portionDecision(subjectMark)
  const paragraphAt = (offset: number) => cable.paragraphs.find((p) => p.span && p.span.start.offset <= offset && offset < p.span.end.offset)
  // a placeholder never carries a portion mark below the level of what it stands for (docs/research.md): a
  // readable mark is kept as written; an unmarked portion, withheld at the overall level, gets the overall mark
  // only when that is no higher than the class line states (so the rendering still lints: TXT-017), else none;
  // an unreadable mark is withheld from everyone as TOP SECRET, and its placeholder carries no mark at all (a
  // classified rendering then keeps TXT-016 for it, as its original kept TXT-029 for the unreadable mark)
  const stated = cable.classification ? parseMarking(cable.classification) : null
  const statedLevel = stated?.ok && stated.parts.level !== null ? LEVEL_RANK[stated.parts.level] : -1
  const overallMark = overall.level <= statedLevel ? portionMarkOf(overall.level, overall.caveats) : null
  const shownMark = (mark: string | null, reason: string): string | null => (reason === 'unreadable' ? null : mark !== null ? mark : overallMark)
  const marked = (mark: string | null) => (mark === null ? '' : `(${mark}) `)
  const starts: number[] = []
  let next = 0
  for (const seg of cable.segments) {
    starts.push(next)
    next += seg.raw.length
  }
  let out = ''
  let offset = 0
  let lastWithheld: string | null = null
  const withhold = (portion: string, mark: string | null, why: string, line: string, raw: string) => {
    if (lastWithheld !== portion) {
      withheld.push({ portion, mark, reason: why })
      // a placeholder starts a line of its own (a header piece before it may end mid-line)
      if (out !== '' && !out.endsWith('\n')) out += '\n'
      out += line + (raw.endsWith('\n') ? '\n' : '')
    }
    lastWithheld = portion
  }
  // what a piece of text outside a paragraph demands: the highest of the portion marks it holds (one that cannot be
  // read: nobody reads it), unmarked the overall level; `floor`: never less than the overall level
  const textDecision = (raw: string, floor: boolean, reference = false): { reason: string | null; why: string; demand: Demand; mark: string | null } => {
    const marks = reference ? marksInReference(raw) : marksIn(raw)
    if (!marks.length) return { ...portionDecision(null), mark: null }
    let demand = floor ? { level: overall.level, caveats: [...overall.caveats] } : { level: -1, caveats: [] as string[] }
    let top: string | null = null
    for (const m of marks) {
      const d = readPortionMark(m.mark)
      if (!d) return { reason: 'unreadable', why: `portion mark (${m.mark}) not understood, treated as ${failClosedLabel}`, demand: null, mark: null }
      if (d.level > demand.level || (top === null && d.level === demand.level)) top = m.mark
      demand = { level: Math.max(demand.level, d.level), caveats: RESTRICTIVE.filter((c) => demand.caveats.includes(c) || d.caveats.includes(c)) }
    }
    // marks no higher than the floor: the text stands at the overall level
    if (top === null) return { ...portionDecision(null), mark: null }
    // as for a paragraph: every caveat of the cable is demanded too
    const own = demand
    const full = { level: own.level, caveats: RESTRICTIVE.filter((c) => own.caveats.includes(c) || overall.caveats.includes(c)) }
    let r = decide(full, reader)
    if (r !== null && r.startsWith('needs ')) {
      const missing = full.caveats.filter((c) => !reader.caveats.includes(c))
      r = `needs ${missing.map((c) => (own.caveats.includes(c) ? c : `${c} (a caveat of the whole cable)`)).join(', ')}`
    }
    return { reason: r, why: `marked ${publisherClassification(levelName(own.level) as Level, own.caveats)}, ${r}`, demand: full, mark: top }
  }
  // a piece of portion text outside the paragraphs (header text that is not what its kind says, text after the
  // signature, unplaced text): shown, or one placeholder line saying why; indexed with the same demand
  const portionText = (key: string, raw: string, floor: boolean) => {
    const d = textDecision(raw, floor)
    sink?.(key, 'body', d.demand, raw)
    if (d.reason === null) {
      out += raw
      lastWithheld = null
      return
    }
    withhold(key, d.mark, d.why, `[Text withheld: ${d.why}]`, raw)
    withheld[withheld.length - 1].portion = 'text'
  }
  // text after the signature inside the last paragraph's span (the parser runs a paragraph on to the end when
  // something follows the signature): from the end of the first name block set off by an empty line and
  // followed by more text (spec §5.11), every piece is judged as portion text
  const afterSignature = signatureEnd(cable, starts)
  cable.segments.forEach((seg, i) => {
    const at = offset
    offset += seg.raw.length
    const para = paragraphAt(at)
    if (para && at >= afterSignature) {
      if (seg.kind === 'blank') out += seg.raw
      else portionText(`s@${at}`, seg.raw, false)
      return
    }
    if (para) {
      const paraMark = markOf(para)
      const d = portionDecision(paraMark)
      if (seg.kind === 'blank') {
        // an empty line inside a withheld paragraph goes with it, except the one that ends it
        const last = i + 1 >= cable.segments.length || paragraphAt(starts[i + 1]) !== para
        if (d.reason === null || last) out += seg.raw
        return
      }
      const name = `paragraph ${para.number}`
      sink?.(`p@${para.span!.start.offset}`, 'body', d.demand, seg.raw)
      if (d.reason === null) {
        out += seg.raw
        lastWithheld = null
      } else {
        withhold(name, d.reason === 'unreadable' ? null : paraMark, d.why, `${para.number}. ${marked(shownMark(paraMark, d.reason))}[Paragraph ${para.number} withheld: ${d.why}]`, seg.raw)
      }
      return
    }
    if (seg.kind === 'blank') {
      out += seg.raw
      return
    }
    if (HEADER.has(seg.kind)) {
      // only what the segment's kind says is shown as it stands; folded-in body text is portion text
      let pos = at
      for (const piece of headerPieces(seg.kind, seg.raw)) {
        if (piece.header) {
          out += piece.text
          lastWithheld = null
        } else portionText(`h@${pos}`, piece.text, false)
        pos += piece.text.length
      }
      return
    }
    if (seg.kind === 'subject') {
      sink?.('subject', 'subject', subject.demand, seg.raw)
      if (subject.reason === null) out += seg.raw
      else {
        const mark = subject.reason === 'unreadable' ? null : subjectMark
        withhold('subject', mark, subject.why, `SUBJECT: ${marked(shownMark(subjectMark, subject.reason))}[Subject withheld: ${subject.why}]`, seg.raw)
      }
      return
    }
    if (seg.kind === 'pageHeader' && !/SUBJ/i.test(seg.raw)) {
      out += seg.raw
      return
    }
    if (seg.kind === 'pageHeader') {
      sink?.('subject', 'subject', subject.demand, seg.raw)
      if (subject.reason === null) out += seg.raw
      else withhold('page header', null, `repeats the withheld subject`, `[Page header withheld: repeats the withheld subject]`, seg.raw)
      return
    }
    // text outside a paragraph span (continuation lines, numbered lines the parser took for no paragraph, anything
    // unplaced): judged by its marks, unmarked at the overall level; a REF block at the overall level, or higher
    // when it holds a higher portion mark (its item letters are no marks)
    if (seg.kind !== 'ref') {
      let pos = at
      for (const piece of paragraphsOf(seg.raw)) {
        portionText(`t@${pos}`, piece, false)
        pos += piece.length
      }
      return
    }
    const d = textDecision(seg.raw, true, true)
    sink?.(`t@${at}`, 'body', d.demand, seg.raw)
    if (d.reason === null) {
      out += seg.raw
      lastWithheld = null
      return
    }
    withhold(`reference@${at}`, d.mark, d.why, `[Reference withheld: ${d.why}]`, seg.raw)
    withheld[withheld.length - 1].portion = 'reference'
  })
  const label = publisherClassification(levelName(reader.level) as Level, reader.caveats.filter((c) => RESTRICTIVE.includes(c)))
  return { text: out, withheld, reader: label }
}

/**
 * Where text after the signature begins inside the last paragraph's span (an offset in the cable text), or
 * Infinity when nothing follows a signature there: the parser runs the last paragraph on to the end of the text
 * when a line follows the signature, so the signature is the first block of name lines (spec §5.11) set off
 * by an empty line with more text after it.
 */
function signatureEnd(cable: Cable, starts: number[]): number {
  const last = cable.paragraphs.reduce<(typeof cable.paragraphs)[number] | null>((a, p) => (p.span && (!a || p.span.start.offset > a.span!.start.offset) ? p : a), null)
  if (!last?.span) return Infinity
  const { segments } = cable
  const inSpan = (i: number) => starts[i] >= last.span!.start.offset && starts[i] < last.span!.end.offset
  for (let i = 1; i < segments.length; i++) {
    if (!inSpan(i) || starts[i] === last.span.start.offset) continue
    const seg = segments[i]
    if (seg.kind !== 'lines' || segments[i - 1].kind !== 'blank') continue
    if (!seg.raw.split('\n').every(isSignatureLine)) continue
    for (let j = i + 1; j < segments.length && inSpan(j); j++) if (segments[j].raw.trim() !== '') return starts[i] + seg.raw.length
  }
  return Infinity
}

/**
 * The portions of a cable a reader not cleared for the whole of it could still read (their demand is below
 * `filed` in level or lacks one of its caveats), as the archive indexes them for portion-level access: each
 * with the level and caveats reading it demands and its text, exactly the text `redactCable` shows a reader
 * who meets that demand. Unmarked portions count at the overall level (so never appear here) and a portion
 * whose mark cannot be read is never listed (nobody reads it). Continuation lines of a paragraph join it.
 *
 * @example
 *   portionsOf(parseCable(text, { plain: true }), text, { level: 3, caveats: [] })
 *   // [{ kind: 'body', level: 2, caveats: [], text: '2. (C) …' }]
 */
export function portionsOf(cable: Cable, text: string, filed: Overall): PortionRecord[] {
  const byKey = new Map<string, PortionRecord>()
  redactCable(cable, text, { level: -1, caveats: [] }, filed, (key, kind, demand, raw) => {
    if (!demand) return
    const p = byKey.get(key)
    if (p) p.text += raw
    else byKey.set(key, { kind, level: demand.level, caveats: [...demand.caveats], text: raw })
  })
  const overall = overallOf(cable, filed)
  return [...byKey.values()].filter((p) => p.text.trim() !== '' && (p.level < overall.level || overall.caveats.some((c) => !p.caveats.includes(c))))
}
