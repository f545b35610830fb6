import { codeAt, hasLowerCase } from './char-codes.js'
import { CAPTION_PHRASES } from './captions.js'
import { caveatsOfCaption, LEVEL_RANK, RESTRICTIVE_CAVEATS, type Level } from './classification.js'

/**
 * THE marking parser (spec §5.10, §7; data/classifications.tsv): every overall classification, subject and
 * paragraph portion mark, and caveat list is read here, by drafts, the text parser, lint, release and access
 * control alike. It either understands a marking or refuses it with the offset of what it could not read:
 * nothing that names a level or a caveat is ever silently dropped (fail closed).
 *
 *   S//NF    C/REL TO USA, GBR    SECRET//NOFORN    TOP SECRET    (SBU/N)    U//FOUO    C - ENTIRE TEXT    NF
 *   ^level   ^level ^REL list     ^level  ^caveat   ^level          ^SBU+NOFORN ^SBU       ^level            ^caveat only
 */

/** What a marking says: its level (null for a caveat-only mark such as `NF`), caveats and REL TO list. */
export interface MarkingParts {
  /** Level named; `SBU` for the administrative controls (SBU, LOU, FOUO, `U//FOUO`). Null when no level is named. */
  level: Level | null
  /** Caveats in canonical spelling (`NF` → `NOFORN`, `OC` → `ORCON`), in order of first appearance, no repeats. */
  caveats: string[]
  /** Countries and organisations of a REL TO list, upper case, in the order written; null without REL. */
  releasableTo: string[] | null
}

/** Why a marking was refused: a message and the place, as offsets into the marking text. */
export interface MarkingError {
  message: string
  /** Offset (UTF-16 code units from 0) of the first character not understood. */
  start: number
  end: number
}

/**
 * The parser's answer. A refused marking may still carry `failClosed`: the stricter reading of a marking that is
 * understood but contradicts itself (REL TO with NOFORN → NOFORN, the REL TO list dropped). Drafts, lint and
 * release refuse it; an archive, which must store what it imports, files the cable under `failClosed` with a
 * diagnostic. An unreadable marking has no `failClosed`: nothing tells what it demands.
 */
export type MarkingResult = { ok: true; parts: MarkingParts } | { ok: false; error: MarkingError; failClosed?: MarkingParts }

/** Level words and abbreviations, longest first so `TOP SECRET` wins over `SECRET`, `SBU` over `S`. */
const LEVEL_WORDS: ReadonlyArray<readonly [string[], Level]> = [
  [['SENSITIVE', 'BUT', 'UNCLASSIFIED'], 'SBU'],
  [['LIMITED', 'OFFICIAL', 'USE'], 'SBU'],
  [['TOP', 'SECRET'], 'TOP SECRET'],
  [['UNCLASSIFIED'], 'UNCLASSIFIED'],
  [['UNCLAS'], 'UNCLASSIFIED'],
  [['CONFIDENTIAL'], 'CONFIDENTIAL'],
  [['SECRET'], 'SECRET'],
  [['TS'], 'TOP SECRET'],
  [['S'], 'SECRET'],
  [['C'], 'CONFIDENTIAL'],
  [['U'], 'UNCLASSIFIED'],
  [['SBU'], 'SBU'],
  [['LOU'], 'SBU'],
  [['CUI'], 'SBU'],
]

/**
 * Caveat words → canonical caveat. `FOUO` and `SBU` after a level are administrative controls (they make an
 * unclassified marking SBU); `FGI` (foreign government information) and `EFTO` restrict no reader.
 */
const CAVEAT_WORDS: ReadonlyArray<readonly [string[], string]> = [
  [['FOR', 'OFFICIAL', 'USE', 'ONLY'], 'FOUO'],
  [['SPECAT', 'EXCLUSIVE'], 'SPECAT EXCLUSIVE'],
  [['NOFORN'], 'NOFORN'],
  [['NF'], 'NOFORN'],
  [['NODIS'], 'NODIS'],
  [['NODIF'], 'NODIS'],
  [['EXDIS'], 'EXDIS'],
  [['LIMDIS'], 'LIMDIS'],
  [['STADIS'], 'STADIS'],
  [['ORCON'], 'ORCON'],
  [['OC'], 'ORCON'],
  [['CHEROKEE'], 'CHEROKEE'],
  [['SPECAT'], 'SPECAT'],
  [['FGI'], 'FGI'],
  [['FOUO'], 'FOUO'],
  [['SBU'], 'SBU'],
  [['EFTO'], 'EFTO'],
]

/** Words that only qualify the extent of a mark (`C - ENTIRE TEXT`); they change nothing. */
const EXTENT_WORDS: ReadonlyArray<string[]> = [['ENTIRE', 'TEXT'], ['ENTIRE', 'PARAGRAPH'], ['ENTIRE', 'CABLE'], ['ENTIRE', 'MESSAGE']]

/** The administrative controls that are not caveats of the reader but make a marking SBU. */
const ADMINISTRATIVE = new Set(['FOUO', 'SBU'])

