import type { Cable, SegmentKind } from '../format/model.js'
import { CLASS_LINE, levelOfClassWord, type Level, LEVEL_RANK } from '../format/classification.js'
import { splitClassWord } from '../format/class-line.js'
import { parseMarking, type MarkingError } from '../format/marking.js'
import { headerLines, type HeaderLine, type HeaderLineKind } from './header-lines.js'
import { LineIndex } from '../format/span.js'
import { tables, type Tables } from './tables.js'
import { LineTable, type TextLine } from './text-lines.js'
import type { CorpusIndex, Mode } from './types.js'

/** The class line as written, with offsets of its parts (spec §5.2). */
export interface ClassLineInfo {
  line: TextLine
  word: string
  wordStart: number
  section: { number: number; of: number; start: number; end: number } | null
  origin: string
  serial: string
  serialStart: number
}

/** A portion mark found in the subject or a paragraph, with its place (parentheses included). */
export interface MarkSite {
  mark: string
  /** Level the mark names; null for a caveat-only mark (`NF`) and for a mark the marking parser refuses. */
  level: Level | null
  /** Why the marking parser refuses the mark (offsets into `mark`), or why it contradicts itself; null when fine. */
  error: MarkingError | null
  /** Shared between sites with the same mark: read, never change. */
  caveats: readonly string[]
  start: number
  end: number
  where: 'subject' | 'paragraph'
}

/** Everything a check may consult besides the cable itself; built once per lint run. */
export interface LintContext {
  mode: Mode
  text: string
  index: LineIndex
  /** Every line; made on first use (most rules need only `linesOfKind`, `lineAt` or the header). */
  readonly lines: TextLine[]
  /** Number of lines, and line `i` (from 0), without making every line. */
  readonly lineCount: number
  lineAt(i: number): TextLine
  /** Indices (for `lineAt`) of the lines of one kind, in order, without making their objects. */
  lineIndicesOfKind(kind: SegmentKind): readonly number[]
  /** First code unit of line `i` (NaN for an empty line), without making the line. */
  lineFirstCode(i: number): number
  header: HeaderLine[]
  tables: Tables
  classLine: ClassLineInfo | null
  /** Overall level from the class line (else the cable's classification field); null when unknown. */
  level: Level | null
  /** True when an unclassified cable is SBU-controlled (SENSITIVE caption or an SBU portion mark). */
  sbu: boolean
  captions: string[]
  marks: MarkSite[]
  /** Four-digit year of the DTG (else of `date`), null when unknown. */
  year: number | null
  /** Date of the DTG as a UTC Date, null when unknown. */
  dtg: Date | null
  claimedId?: string
  corpus?: CorpusIndex
  source?: string
  /** Computes a value once per cable and run, for derived data several rules share (addressee parts). */
  memo<T>(key: string, compute: () => T): T
  /** The lines of one segment kind, in text order (one pass over `lines` serves every kind). Read, never change. */
  linesOfKind(kind: SegmentKind): readonly TextLine[]
  /** The header lines of one kind, in text order. Read, never change. */
  headerOfKind(fl: HeaderLineKind): readonly HeaderLine[]
  /** `YYYY-MM-DD` of the DTG, null when unknown; computed on first use (throws as toISOString does on a bad date). */
  isoDay(): string | null
}

const NO_LINES: readonly never[] = Object.freeze([])

/** Groups items by a key in one pass, keeping their order. */
function groupBy<T, K extends string>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

function classLineInfo(table: LineTable): ClassLineInfo | null {
  const line = table.ofKind('classLine')[0]
  if (!line) return null
  const m = CLASS_LINE.exec(line.text)
  if (!m) return null
  const wordStart = line.start + m[1].length
  const sectionAt = m[3] ? line.text.search(/SECTION\s/i) : -1
  const serialStart = line.start + line.text.lastIndexOf(m[6], line.text.length - m[7].length)
  return {
    line,
    // the class word alone: controls joined with `//` (`S E C R E T//NF`) are a marking, read by the parser
    word: splitClassWord(m[2]).word,
    wordStart,
    section: m[3]
      ? { number: Number(m[3]), of: Number(m[4]), start: line.start + sectionAt, end: line.start + line.text.search(/OF\s+\d+/i) + `OF ${m[4]}`.length }
      : null,
    origin: m[5],
    serial: m[6],
    serialStart,
  }
}

