import { splitTags, tagListLength } from '../format/tags.js'
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml'
import { CAPTION_PHRASES } from '../format/captions.js'
import { caveatsOfCaption, LEVEL_RANK, RESTRICTIVE_CAVEATS } from '../format/classification.js'
import { forbiddenChar, forbiddenCharProblem } from '../format/control-chars.js'
import { closest, looksLikeMark, parseMarking, type MarkingParts } from '../format/marking.js'
import type { PrecedenceWord } from '../format/model.js'
import { lineReadAs } from '../format/text.js'
import { LEVEL_NAMES } from './access.js'
import { parsePrecedence } from './precedence.js'
import { ServiceError, type FieldError } from './service-error.js'
import type { DraftAddressee, DraftBlock, DraftFields } from './types.js'

/** A draft as submitted: the structured fields plus who must clear it. */
export interface DraftInput {
  fields: DraftFields
  clearers: string[]
}

type Obj = Record<string, unknown>
type Path = ReadonlyArray<string | number>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `to[1].precedence` */
export function formatPath(path: Path): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '')
}

/**
 * Collects every problem with its place (`to[1].precedence`, and `line 4, column 3` when the draft came from a
 * file) so one pass reports them all.
 */
class Problems {
  readonly list: string[] = []
  /** The same problems by field, for the INVALID refusal's `errors`. */
  readonly errors: FieldError[] = []
  constructor(private readonly locate: (path: Path) => string | null = () => null) {}
  add(path: Path, what: string): void {
    const at = this.locate(path)
    this.list.push(`${at ? `${at}: ` : ''}${formatPath(path)}: ${what}`)
    this.errors.push({ path: formatPath(path), message: at ? `${what} (${at})` : what })
  }
}

/** The fields a draft may have, at each level; anything else is refused with a "did you mean". */
const TOP_FIELDS = ['precedence', 'to', 'info', 'classification', 'captions', 'eo', 'tags', 'subject', 'subjectMarking', 'references', 'classifiedBy', 'body', 'signature', 'clearers']
const ADDRESSEE_FIELDS = ['name', 'precedence', 'xmt']
const SUBJECT_FIELDS = ['text', 'marking']
const EO_FIELDS = ['order', 'declassify']
const PARAGRAPH_FIELDS = ['marking', 'text']
const LINES_FIELDS = ['lines']

function knownFields(o: Obj, fields: readonly string[], path: Path, p: Problems): void {
  for (const key of Object.keys(o)) {
    if (fields.includes(key)) continue
    const near = closest(key, fields) ?? (key.length >= 3 ? fields.find((f) => f.startsWith(key) || key.startsWith(f)) : undefined)
    p.add([...path, key], `unknown field${near ? ` (did you mean ${near}?)` : ''}; known here: ${fields.join(', ')}`)
  }
}