interface Token {
  /** `w` a word of letters (upper-cased), `/` `//` `-` `,` separators; spaces are not tokens. */
  type: 'w' | 'sep'
  text: string
  start: number
  end: number
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function tokenize(text: string): Token[] | MarkingError {
  const tokens: Token[] = []
  // the length read once: a lookup on a mark cut from a line is megamorphic (see codeAt)
  const n = text.length
  let i = 0
  while (i < n) {
    const c = codeAt(text, i)
    if (c === 32 || c === 9) {
      i++
    } else if (isLetter(c)) {
      const start = i
      // Stryker disable next-line EqualityOperator,ConditionalExpression: charCodeAt past the end is NaN, which is no letter: the loop stops there either way
      while (i < n && isLetter(codeAt(text, i))) i++
      tokens.push({ type: 'w', text: text.slice(start, i).toUpperCase(), start, end: i })
    } else if (c === 47 /* / */) {
      const start = i
      // Stryker disable next-line EqualityOperator,ConditionalExpression: charCodeAt past the end is NaN, never 47: the loop stops there either way
      while (i < n && codeAt(text, i) === 47) i++
      if (i - start > 2) return { message: `"${text.slice(start, i)}" is not a marking separator (use / or //)`, start, end: i }
      tokens.push({ type: 'sep', text: text.slice(start, i), start, end: i })
    } else if (c === 45 /* - */ || c === 44 /* , */) {
      const start = i
      // Stryker disable next-line EqualityOperator,ConditionalExpression: charCodeAt past the end is NaN, never c: the loop stops there either way
      while (i < n && codeAt(text, i) === c) i++
      // Stryker disable next-line MethodExpression: the text of a - or , separator is read nowhere (only // is compared, and the whole marking holding - or , is never //)
      tokens.push({ type: 'sep', text: text.slice(start, i), start, end: i })
    } else {
      return { message: `unexpected character ${JSON.stringify(text[i])} in a marking`, start: i, end: i + 1 }
    }
  }
  return tokens
}

/** Length of the phrase at token k when the words there are exactly `words`, else 0. */
function phraseAt(tokens: Token[], k: number, words: readonly string[]): number {
  for (let j = 0; j < words.length; j++) {
    const t = tokens[k + j]
    if (!t || t.type !== 'w' || t.text !== words[j]) return 0
  }
  return words.length
}

function match<T>(tokens: Token[], k: number, table: ReadonlyArray<readonly [readonly string[], T]>): { n: number; value: T } | null {
  for (const [words, value] of table) {
    const n = phraseAt(tokens, k, words)
    if (n) return { n, value }
  }
  return null
}

/**
 * Reads a marking: an overall classification (`SECRET//NOFORN`), a portion mark without its parentheses
 * (`S//NF`, `C/REL TO USA, GBR`, `SBU/N`), or a caveat-only mark (`NF`). Case and spacing are free;
 * separators are `/`, `//`, `-`, `,` or spaces.
 *
 * Refused (with the offending offsets): unknown words, a second level, an unclassified control after a classified
 * level, a REL TO list without countries, an empty marking, and REL TO together with NOFORN (spec §7 rule 4: no
 * foreign release contradicts a release list; the error points at the REL TO list and carries the NOFORN reading as
 * `failClosed`). The result is frozen (shared between calls).
 *
 * @example
 *   parseMarking('S//NF')            // { ok: true, parts: { level: 'SECRET', caveats: ['NOFORN'], releasableTo: null } }
 *   parseMarking('C/REL TO USA, GBR') // … level CONFIDENTIAL, releasableTo ['USA', 'GBR']
 *   parseMarking('S//NOFRON')        // { ok: false, error: { message: 'unknown marking word "NOFRON" …', start: 3, end: 9 } }
 *   parseMarking('S//NF/REL TO GBR') // { ok: false, error: { message: 'REL TO and NOFORN …', start: 6, end: 16 },
 *                                    //   failClosed: { level: 'SECRET', caveats: ['NOFORN'], releasableTo: null } }
 */
export function parseMarking(text: string): MarkingResult {
  let r = CACHE.get(text)
  if (r === undefined) {
    r = deepFreeze(readMarking(text))
    // a corpus repeats a few dozen marks; a hostile input could write many distinct ones: bound the table
    if (CACHE.size < 10_000) CACHE.set(text, r)
  }
  return r
}

const CACHE = new Map<string, MarkingResult>()

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

/**
 * The statement of a mark's extent that closes it in 1970s telegrams (spec §7): `- ENTIRE TEXT`, with a full stop
 * (`(S - ENTIRE TEXT.)`), with exceptions (`ENTIRE TEXT EXCEPT PARA 3`), or naming the paragraphs it covers
 * (`(C - PARAS 1 AND 2)`). It changes nothing the mark demands: the paragraphs it names or excepts carry their own
 * marks, or are unmarked at the overall level.
 */
const EXTENT_TAIL = /(?:[ \t]*-[ \t]*|[ \t]+)(?:ENTIRE[ \t]+(?:TEXT|PARAGRAPH|CABLE|MESSAGE)(?:[ \t]+EXCEPT[ \t]+PARA(?:GRAPH)?S?\.?[ \t]*\d{1,3}(?:[ \t]*(?:,|AND|&|-|THRU|THROUGH)[ \t]*\d{1,3})*)?|PARA(?:GRAPH)?S?\.?[ \t]*\d{1,3}(?:[ \t]*(?:,|AND|&|-|THRU|THROUGH)[ \t]*\d{1,3})*)[ \t]*\.?[ \t]*$/i

function readMarking(written: string): MarkingResult {
  // the extent statement is read off first: it holds digits and full stops, which no marking word does
  const extentAt = written.search(EXTENT_TAIL)
  const text = extentAt > 0 ? written.slice(0, extentAt) : written
  const tokens = tokenize(text)
  if (!Array.isArray(tokens)) return { ok: false, error: tokens }
  const fail = (message: string, t: Token | undefined): MarkingResult => ({
    ok: false,
    error: { message, start: t?.start ?? 0, end: t?.end ?? text.length },
  })
  if (tokens.length === 0) return fail('empty marking', undefined)
  let level: Level | null = null
  let levelToken: Token | null = null
  const caveats: string[] = []
  let releasableTo: string[] | null = null
  // where the REL TO lists stand, for the error when NOFORN contradicts them
  let relStart = -1
  // Stryker disable next-line UnaryOperator: relEnd is set by every REL TO list the parser keeps; a list without countries is refused before it is read
  let relEnd = -1
  let k = 0
  let first = true
  while (k < tokens.length) {
    const t = tokens[k]
    if (t.type === 'sep') {
      k++
      continue
    }
    // a letter glued to a level abbreviation is not that abbreviation: `SE`, `SNF` are refused as words below
    const lv = match(tokens, k, LEVEL_WORDS)
    // `S` or `C` is a level only in the first place; later single letters are caveats or errors (`SBU/N`)
    // Stryker disable next-line ConditionalExpression: every level of several words opens with a word of several letters, so the length test decides alone
    if (lv && (first || lv.n > 1 || tokens[k].text.length > 1)) {
      if (level !== null && !(lv.value === 'SBU' && (level === 'UNCLASSIFIED' || level === 'SBU'))) {
        // Stryker disable next-line OptionalChaining: a level read before means its token was kept with it
        return fail(`a second level ${tokens.slice(k, k + lv.n).map((x) => x.text).join(' ')} after ${levelToken?.text ?? level}`, t)
      }
      // `U//SBU`, `UNCLASSIFIED//LOU`: the administrative control raises U to SBU
      level = level === null ? lv.value : 'SBU'
      levelToken = t
      k += lv.n
      first = false
      continue
    }
    first = false
    if (phraseAt(tokens, k, ['REL']) || phraseAt(tokens, k, ['RELEASABLE'])) {
      if (relStart === -1) relStart = t.start
      k++
      if (phraseAt(tokens, k, ['TO'])) k++
      const list: string[] = []
      // the list runs to `//` or the end; items are separated by `,`, `/`, `AND` (`C/REL NATO/AUS`, `S//REL MLT, GBR, AND GER`)
      let item: string[] = []
      const flush = () => {
        // `REL TO USA ONLY`: ONLY closes the list, it names no country
        if (item.length > 1 && item[item.length - 1] === 'ONLY') item.pop()
        if (item.length && !(item.length === 1 && item[0] === 'ONLY')) list.push(item.join(' '))
        item = []
      }
      while (k < tokens.length && !(tokens[k].type === 'sep' && tokens[k].text === '//')) {
        const x = tokens[k]
        if (x.type === 'sep' || x.text === 'AND') flush()
        // a caveat or level word ends the list, after a separator or a space alike (`S/REL UK/NF`, `S//REL TO GBR NF`,
        // a caveat with a blank inside, `S//REL TO GBR NO FORN`):
        // it is read, and refused below (NOFORN with REL, a second level), never kept as part of a country's name
        else if (match(tokens, k, CAVEAT_WORDS) || splitCaveat(tokens, k) || endsRelList(tokens, k)) break
        else {
          item.push(x.text)
          relEnd = x.end
        }
        k++
      }
      flush()
      if (list.length === 0) return fail('REL TO names no country or organisation', t)
      releasableTo = releasableTo === null ? list : releasableTo.filter((c) => list.includes(c))
      // a release to the United States alone releases to no foreign country: it demands what NOFORN demands (QA 14
      // round 11, F1); the marking as written keeps its REL TO
      if (releasesToNoForeignCountry(releasableTo) && !caveats.includes('NOFORN')) caveats.push('NOFORN')
      continue
    }
    if (phraseAt(tokens, k, ['N']) && level === 'SBU') {
      // `SBU/N` is SBU NOFORN (5 FAH-1 H-246.2 c)
      if (!caveats.includes('NOFORN')) caveats.push('NOFORN')
      k++
      continue
    }
    const cv = match(tokens, k, CAVEAT_WORDS)
    if (cv) {
      if (ADMINISTRATIVE.has(cv.value)) {
        if (level !== null && LEVEL_RANK[level] > LEVEL_RANK.SBU) return fail(`${cv.value} is an unclassified control and cannot follow ${level}`, t)
        level = 'SBU'
      } else if (!caveats.includes(cv.value)) caveats.push(cv.value)
      k += cv.n
      continue
    }
    const extent = EXTENT_WORDS.find((w) => phraseAt(tokens, k, w))
    if (extent) {
      k += extent.length
      continue
    }
    const split = splitCaveat(tokens, k)
    if (split) {
      if (!caveats.includes(split.value)) caveats.push(split.value)
      k += split.n
      continue
    }
    return fail(`unknown marking word "${t.text}"${suggestion(t.text)}`, t)
  }
  // a level and a separator with no control after it (`S//`, `(S//)`, `SECRET/`), or a separator alone (`(//)`): what
  // it would have named is unknown (only a separator holds a slash: a word is letters)
  const last = tokens[tokens.length - 1]
  if (last.text.includes('/') && caveats.length === 0 && releasableTo === null) return fail(level === null ? `"${last.text}" names no level or control` : `"${last.text}" after ${level} names no control`, last)
  const parts: MarkingParts = { level, caveats, releasableTo }
  const conflict = markingConflict(parts)
  if (conflict) return { ok: false, error: { message: conflict, start: relStart, end: relEnd }, failClosed: { level, caveats, releasableTo: null } }
  return { ok: true, parts }
}

/**
 * A caveat word written with blanks inside it (`NO FORN`, `EX DIS`, `N O F O R N`): words standing next to each other
 * (only blanks between them) whose letters together make a caveat word of four letters or more. Read as that caveat,
 * so a stray blank never turns a caveat into an unreadable mark or drops it; null when no run from token k does.
 */
function splitCaveat(tokens: Token[], k: number): { n: number; value: string } | null {
  let letters = ''
  // Stryker disable next-line ConditionalExpression: `true` for the word test or the 12-token bound only reads on without a match (a separator's text has no letter; the longest caveat word, CHEROKEE, has 8)
  for (let j = k; j < tokens.length && tokens[j].type === 'w' && j - k < 12; j++) {
    letters += tokens[j].text
    // Stryker disable next-line ConditionalExpression: a caveat word standing whole at k is read by match() before splitCaveat is asked, so trying the first word alone finds nothing new
    if (j === k) continue
    const hit = CAVEAT_WORDS.find(([w]) => w.length === 1 && w[0].length >= 4 && w[0] === letters)
    if (hit) return { n: j - k + 1, value: hit[1] }
  }
  return null
}

/** Whether a level word of more than one letter stands at token k (`SECRET`, `TS`): single letters may name a country. */
function endsRelList(tokens: Token[], k: number): boolean {
  const lv = match(tokens, k, LEVEL_WORDS)
  return lv !== null && (lv.n > 1 || tokens[k].text.length > 1)
}

/**
 * A marking that reads but contradicts itself: REL TO together with NOFORN (spec §7 rule 4). The marking parser
 * refuses such a marking (with the NOFORN reading as `failClosed`); null when the parts are coherent.
 */
export function markingConflict(parts: MarkingParts): string | null {
  return parts.releasableTo !== null && !releasesToNoForeignCountry(parts.releasableTo) && parts.caveats.includes('NOFORN') ? 'REL TO and NOFORN contradict each other on one marking (spec §7 rule 4)' : null
}

/** How a REL TO list names the United States (`REL TO USA`, `REL US`, `RELEASABLE TO UNITED STATES ONLY`). */
const UNITED_STATES: ReadonlySet<string> = new Set(['USA', 'US', 'UNITED STATES', 'UNITED STATES OF AMERICA'])

/**
 * Whether a REL TO list (as `MarkingParts.releasableTo` holds it) releases to no foreign country: it names the United
 * States alone (`REL TO USA ONLY`, `REL USA`, `REL TO US ONLY`). Such a
 * marking demands what NOFORN demands (the parser adds NOFORN to its caveats: QA 14 round 11, F1); a list naming
 * another country (`REL TO USA, GBR`) restricts no US reader.
 */
export function releasesToNoForeignCountry(list: readonly string[]): boolean {
  // (lists that share no country, `REL TO USA//REL TO GBR`, are left as they were read before: not this rule's case)
  return list.length > 0 && list.every((c) => UNITED_STATES.has(c))
}

const VOCABULARY = [
  ...new Set([...LEVEL_WORDS, ...CAVEAT_WORDS].map(([w]) => w.join(' ')).filter((w) => w.length > 2).concat(['REL TO'])),
]

/** ` (did you mean NOFORN?)` for a word one or two edits from a marking word, else ''. */
function suggestion(word: string): string {
  const best = closest(word, VOCABULARY)
  return best ? ` (did you mean ${best}?)` : ''
}

/**
 * The candidate closest to a word by edit distance (transpositions count one), when it is close enough to be a
 * likely typo: at most 1 edit for words up to 4 letters, 2 beyond. Null otherwise, and for the word itself. Of
 * equally close candidates, the first.
 *
 * @example closest('NOFRON', ['NOFORN', 'NODIS']) // 'NOFORN'
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toUpperCase()
  let best: string | null = null
  let bestD = Infinity
  for (const c of candidates) {
    const d = editDistance(w, c.toUpperCase())
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  const limit = w.length <= 4 ? 1 : 2
  // no candidate leaves bestD at Infinity, above every limit
  return bestD > 0 && bestD <= limit ? best : null
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  // row i opens with i; every other cell is written before it is read (row 0 below, row i from left to right)
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      // a transposition: at i = 1 or j = 1, a[i - 2] or b[j - 2] is undefined and equals no character
      if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

/** The words a mark may open with (`looksLikeMark`): the first word of a level, a one-word caveat, REL. */
const MARK_OPENING_WORDS: ReadonlySet<string> = new Set([...LEVEL_WORDS.map(([w]) => w[0]), ...CAVEAT_WORDS.filter(([w]) => w.length === 1).map(([w]) => w[0]), 'REL', 'RELEASABLE'])

/**
 * `/^[ \t]*([A-Za-z]+)(?=$|[ \t/,-])/.exec(text)?.[1] ?? null`, read by char code: the letters after the leading
 * blanks when they are followed by the end, a blank or a marking separator (a shorter run of letters is followed by
 * a letter, so only the whole run can match). This runs for every parenthesis that opens a paragraph; the match
 * array the regex built for it was a share of the parser's allocation.
 */
function firstMarkWord(text: string): string | null {
  const n = text.length
  let i = 0
  // past the end codeAt is NaN, which is neither a blank nor a letter: both scans stop there without a bound
  while (codeAt(text, i) === 32 || codeAt(text, i) === 9) i++
  const from = i
  while (isLetter(codeAt(text, i))) i++
  // Stryker disable next-line ConditionalExpression: an empty word is in no set of opening words either (looksLikeMark, the one caller, tests it)
  if (i === from) return null
  if (i < n) {
    const c = codeAt(text, i)
    if (c !== 32 && c !== 9 && c !== 47 /* / */ && c !== 44 /* , */ && c !== 45 /* - */) return null
  }
  return text.slice(from, i)
}

/**
 * Whether a parenthesised text at the start of a paragraph or subject is meant as a portion mark (then it must
 * parse, or be refused), or is ordinary text such as `(Note: …)`, `(U.S.)`, `(UN)`, `(a)`.
 *
 * It is a mark when its first word is a level or caveat word standing alone (followed by the end, a space or a
 * marking separator), and either the whole text parses, or it is written in capitals or holds a `/` (`S//XYZ`,
 * `S/NF/rel x` are marks the parser refuses; `(Secret talks)` in mixed case is prose).
 *
 * @example
 *   looksLikeMark('S//NF') // true;  looksLikeMark('S//XYZ') // true (refused by parseMarking)
 *   looksLikeMark('U.S.')  // false; looksLikeMark('UN')     // false
 */
export function looksLikeMark(text: string): boolean {
  const word = firstMarkWord(text)
  if (word === null || !MARK_OPENING_WORDS.has(word.toUpperCase())) return false
  // a multi-word level must be complete (`TOP SECRET`, not `Top priority`)
  if (parseMarking(text).ok) return true
  return !hasLowerCase(text) || text.includes('/')
}

/**
 * Whether a parenthesised word found where a mark may stand inside running text (a sub-item or block opening a
 * body line, spec §7) is a portion mark the parser refuses rather than an acronym: it opens with a level word or
 * abbreviation (`looksLikeMark`) and either uses the `//` separator of a marking (`S//ZZ`, `TS//NOFRON`) or names
 * a caveat or REL TO after its level (`S/NF/XX`). Acronyms such as `(OAS/MAPP)`, `(S/CT)`, `(S/P)`, `(U/S)` are
 * not: a single slash after `S` or `U` is the State Department's office notation far more often than a mark.
 * A text the parser reads is never garbled.
 *
 * @example
 *   garbledMark('S//ZZ')    // true
 *   garbledMark('S/NF/XX')  // true
 *   garbledMark('S/CT')     // false (an office)
 *   garbledMark('S//NF')    // false (readable)
 */
export function garbledMark(text: string): boolean {
  if (parseMarking(text).ok) return false
  if (oddMark(text)) return true
  if (!looksLikeMark(text)) return false
  if (text.includes('//')) return true
  const [first, ...words] = text.toUpperCase().split(/[^A-Z]+/).filter(Boolean)
  // no State office is written `TS/…` or `SECRET/…`: after those, a slash makes the word a mark
  if (first !== 'S' && first !== 'C' && first !== 'U' && /^[ \t]*[A-Za-z ]+\//.test(text)) return true
  return words.some((w) => w === 'REL' || CONTROL_MARKINGS.has(w) || CAVEAT_WORDS.some(([c]) => c.length === 1 && c[0] === w))
}

/** Every word a level or caveat of a marking is written with (`S`, `CONFIDENTIAL`, `NF`), and `CONF`, a level's stem. */
const MARK_TOKENS: ReadonlySet<string> = new Set(['CONF', 'TOP', ...[...LEVEL_WORDS, ...CAVEAT_WORDS].filter(([w]) => w.length === 1).map(([[w]]) => w)])

/**
 * Marks in shapes no marking takes, which a reader still reads as one (QA 14 round 5, finding 01): the `//`
 * separator with a level or caveat word on either side and no URL before it (`//S`, `CONF//S`), the `T/S`
 * abbreviation of TOP SECRET, and a caveat in parentheses of its own after a level's abbreviation (`S(NF)`). Each
 * is a mark nobody can read (fail closed).
 *
 * @example
 *   oddMark('CONF//S') // true;  oddMark('T/S') // true;  oddMark('S(NF)') // true
 *   oddMark('http://example.org') // false
 */
export function oddMark(text: string): boolean {
  const t = text.trim().toUpperCase()
  if (/^T ?[/.] ?S\.?$/.test(t)) return true
  const nested = /^(?:TS|S|C|U) ?\( ?([A-Z]{2,8}) ?\)$/.exec(t)
  if (nested) return CAVEAT_WORDS.some(([w]) => w.length === 1 && w[0] === nested[1])
  if (!t.includes('//') || /:\/\//.test(t)) return false
  return t.split(/[^A-Z]+/).some((w) => MARK_TOKENS.has(w))
}

/**
 * Control markings of the US classification system this archive does not read as caveats (SCI control systems,
 * special access programmes, Atomic Energy Act information, other dissemination controls): written after a level
 * with a single slash (`(TS/SCI)`, `(S/SI)`, `(S/TK)`, `(S/HCS)`, `(S/SAR)`, `(S/DSEN)`, `(S/LES)`), the word is a
 * mark nobody here can read, never an office of the `(S/CT)` kind (QA 14 round 5, finding 01). Data: the ODNI
 * register of control markings' abbreviations and names.
 */
const CONTROL_MARKINGS: ReadonlySet<string> = new Set([
  'SCI', 'SI', 'COMINT', 'GAMMA', 'TK', 'HCS', 'KDK', 'KLONDIKE', 'RSV', 'BUR',
  'SAR', 'SAP', 'SPECIAL', 'RD', 'FRD', 'CNWDI', 'TFNI', 'SIGMA',
  'DSEN', 'LES', 'RSEN', 'IMCON', 'PROPIN', 'PR', 'RELIDO', 'FISA', 'NOCONTRACT', 'WNINTEL', 'EYES',
])

/**
 * Whether a word (upper case) is a control marking of the US system this archive does not read as a caveat
 * (`CONTROL_MARKINGS`: `SI`, `TK`, `HCS`, `SCI`, `SAR`, `RD`, …): a mark holding it is one nobody here can read.
 */
export function isUnreadControl(word: string): boolean {
  return CONTROL_MARKINGS.has(word)
}

/**
 * The level and caveats a marking demands, failing closed: an unreadable marking yields `null` (callers treat
 * it as the highest level); a self-contradicting one its stricter reading (REL TO with NOFORN → NOFORN); a
 * caveat-only mark yields level null with its caveats.
 */
export function markingParts(text: string): MarkingParts | null {
  const r = parseMarking(text)
  return r.ok ? r.parts : (r.failClosed ?? null)
}

/** Any character outside printable ASCII and the blank. */
const NON_ASCII = /[^\x20-\x7e]/

/**
 * Letters of other scripts that a screen shows as the Latin letters marks are written with (Unicode confusables):
 * Cyrillic and Greek capitals and small letters, Cherokee, Lisu, Coptic and Latin small capitals. Data, not a rule:
 * `disguisedMark` also refuses a lone letter of any other script and a short word mixing scripts, which no table
 * lists.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'Ј': 'J', 'К': 'K', 'М': 'M', 'О': 'O', 'Р': 'P', 'Ѕ': 'S', 'Т': 'T', 'Х': 'X', 'У': 'Y', 'Ԁ': 'D',
  'а': 'a', 'с': 'c', 'е': 'e', 'о': 'o', 'р': 'p', 'х': 'x', 'у': 'y', 'ѕ': 's', 'і': 'i', 'ј': 'j', 'ԁ': 'd',
  'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
  'ο': 'o', 'ν': 'v',
  'Ꭺ': 'A', 'Ᏼ': 'B', 'Ꮯ': 'C', 'Ꭰ': 'D', 'Ꭼ': 'E', 'Ꮐ': 'G', 'Ꮋ': 'H', 'Ꮖ': 'I', 'Ꭻ': 'J', 'Ꮶ': 'K', 'Ꮮ': 'L', 'Ꮇ': 'M', 'Ꮲ': 'P', 'Ꮪ': 'S', 'Ꭲ': 'T', 'Ꮩ': 'V', 'Ꮃ': 'W', 'Ꮓ': 'Z',
  'ꓮ': 'A', 'ꓐ': 'B', 'ꓚ': 'C', 'ꓓ': 'D', 'ꓰ': 'E', 'ꓝ': 'F', 'ꓖ': 'G', 'ꓧ': 'H', 'ꓲ': 'I', 'ꓙ': 'J', 'ꓗ': 'K', 'ꓡ': 'L', 'ꓟ': 'M', 'ꓠ': 'N', 'ꓳ': 'O', 'ꓑ': 'P', 'ꓣ': 'R', 'ꓢ': 'S', 'ꓔ': 'T', 'ꓴ': 'U', 'ꓦ': 'V', 'ꓪ': 'W', 'ꓫ': 'X', 'ꓬ': 'Y', 'ꓜ': 'Z',
  'Ⲁ': 'A', 'Ⲃ': 'B', 'Ⲥ': 'C', 'Ⲇ': 'D', 'Ⲉ': 'E', 'Ⲏ': 'H', 'Ⲓ': 'I', 'Ⲕ': 'K', 'Ⲙ': 'M', 'Ⲛ': 'N', 'Ⲟ': 'O', 'Ⲣ': 'P', 'Ⲧ': 'T', 'Ⲭ': 'X',
  'ᴀ': 'A', 'ʙ': 'B', 'ᴄ': 'C', 'ᴅ': 'D', 'ᴇ': 'E', 'ꜰ': 'F', 'ɢ': 'G', 'ʜ': 'H', 'ɪ': 'I', 'ᴊ': 'J', 'ᴋ': 'K', 'ʟ': 'L', 'ᴍ': 'M', 'ɴ': 'N', 'ᴏ': 'O', 'ᴘ': 'P', 'ʀ': 'R', 'ꜱ': 'S', 'ᴛ': 'T', 'ᴜ': 'U', 'ᴠ': 'V', 'ᴡ': 'W', 'ʏ': 'Y', 'ᴢ': 'Z',
}

/** Characters a screen shows as a blank: spaces of every width, the braille blank, the Hangul fillers. */
const BLANK_LIKE = /[\p{Zs}\u2800\u115f\u1160\u3164\uffa0]/gu
/** Characters a screen shows as nothing, or as a mark on the letter before: format characters, combining marks, other default-ignorables. */
const INVISIBLE = /[\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]/gu
/**
 * Control characters and terminal control sequences, which a screen does not show as characters: ANSI CSI sequences
 * (`ESC [ 0 m`, colours, concealment), two-character escapes, C0 and C1 controls but tab and line ends, DEL.
 */
export const CONTROL_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g

/** A letter of any script. */
const ANY_LETTER = /\p{L}/u

/**
 * The word as a screen shows it: control characters and terminal sequences dropped (`ESC[0m`, DEL, backspace),
 * compatibility forms folded (`Ｓ`, `（`, `﹙`, `⁽`, ligatures: NFKC), accents and
 * other combining marks taken off the letters they sit on (`Ṡ`, `S̶`), invisible characters dropped (zero-width
 * space and joiners, soft hyphen, direction marks, variation selectors, the combining grapheme joiner), blank-looking
 * ones read as a blank (no-break and other spaces, the braille blank, Hangul fillers), and letters of other scripts
 * that look like Latin ones read as those (`LOOKALIKES`).
 */
export function markSkeleton(word: string): string {
  return word
    .replace(CONTROL_SEQUENCE, '')
    .normalize('NFKC')
    .normalize('NFD')
    .replace(BLANK_LIKE, ' ')
    .replace(INVISIBLE, '')
    .replace(/[^\x00-\x7e]/g, (c) => LOOKALIKES[c] ?? c)
    .normalize('NFC')
}

/**
 * Whether a word holding characters outside ASCII disguises a portion mark, so that it is a mark nobody can read
 * (fail closed), never prose and never the mark it spells:
 * - as a screen shows it (`markSkeleton`) it reads as a mark, readable, garbled or a classified level's initial:
 *   `(Ѕ)` with a Cyrillic DZE, `(Ꮪ)` Cherokee, `(ꜱ)` a small capital, `(Ｓ)`, `(S\u200b)`, `(S\u00ad)`, `(S\u034f)`,
 *   `(S\u3164)`, `(Ṡ)`;
 * - or it is a lone letter of another script (`(ꓢ)` whichever table misses it), or a short word (8 letters at
 *   most, no blank) mixing Latin capitals with letters of another script (`(ᎢS)`): shapes no prose takes.
 * Prose in other scripts or with accents (`(Señor)`, `(Ankara’s)`, `(Москва)`) reads as no mark. Blanks of any kind
 * inside (a tab, a line break) read as one space each, as `markWordKind` reads them.
 */
export function disguisedMark(word: string): boolean {
  // blanks, tabs and line breaks read as spaces, as markWordKind reads them: `(Ѕ<tab>NF)` shows as `(Ѕ NF)`
  const w = word.replace(/\s/g, ' ')
  const seen = markSkeleton(w)
  // a skeleton in ASCII is read as a mark would be (markWordKind does not call back here for an ASCII word; a
  // blank one reads as no mark)
  if (!NON_ASCII.test(seen)) return seen !== w && markWordKind(seen) !== 'none'
  const letters = [...seen.replace(/ /g, '')]
  if (letters.length === 1) return ANY_LETTER.test(letters[0])
  // scripts mixed as written (lookalikes not yet read as Latin, so a word of Cyrillic letters alone stays one script)
  // (a letter outside ASCII is always among them: the skeleton is not ASCII); every one a letter, so one at or below
  // `Z` is a Latin capital
  const written = [...w.normalize('NFKC').normalize('NFD').replace(BLANK_LIKE, '').replace(INVISIBLE, '')]
  return written.length <= 8 && written.every((c) => ANY_LETTER.test(c)) && written.some((c) => c <= 'Z')
}

/**
 * How to read a parenthesised word standing where only a portion mark stands: right after a paragraph number
 * (`2. (SNF) …`), after `SUBJECT:`, or at the start of a line (`start: 'line'`, where sub-item enumerators also
 * stand). `readable` when the marking parser reads it (`S//NF`, or caveats without a level: `NF`); `unreadable` when
 * it is a mark nobody can read, which a release withholds from everyone and which files the whole cable as TOP SECRET
 * (fail closed): a garbled mark (`S//ZZ`, `garbledMark`), and, after a number or `SUBJECT:` (where nothing but a mark
 * stands), a word with the `//` of a marking (`Q//ZZ`), a single upper-case letter (`(Q)`, `(X)`) or an upper-case word of letters only
 * opening with the initial of a classified level, `T`, `S` or `C` (`SNF`, `SNOFORN`, `SS`, `TSS`, `CONF`, `SI`: a
 * typo of a classified mark may name any level). At a line start only the first two count (`(A)`, `(CIA)` open
 * sentences and sub-items there). `none` for words that are no mark: prose and names in mixed or lower case
 * (`(Japan)`, `(a)`), abbreviations with a full stop or digits (`(U.S.)`), office acronyms with a slash (`(S/CT)`,
 * `(OAS/MAPP)`), and acronyms not opening with a classified level's initial (`(UN)`, `(EU)`).
 *
 * @example
 *   markWordKind('S//NF')            // 'readable'
 *   markWordKind('SNF')              // 'unreadable'
 *   markWordKind('Q')                // 'unreadable'
 *   markWordKind('A', 'line')        // 'none'
 *   markWordKind('UN')               // 'none'
 */
export function markWordKind(word: string, start: 'number' | 'line' = 'number'): 'readable' | 'unreadable' | 'none' {
  // blanks, tabs and line breaks inside (a mark wrapped over two lines) read as spaces; the parsers take runs of them
  const w = word.trim().replace(/\s/g, ' ')
  // a word a screen shows as a mark but spelt with other characters is a mark nobody can read (`disguisedMark`)
  if (NON_ASCII.test(w)) return disguisedMark(w) ? 'unreadable' : 'none'
  if (markingParts(w)) return 'readable'
  if (garbledMark(w) || (start === 'number' && w.includes('//'))) return 'unreadable'
  // where only a mark stands, a classified level's initial with stray punctuation (`S.`, `S:`, `C.NF`, `C;NF`,
  // `C|NF`, `C_NF`, `C+NF`) is a mistyped mark; abbreviations of other initials (`U.S.`) and offices with a slash
  // (`S/CT`) are not
  if (start === 'number' && /^[TSC][A-Z]{0,7}(?:[^A-Za-z0-9 /,-][A-Z]{0,8})+$/.test(w)) return 'unreadable'
  // at a line start an upper-case word is as often an enumerator or an acronym opening a sentence (`(A)`, `(CIA)`,
  // `(SICA)`) as a mark: only a word that reads as a marking counts there, or a level's abbreviation itself with
  // stray punctuation (`strayLevelMark`)
  if (start === 'line') return strayLevelMark(w) || lookalikeMark(w) ? 'unreadable' : 'none'
  // a single upper-case letter, or an upper-case word of 2 to 8 letters opening with T, S or C, or a level's stem in
  // any letter case (`Conf`)
  return /^(?:[A-Z]|[TSC][A-Z]{1,7})$/.test(w) || lookalikeMark(w) ? 'unreadable' : 'none'
}

/** Level words a glued mark opens with: a classified level (a glued `US`, `UN` are names). */
const GLUE_LEVELS: readonly string[] = ['TOPSECRET', 'TS', 'S', 'C', 'SECRET', 'CONFIDENTIAL', 'CONF']
/**
 * The caveat words a glued mark goes on with (`SNF` = `S` `NF`): the caveats that restrict readers, as their one-word
 * spellings and abbreviations (not `OC`, `FGI`: `SOC`, `CFGI` are acronyms as often).
 */
const GLUE_CAVEATS: readonly string[] = CAVEAT_WORDS.filter(([w, c]) => w.length === 1 && w[0] !== 'OC' && (RESTRICTIVE_CAVEATS as readonly string[]).includes(c)).map(([[w]]) => w)
/**
 * Whether a word (upper case) is a one-word spelling of a restricting caveat that no acronym shares (`NF`, `NOFORN`,
 * `NODIS`, `EXDIS`, `ORCON`, …; not `OC`, organised crime as often): the controls a glued mark goes on with
 * (`GLUE_CAVEATS`), read also after a mark's bracket and a blank (`(S) NF`, `markTail`).
 */
export function isRestrictingCaveatWord(word: string): boolean {
  return GLUE_CAVEATS.includes(word)
}

/** The classified level words whose stems (`CONF`, `SECR`, `Conf`) read as a mark nobody can read. */
const STEMMED: readonly string[] = ['CONFIDENTIAL', 'SECRET']

/**
 * Whether a word standing where a portion mark stands looks like a mark without being one the parser reads (QA 14
 * round 7, F1; fail closed): an upper-case word that is a classified level glued to restricting caveat words (`SNF` =
 * S + NF, `TSNF`, `CNOFORN`, `SECRETNOFORN`, `SNFNODIS`), or the stem of a classified level word in any letter case,
 * four letters or more (`Conf`, `CONF`, `Secr`). Names and acronyms (`CIA`, `SICA`, `CSU`, `CCS`, `SOC`, `US`) and
 * words that only open like a level (`Secretariat`, `Control`) are not.
 *
 * @example
 *   lookalikeMark('SNF')  // true;  lookalikeMark('Conf') // true
 *   lookalikeMark('CIA')  // false; lookalikeMark('US')   // false
 */
export function lookalikeMark(word: string): boolean {
  const w = word.trim()
  if (!/^[A-Za-z]{2,16}$/.test(w)) return false
  const upper = w.toUpperCase()
  if (upper.length >= 4 && STEMMED.some((l) => l !== upper && l.startsWith(upper))) return true
  if (w !== upper) return false
  // a classified level, then caveat words to the end (every way of cutting: `SNF` is S + NF)
  const caveats = (at: number): boolean => at === upper.length || GLUE_CAVEATS.some((g) => upper.startsWith(g, at) && caveats(at + g.length))
  return GLUE_LEVELS.some((l) => upper.length > l.length && upper.startsWith(l) && caveats(l.length))
}

/** A level's abbreviation with stray punctuation after it (not `&`: `S&T`, `C&C` are acronyms), then what follows. */
const STRAY_LEVEL = /^(?:TS|S|C)((?:[^A-Za-z0-9 /,&'\u2019-][A-Z]{0,8})+)$/

/**
 * Whether a parenthesised word found where a mark or a sentence may stand (a line start, a sub-item, inside a
 * portion's text) is a mistyped portion mark: a classified level's abbreviation itself (`TS`, `S`, `C`) followed
 * by stray punctuation and nothing or caveat words (`S.`, `S:`, `C.NF`, `C;NF`, `C|NF`, `S:REL`). It is a mark
 * nobody can read (fail closed). Initials and names (`S.A.`, `C.I.A.`, `C.DAVY`) and acronyms with `&` (`S&T`)
 * are not.
 *
 * @example
 *   strayLevelMark('C;NF')   // true
 *   strayLevelMark('S.A.')   // false
 *   strayLevelMark('C.DAVY') // false
 */
export function strayLevelMark(word: string): boolean {
  const m = STRAY_LEVEL.exec(word)
  return m !== null && m[1].split(/[^A-Z]/).every((w) => w === '' || w === 'REL' || CAVEAT_WORDS.some(([c]) => c.length === 1 && c[0] === w))
}

/**
 * The caveat words of the marking and caption tables, by their words (`NF`, `SPECAT EXCLUSIVE`, `EYES ONLY`): the
 * caveat or caption each stands for, whose restricting caveats `caveatsOfCaption` gives.
 */
const LEGIBLE_WORDS: ReadonlyMap<string, string> = new Map([...CAVEAT_WORDS.map(([w, c]) => [w.join(' '), c] as const), ...CAPTION_PHRASES.map((p) => [p, p] as const)])
/** The restricting ones of four letters or more written as one word (`NOFORN`, `ORCON`, `EXDIS`), read inside a longer word too. */
const LEGIBLE_INSIDE: readonly string[] = [...LEGIBLE_WORDS.keys()].filter((w) => w.length >= 4 && !w.includes(' ') && caveatsOfCaption(LEGIBLE_WORDS.get(w)!).length > 0)
/** The restricting short forms of two letters (`NF`, `OC`), read in a word of three holding one (`XNF`, `NFX`). */
const LEGIBLE_SHORT: readonly string[] = [...LEGIBLE_WORDS.keys()].filter((w) => w.length === 2 && caveatsOfCaption(LEGIBLE_WORDS.get(w)!).length > 0)

/**
 * The restricting caveats (`RESTRICTIVE_CAVEATS`, in that order) a reader recognises in a marking, whether or not
 * the marking parser reads it whole (QA 10, F1; spec §7 rule 4): a mark nobody can read (`TS//SI//NF`, `S//ZZ//NF`)
 * may name any level, and still names the caveats it spells, which restrict who reads the whole cable. A readable
 * marking gives its own (`S//NF` → NOFORN; `C/REL TO USA` none). In one nobody reads, the words of the marking and
 * caption tables count (`NF`, `NOFORN`, `OC`, `ORCON`, `NODIS`, `EXDIS`, `SPECAT EXCLUSIVE`, `EYES ONLY`, …), read as
 * a screen shows them (`markSkeleton`) and in any letter case, and so does a caveat spelt oddly: with separators
 * between its letters or after it (`N/F`, `NF.`, `NO FORN`), glued inside a longer word (`NOFORNSI`, `ORCON-USGOV`),
 * glued to a classified level (`SNF`, as `lookalikeMark` reads it), a word of four letters or more one typing
 * error from such a word of five or more (`NOFRON`, `NOFORM`, `EXDIX`, `ORCN`, `NODS`: a letter added, dropped, changed, or
 * two swapped), or a word of three holding a two-letter form and one letter more (`XNF`, `NFX`, `NFF` → NF; QA 11 F2). Reading too much only narrows who reads a
 * cable already filed at the highest level (fail closed); none is read in a control nobody here reads (`SI`, `TK`).
 *
 * @example
 *   legibleCaveats('TS//SI//NF')      // ['NOFORN']
 *   legibleCaveats('S//N/F')          // ['NOFORN']
 *   legibleCaveats('S//ZZ//OC/EXDIS') // ['EXDIS', 'ORCON']
 *   legibleCaveats('S//SI')           // []
 */
export function legibleCaveats(text: string): string[] {
  const found = new Set<string>()
  const add = (word: string) => {
    const caveat = LEGIBLE_WORDS.get(word)
    if (caveat !== undefined) for (const c of caveatsOfCaption(caveat)) found.add(c)
  }
  const parts = markingParts(text)
  if (parts !== null) for (const c of parts.caveats) for (const caveat of caveatsOfCaption(c)) found.add(caveat)
  else {
    const skeleton = markSkeleton(text).toUpperCase()
    // a release to the United States alone (`TS//SI//REL TO USA ONLY`) is NOFORN's demand, as the parser reads it
    if (US_ONLY_RELEASE.test(skeleton)) found.add('NOFORN')
    // a run of single letters is one word (`N/F` → NF, `S//N/F` → SNF, `N O F O R N`), never cut inside: the `N F` of a letter-spaced `C O N F I D E N T I A L` is no NOFORN
    // Stryker disable next-line ArrayDeclaration: a text without letters gives no word; a made-up word there is none of the tables' either
    const runs = skeleton.match(/[A-Z]+/g) ?? []
    // Stryker disable next-line ArrayDeclaration: a made-up first word is none of the tables' and reads nothing glued to it
    const words: string[] = []
    for (const [n, w] of runs.entries()) {
      if (w.length === 1 && n > 0 && runs[n - 1].length === 1) words[words.length - 1] += w
      else words.push(w)
    }
    for (let k = 0; k < words.length; k++) {
      // a word or phrase of the tables standing at k, or a caveat spelt across separators (`N/F`, `NO FORN`): the
      // words from k joined with a blank and without (the longest phrase has four words, a caveat eight letters)
      const from = words.slice(k, k + 8)
      for (let j = 1; j <= from.length; j++) {
        add(from.slice(0, j).join(' '))
        add(from.slice(0, j).join(''))
      }
      // one typing error off a caveat (`NOFRON`, `ORCN`): every word of LEGIBLE_INSIDE has five letters or more (the
      // restricting caveats of RESTRICTIVE_CAVEATS and their aliases), so a word one edit off has four or more and
      // needs no test of its length
      for (const w of LEGIBLE_INSIDE) if (words[k].includes(w) || editDistance(words[k], w) === 1) add(w)
      // a short form with one letter more around it (`XNF`, `NFX`, `NFF` → NF; QA 11 F2), but not a level's initial
      // glued to it (`SOC` is an acronym as often: `gluedCaveats` reads `SNF`, never `SOC`)
      for (const w of LEGIBLE_SHORT) if (words[k].length === w.length + 1 && words[k].includes(w) && !GLUE_LEVELS.some((l) => words[k] === l + w)) add(w)
      for (const c of gluedCaveats(words[k])) add(c)
    }
  }
  return RESTRICTIVE_CAVEATS.filter((c) => found.has(c))
}

/**
 * A REL TO list naming the United States alone, to the end of the marking or its next `/` (`REL TO USA ONLY`, `REL
 * USA`), in a mark the parser cannot read: the spellings are `UNITED_STATES`, the parser's own, blanks as any run.
 */
const US_ONLY_RELEASE = new RegExp(`(?<![A-Z])REL(?:EASABLE)?[ \\t]*(?:TO[ \\t]+)?(?:${[...UNITED_STATES].map((s) => s.replace(/ /g, '[ \\t]+')).join('|')})(?:[ \\t]+ONLY)?[ \\t]*(?:$|\\/)`)

/**
 * The caveat words a word glued to a classified level goes on with (`SNF` → NF, `TSNFNODIS` → NF, NODIS: the
 * reading of `lookalikeMark`), [] when it is no such word.
 */
function gluedCaveats(word: string): string[] {
  const after = (at: number): string[] | null => {
    // Stryker disable next-line ArrayDeclaration: every word returned is looked up in LEGIBLE_WORDS, where a made-up one is not
    if (at === word.length) return []
    for (const g of GLUE_CAVEATS) {
      const rest = word.startsWith(g, at) ? after(at + g.length) : null
      if (rest !== null) return [g, ...rest]
    }
    return null
  }
  for (const l of GLUE_LEVELS) {
    // a word that is the level alone gives [] here as below (no other level is a longer word it starts)
    const read = word.startsWith(l) ? after(l.length) : null
    if (read !== null) return read
  }
  // Stryker disable next-line ArrayDeclaration: every word returned is looked up in LEGIBLE_WORDS, where a made-up one is not
  return []
}