function dtgOf(cable: Cable): Date | null {
  const d = cable.envelope.dtg
  if (d) {
    const month = MONTHS.indexOf(d.month.toUpperCase())
    const yy = Number(d.year)
    if (month >= 0 && Number.isFinite(yy)) {
      const year = d.year.length === 4 ? yy : yy < 50 ? 2000 + yy : 1900 + yy
      return new Date(Date.UTC(year, month, Number(d.day), Number(d.time.slice(0, 2)), Number(d.time.slice(2, 4))))
    }
  }
  if (cable.date && !Number.isNaN(Date.parse(cable.date))) return new Date(Date.parse(cable.date))
  return null
}

/** As `toISOString().slice(0, 10)` without building the whole string; other years and bad dates go to toISOString. */
function isoDayOf(d: Date): string {
  const y = d.getUTCFullYear()
  if (!(y >= 1000 && y <= 9999)) return d.toISOString().slice(0, 10)
  const m = d.getUTCMonth() + 1
  const day = d.getUTCDate()
  return `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`
}

function yearOfId(id: string | null): number | null {
  const yy = id ? /^(\d{2})[A-Z]/.exec(id)?.[1] : undefined
  return yy === undefined ? null : Number(yy) + (Number(yy) >= 50 ? 1900 : 2000)
}

const MARK_PATTERNS = new Map<string, RegExp>()

/** `(C/NF)` as written, in any case and spacing; compiled once per distinct mark (a corpus has a few dozen). */
function markPattern(mark: string): RegExp {
  let pattern = MARK_PATTERNS.get(mark)
  if (!pattern) {
    pattern = new RegExp(`\\(\\s*${[...mark].map((ch) => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s*')}\\s*\\)?`, 'i')
    MARK_PATTERNS.set(mark, pattern)
  }
  return pattern
}

const NO_CAVEATS: readonly string[] = Object.freeze([])

/**
 * The marking parser's reading of a mark (cached there: a corpus repeats a few dozen marks). A refused mark keeps
 * its error; one refused as self-contradicting (REL TO with NOFORN) also counts with its stricter reading, so the
 * level and caveat rules see the NOFORN it demands.
 */
function portionMark(mark: string): { level: Level | null; caveats: readonly string[]; error: MarkingError | null } {
  const r = parseMarking(mark)
  if (!r.ok) return { level: r.failClosed?.level ?? null, caveats: r.failClosed?.caveats ?? NO_CAVEATS, error: r.error }
  return { level: r.parts.level, caveats: r.parts.caveats, error: null }
}

function markSites(cable: Cable, text: string): MarkSite[] {
  const sites: MarkSite[] = []
  const add = (mark: string, from: number, to: number, where: MarkSite['where']): void => {
    // the model keeps marks normalised (`c` → `C`), so find the written form case- and space-insensitively
    const found = markPattern(mark).exec(text.slice(from, to))
    const start = found ? from + found.index : from
    const end = found ? start + found[0].length : start
    const parsed = portionMark(mark)
    sites.push({ mark, level: parsed.level, caveats: parsed.caveats, error: parsed.error, start, end, where })
  }
  const subject = cable.spans.subject
  if (cable.subjectMarking) {
    const sm = cable.spans.subjectMarking
    if (sm) add(cable.subjectMarking, Math.max(0, sm.start.offset - 1), sm.end.offset + 1, 'subject')
    else if (subject) add(cable.subjectMarking, subject.start.offset, subject.end.offset, 'subject')
  }
  for (const p of cable.paragraphs) {
    if (p.marking && p.span) add(p.marking, p.span.start.offset, Math.min(p.span.end.offset, p.span.start.offset + 40 + p.marking.length), 'paragraph')
  }
  return sites
}

/**
 * The context as a class: one shape for every cable, methods shared on the prototype rather than closures made per
 * cable, and `lines` made only when a rule reads it.
 */