const typeName = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`)

interface TextRule {
  required?: boolean
  /** Refuse line breaks: subject, addressees, REF items, captions, tags, markings and every other one-line field. */
  singleLine?: boolean
  /** Accept a number and take it as written (`order: 13526`). */
  number?: boolean
}

/**
 * A string field: wrong types are errors, never defaults; control characters (other than tab and newline) and
 * invisible format characters (bidi overrides, zero-width characters, U+2028/U+2029, U+FEFF) are refused
 * everywhere, newlines too in one-line fields (they would inject REF:, TO or class lines into the telegram).
 */
function text(v: unknown, path: Path, p: Problems, rule: TextRule = {}): string | null {
  if (v === undefined || v === null) {
    if (rule.required) p.add(path, 'is required')
    return null
  }
  if (typeof v === 'number' && rule.number && Number.isFinite(v)) return String(v)
  if (typeof v !== 'string') return p.add(path, `must be a string, not ${typeName(v)}`), null
  const forbidden = forbiddenCharProblem(v)
  if (forbidden) return p.add(path, forbidden), null
  if (rule.singleLine && /[\n\r\u2028\u2029]/.test(v)) return p.add(path, 'must be one line (no line breaks)'), null
  const t = v.trim()
  if (rule.required && t === '') return p.add(path, 'must not be empty'), null
  return t
}

/**
 * The entries of a TAGS string as the parser reads a TAGS line (`splitTags`, spec §5.7). Text the parser would take
 * for prose run on after the list (`PREL PGOV the talks`) is refused at `tags`, never dropped.
 */
function draftTags(whole: string, p: Problems): string[] {
  const rest = whole.slice(tagListLength(whole)).trim()
  if (rest !== '') p.add(['tags'], `${JSON.stringify(rest)} is no TAGS entry (entries are separated by blanks, or by commas when one holds a blank)`)
  return splitTags(whole).tags.map((t) => t.text)
}

/** A list of one-line strings; a string is split by `split` when given (`tags: PREL SNAR`), else refused. */
function list(v: unknown, path: Path, p: Problems, split?: RegExp | ((whole: string) => string[])): string[] {
  if (v === undefined || v === null) return []
  let items: unknown[]
  if (typeof v === 'string' && split) {
    const whole = text(v, path, p, { singleLine: true })
    items = whole === null ? [] : typeof split === 'function' ? split(whole) : whole.split(split).filter(Boolean)
    return items as string[]
  }
  if (!Array.isArray(v)) return p.add(path, `must be a list, not ${typeName(v)}`), []
  items = v
  return items.flatMap((x, i) => {
    const s = text(x, [...path, i], p, { required: true, singleLine: true })
    return s === null ? [] : [s]
  })
}

function precedence(v: unknown, path: Path, p: Problems): PrecedenceWord | undefined {
  if (v === undefined || v === null) return undefined
  const s = text(v, path, p, { singleLine: true })
  if (s === null) return undefined
  const w = parsePrecedence(s)
  if (!w) p.add(path, `unknown precedence ${JSON.stringify(s)} (FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE)`)
  return w ?? undefined
}

function addressees(v: unknown, path: Path, p: Problems): DraftAddressee[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) return p.add(path, `must be a list of addressees, not ${typeName(v)}`), []
  return v.flatMap((a, i) => {
    const at = [...path, i]
    if (typeof a === 'string') {
      const name = text(a, at, p, { required: true, singleLine: true })
      return name === null ? [] : [{ name }]
    }
    if (!isObj(a)) return p.add(at, 'must be a name or { name, precedence, xmt }'), []
    knownFields(a, ADDRESSEE_FIELDS, at, p)
    const name = text(a.name, [...at, 'name'], p, { required: true, singleLine: true })
    if (name === null) return []
    const out: DraftAddressee = { name }
    const prec = precedence(a.precedence, [...at, 'precedence'], p)
    if (prec) out.precedence = prec
    const xmt = list(a.xmt, [...at, 'xmt'], p)
    if (xmt.length) out.xmt = xmt
    return [out]
  })
}

/** A portion mark read by the marking parser: it must parse, name a level and not contradict itself. */
interface ReadMark {
  mark: string
  parts: MarkingParts
  path: Path
}

function marking(v: unknown, path: Path, p: Problems, marks: ReadMark[]): string | null {
  const raw = text(v, path, p, { singleLine: true })
  if (raw === null || raw === '') return null
  const mark = raw.replace(/^\(\s*|\s*\)$/g, '')
  const r = parseMarking(mark)
  if (!r.ok) return p.add(path, `${r.error.message} (column ${r.error.start + 1} of ${JSON.stringify(mark)})`), null
  if (r.parts.level === null) return p.add(path, `portion mark ${JSON.stringify(mark)} names no level (U, SBU, C, S, TS)`), null
  const normal = mark.toUpperCase().replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ')
  marks.push({ mark: normal, parts: r.parts, path })
  return normal
}

/**
 * A text that opens with a portion mark (`(S//NF) The minister said …`): the mark is the paragraph's (or
 * subject's) marking. Written in the text it would still be read as one from the telegram, so it is never
 * left unread; given twice (marking and text) it is refused.
 */
function leadingMark(t: string, markingGiven: boolean, path: Path, p: Problems, marks: ReadMark[]): { mark: string | null; text: string } | null {
  const m = /^\(([^)\n]{1,60})\)[ \t]*/.exec(t)
  if (!m || !looksLikeMark(m[1])) return null
  if (markingGiven) return p.add(path, `starts with a portion mark (${m[1]}) although marking is given: put the mark in marking only`), { mark: null, text: t }
  return { mark: marking(m[1], path, p, marks), text: t.slice(m[0].length) }
}

/**
 * A paragraph's text stays that paragraph's text in the telegram: no blank line (a paragraph break: each
 * paragraph is its own entry) and no line the parser would read as anything else — a class line, caption,
 * SUBJECT/REF/TAGS/E.O. line, page header, numbered paragraph, portion mark or end-of-text marker
 * (format/text lineReadAs). The first line is checked too: an unnumbered paragraph starts a line of its own.
 * Positions are the line and column within the text.
 */
function paragraphLines(t: string, path: Path, p: Problems): boolean {
  const lines = t.split('\n')
  let ok = true
  lines.forEach((line, i) => {
    const where = `line ${i + 1}, column 1 of the text`
    if (line.trim() === '') {
      ok = false
      p.add(path, `${where} is blank: a blank line starts a new paragraph; give each paragraph its own entry`)
      return
    }
    // a leading mark on the first line is the paragraph's own (read by leadingMark)
    const readAs = lineReadAs(line)
    if (readAs && !(i === 0 && readAs.startsWith('a portion mark'))) {
      ok = false
      p.add(path, `${where} would be read as ${readAs}, not as this paragraph's text: ${JSON.stringify(line.trim().slice(0, 60))}`)
    }
  })
  return ok
}

/** A literal line (`lines:` block, signature) must read back as a literal line, not as a header or paragraph. */
function literalLine(line: string, path: Path, p: Problems): void {
  const readAs = lineReadAs(line)
  if (readAs && !readAs.startsWith('a portion mark')) p.add(path, `would be read as ${readAs}, not as a line of text: ${JSON.stringify(line.slice(0, 60))}`)
}

function body(v: unknown, p: Problems, marks: ReadMark[]): DraftBlock[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) return p.add(['body'], `must be a list of paragraphs, not ${typeName(v)}`), []
  return v.flatMap((b, i): DraftBlock[] => {
    const at = ['body', i]
    if (typeof b === 'string') {
      const t = text(b, at, p, { required: true })
      if (t === null || !paragraphLines(t, at, p)) return []
      const lead = leadingMark(t, false, at, p, marks)
      return [{ marking: lead?.mark ?? null, text: lead?.text ?? t }]
    }
    if (!isObj(b)) return p.add(at, 'must be a paragraph { marking, text } or { lines: [...] }'), []
    if ('lines' in b) {
      knownFields(b, LINES_FIELDS, at, p)
      const lines = list(b.lines, [...at, 'lines'], p)
      lines.forEach((line, j) => {
        const lead = /^\(([^)\n]{1,60})\)/.exec(line)
        // a literal line that opens with a mark would be read as a marked block: refuse what cannot be honoured
        if (lead && looksLikeMark(lead[1])) p.add([...at, 'lines', j], `starts with a portion mark (${lead[1]}): marked text is a paragraph { marking, text }`)
        else literalLine(line, [...at, 'lines', j], p)
      })
      return [{ lines }]
    }
    knownFields(b, PARAGRAPH_FIELDS, at, p)
    const t = text(b.text, [...at, 'text'], p, { required: true })
    const mark = marking(b.marking, [...at, 'marking'], p, marks)
    if (t === null || !paragraphLines(t, [...at, 'text'], p)) return []
    const lead = leadingMark(t, b.marking !== undefined && b.marking !== null, [...at, 'text'], p, marks)
    return [{ marking: mark ?? lead?.mark ?? null, text: lead?.text ?? t }]
  })
}

const KNOWN_CAPTIONS: readonly string[] = [...CAPTION_PHRASES]
const RESTRICTIVE: readonly string[] = RESTRICTIVE_CAVEATS

function captions(v: unknown, p: Problems): string[] {
  const out: string[] = []
  list(v, ['captions'], p, /\s*,\s*/).forEach((c, i) => {
    const caption = c.toUpperCase().replace(/\s+/g, ' ')
    const known = caption === 'SENSITIVE BUT UNCLASSIFIED' ? 'SENSITIVE' : caption
    if (!KNOWN_CAPTIONS.includes(caption)) {
      const near = closest(caption, KNOWN_CAPTIONS)
      p.add(typeof v === 'string' ? ['captions'] : ['captions', i], `unknown caption ${JSON.stringify(c)}${near ? ` (did you mean ${near}?)` : ''}`)
      return
    }
    if (!out.includes(known)) out.push(known)
  })
  return out
}