class Context implements LintContext {
  readonly index: LineIndex
  readonly lineCount: number
  readonly header: HeaderLine[]
  readonly tables: Tables = tables
  readonly classLine: ClassLineInfo | null
  readonly level: Level | null
  readonly sbu: boolean
  readonly captions: string[]
  readonly marks: MarkSite[]
  readonly year: number | null
  readonly dtg: Date | null
  readonly claimedId?: string
  readonly corpus?: CorpusIndex
  readonly source?: string
  private readonly cache = new Map<string, unknown>()
  private headerByKind: Map<HeaderLineKind, HeaderLine[]> | null = null
  private day: string | undefined

  constructor(cable: Cable, readonly text: string, readonly mode: Mode, private readonly table: LineTable, extra: Pick<LintContext, 'claimedId' | 'corpus' | 'source'>) {
    // the line table already holds every line start; rescan only a text it was not cut from
    this.index = new LineIndex(text, table.text === text ? table.lineIndexStarts() : undefined)
    this.lineCount = table.count
    // only lines of header kinds can be header lines: classify those, not the body
    this.header = headerLines(table.headerKindLines())
    const classLine = classLineInfo(table)
    this.classLine = classLine
    const marks = markSites(cable, text)
    this.marks = marks
    const level: Level | null = classLine ? levelOfClassWord(classLine.word) : cable.classification ? statedLevel(cable.classification) : null
    this.level = level
    const captions = cable.captions.map((c) => c.toUpperCase().trim())
    this.captions = captions
    const sensitive = captions.some((c) => c.startsWith('SENSITIVE'))
    const sbuMark = marks.some((m) => m.level === 'SBU')
    this.sbu = level !== null && LEVEL_RANK[level] <= LEVEL_RANK.SBU && (sensitive || sbuMark || level === 'SBU')
    const dtg = dtgOf(cable)
    this.dtg = dtg
    // partial records have no DTG; their reference id (from the text or the archive's name for it) still dates them
    this.year = dtg ? dtg.getUTCFullYear() : yearOfId(cable.id ?? extra.claimedId ?? null)
    this.claimedId = extra.claimedId
    this.corpus = extra.corpus
    this.source = extra.source
  }

  get lines(): TextLine[] {
    return this.table.all()
  }

  lineAt(i: number): TextLine {
    return this.table.at(i)
  }

  lineIndicesOfKind(kind: SegmentKind): readonly number[] {
    return this.table.indicesOf(kind)
  }

  lineFirstCode(i: number): number {
    return this.table.firstCode(i)
  }

  linesOfKind(kind: SegmentKind): readonly TextLine[] {
    return this.table.ofKind(kind)
  }

  headerOfKind(fl: HeaderLineKind): readonly HeaderLine[] {
    // rules look header lines up by kind a dozen times per cable: grouped once, on first use
    return (this.headerByKind ??= groupBy(this.header, (h) => h.fl)).get(fl) ?? NO_LINES
  }

  isoDay(): string | null {
    return this.dtg ? (this.day ??= isoDayOf(this.dtg)) : null
  }

  memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute())
    return this.cache.get(key) as T
  }
}

/**
 * The overall level a classification stated outside a class line demands (publisher metadata, a banner), failing
 * closed as the archive files the cable (archive/cable-access.ts): a self-contradicting marking (REL TO with NOFORN)
 * at its stricter reading's level, one the marking parser cannot read — or whose stricter reading names no level —
 * at TOP SECRET, the level of a cable whose level nothing states; so is a caveat-only one (`NOFORN`). A coherent
 * marking gives its level.
 *
 * @example
 *   statedLevel('SECRET//NOFORN//REL TO GBR') // 'SECRET'
 *   statedLevel('SECERT')                      // 'TOP SECRET'
 */
export function statedLevel(classification: string): Level {
  const r = parseMarking(classification)
  const parts = r.ok ? r.parts : r.failClosed
  return parts?.level ?? 'TOP SECRET'
}

export function buildContext(cable: Cable, text: string, mode: Mode, extra: Pick<LintContext, 'claimedId' | 'corpus' | 'source'>): LintContext {
  return new Context(cable, text, mode, new LineTable(cable, text), extra)
}

/** True for CONFIDENTIAL and above. */
export const isClassified = (ctx: LintContext): boolean => ctx.level !== null && LEVEL_RANK[ctx.level] >= LEVEL_RANK.CONFIDENTIAL