/**
 * Validates a draft given as an object (parsed YAML/JSON) and returns its fields; every problem is reported at
 * once with where it is, as a ServiceError('INVALID'):
 * - unknown fields, at any depth, with a "did you mean" (`clearer` → `clearers`); unknown captions too;
 * - wrong types (a number where a list is expected, a mapping for a subject text, …), never defaulted;
 * - control characters anywhere, line breaks in one-line fields;
 * - every marking (classification, subject and paragraph marks, marks leading a text) read by the one marking
 *   parser; the classification is never below a portion (spec §7 rule 1) and every caveat a portion names
 *   (NOFORN, NODIS, EXDIS, ORCON…) is among the captions (rule 4). `SECRET//NOFORN` as classification adds the
 *   NOFORN caption.
 *
 * @param locate optional: the file position of a field path (`line 4, column 3`), for drafts read from a file
 */
export function draftFromObject(input: unknown, locate?: (path: Path) => string | null): DraftInput {
  const p = new Problems(locate)
  if (!isObj(input)) throw new ServiceError('INVALID', 'draft: expected a mapping of fields (precedence, to, subject, body, …)')
  knownFields(input, TOP_FIELDS, [], p)
  const marks: ReadMark[] = []

  const classText = text(input.classification ?? 'UNCLASSIFIED', ['classification'], p, { required: true, singleLine: true })
  let overall: MarkingParts | null = null
  if (classText !== null) {
    const r = parseMarking(classText)
    if (!r.ok) p.add(['classification'], `${r.error.message} (column ${r.error.start + 1}); levels: ${LEVEL_NAMES.join(', ')}`)
    else if (r.parts.level === null) p.add(['classification'], `names no level (${LEVEL_NAMES.join(', ')})`)
    else if (r.parts.releasableTo !== null) p.add(['classification'], 'REL TO belongs on the portion marks, not the overall classification')
    else overall = r.parts
  }
  const level = overall?.level ?? null

  const subjectIn = isObj(input.subject) ? input.subject : { text: input.subject, marking: input.subjectMarking }
  if (isObj(input.subject)) {
    knownFields(input.subject, SUBJECT_FIELDS, ['subject'], p)
    if (input.subjectMarking !== undefined) p.add(['subjectMarking'], 'give the subject marking once: subject.marking')
  }
  const subjectPath = isObj(input.subject) ? ['subject', 'text'] : ['subject']
  const markPath = isObj(input.subject) ? ['subject', 'marking'] : ['subjectMarking']
  let subjectText = text(subjectIn.text, subjectPath, p, { required: true, singleLine: true })
  let subjectMark = marking(subjectIn.marking, markPath, p, marks)
  if (subjectText !== null) {
    const lead = leadingMark(subjectText, subjectIn.marking !== undefined && subjectIn.marking !== null, subjectPath, p, marks)
    if (lead) {
      subjectText = lead.text
      subjectMark = subjectMark ?? lead.mark
    }
  }

  if (input.eo !== undefined && !isObj(input.eo)) p.add(['eo'], `must be a mapping { order, declassify }, not ${typeName(input.eo)}`)
  const eo = isObj(input.eo) ? input.eo : {}
  if (isObj(input.eo)) knownFields(input.eo, EO_FIELDS, ['eo'], p)
  const classified = level !== null && LEVEL_RANK[level] >= LEVEL_RANK.CONFIDENTIAL

  const captionList = captions(input.captions, p)
  // `SECRET//NOFORN`: the overall caveats travel as captions (distribution reads the captions)
  for (const c of overall?.caveats ?? []) if (KNOWN_CAPTIONS.includes(c) && !captionList.includes(c)) captionList.push(c)

  const fields: DraftFields = {
    precedence: precedence(input.precedence ?? 'ROUTINE', ['precedence'], p) ?? 'ROUTINE',
    to: addressees(input.to, ['to'], p),
    info: addressees(input.info, ['info'], p),
    classification: level ?? 'UNCLASSIFIED',
    captions: captionList,
    eo: {
      order: text(eo.order ?? '13526', ['eo', 'order'], p, { required: true, singleLine: true, number: true }) ?? '13526',
      declassify: text(eo.declassify ?? (classified ? undefined : 'N/A'), ['eo', 'declassify'], p, { required: classified, singleLine: true, number: true }) ?? 'N/A',
    },
    // a TAGS string splits as the parser reads a TAGS line: `PREL SNAR`, or `HUMAN RIGHTS, PREL` (spec §5.7)
    tags: list(input.tags, ['tags'], p, (whole) => draftTags(whole, p)).map((t) => t.toUpperCase().replace(/\s+/g, ' ')),
    subject: { marking: subjectMark, text: subjectText ?? '' },
    references: list(input.references, ['references'], p),
    classifiedBy: text(input.classifiedBy, ['classifiedBy'], p, { singleLine: true }),
    body: body(input.body, p, marks),
    signature: list(input.signature, ['signature'], p).map((s, i) => (literalLine(s, ['signature', i], p), s.toUpperCase())),
  }
  if (fields.to.length === 0) p.add(['to'], 'at least one action addressee is required')
  if (fields.body.length === 0) p.add(['body'], 'at least one paragraph is required')
  const clearers = list(input.clearers, ['clearers'], p, /[\s,]+/)

  // the overall marking is never below a portion's, and every caveat of a portion is a caption (spec §7 rules 1, 4)
  if (overall !== null && level !== null) {
    const held = new Set(fields.captions.flatMap(caveatsOfCaption))
    const ceiling = Math.max(LEVEL_RANK[level], LEVEL_RANK.SBU)
    for (const m of marks) {
      if (m.parts.level !== null && LEVEL_RANK[m.parts.level] > ceiling) {
        p.add(m.path, `portion mark (${m.mark}) is above the classification ${level}: raise the classification or the mark is refused`)
      }
      for (const c of m.parts.caveats) {
        if (RESTRICTIVE.includes(c) && !held.has(c)) p.add(m.path, `portion mark (${m.mark}) names ${c}: add ${c} to captions`)
      }
    }
  }
  if (p.list.length) throw new ServiceError('INVALID', `draft: ${p.list.join('; ')}`, p.list, p.errors)
  return { fields, clearers }
}

/**
 * Refuses a whole input (draft file, telegram text) holding a control character other than tab and a line ending,
 * or an invisible format character (bidi override, zero-width character, …), naming it, its line and column:
 * ServiceError('INVALID'). A byte-order mark opening the file is an encoding signature, not text.
 */
export function refuseControlChars(text: string, source: string): void {
  const body = text.startsWith('\uFEFF') ? ' ' + text.slice(1) : text
  const f = forbiddenChar(body)
  if (f !== null) throw new ServiceError('INVALID', `${source}: line ${f.line}, column ${f.column}: ${f.what} is not allowed`)
}

/**
 * Reads a draft file's text (YAML, or JSON, which YAML reads too). Syntax errors and every field problem name
 * the line and column in the file.
 *
 * @example
 *   draftFromText('precedence: IMMEDIATE\nto: [AMEMBASSY DUSHANBE]\nsubject: TEST\nbody: [Hello]\nclearers: [carl]\n')
 */
export function draftFromText(text: string, source = 'draft'): DraftInput {
  refuseControlChars(text, source)
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length) {
    const e = doc.errors[0]
    const pos = lineCounter.linePos(e.pos[0])
    throw new ServiceError('INVALID', `${source}: line ${pos.line}, column ${pos.col}: not valid YAML/JSON: ${e.message.split('\n')[0]}`)
  }
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset)
    return `${source}:${pos.line}:${pos.col}`
  }
  // a field's place is its key in its mapping (a list item's, the item itself); a path the file does not hold
  // (a default) falls back to its nearest ancestor
  const locate = (path: Path): string | null => {
    for (let n = path.length; n > 0; n--) {
      const parent = n > 1 ? doc.getIn(path.slice(0, n - 1), true) : doc.contents
      const key = path[n - 1]
      if (isMap(parent)) {
        const pair = parent.items.find((it) => (it.key as { value?: unknown } | null)?.value === key)
        const r = (pair?.key as { range?: [number, number, number] } | null)?.range
        if (r) return at(r[0])
      } else if (isSeq(parent) && typeof key === 'number') {
        const r = (parent.items[key] as YamlNode | undefined)?.range
        if (r) return at(r[0])
      }
    }
    return null
  }
  return draftFromObject(doc.toJS(), locate)
}
