import { TITLE_WORDS } from './data/person-titles.js'
import { LEVEL_RANK, RESTRICTIVE_CAVEATS } from './classification.js'
import { CONTROL_SEQUENCE, disguisedMark, garbledMark, isRestrictingCaveatWord, legibleCaveats, lookalikeMark, markingParts, markWordKind, oddMark, parseMarking, strayLevelMark } from './marking.js'
import type { Cable } from './model.js'
import { LineIndex } from './span.js'
import { CLASS_WORD_ONLY } from './classification.js'
import { isPageHeader } from './page-header.js'

/**
 * The portions of a cable's body line by line, and the portion marks they carry (docs/research.md, "Portions"):
 * what the releasable rendering withholds portion by portion and what whole-cable access counts, so a marked
 * sub-item or unnumbered block raises the level a cable is filed at exactly as it raises the rendering's.
 */

const RESTRICTIVE: readonly string[] = RESTRICTIVE_CAVEATS

/**
 * The level and caveats the archive files a cable under, when they say more than its text alone (publisher
 * metadata): unmarked portions count at this level. Defaults to what the text states (`cableAccess`).
 */
export interface Overall {
  level: number
  caveats: string[]
}

/**
 * What a portion mark demands, read by the one marking parser (format/marking), or null when it refuses the mark.
 * A mark naming caveats but no level (`NF`) demands them at `overallLevel`, the level unmarked text counts at; without
 * it such a mark reads as null too.
 */
export function readPortionMark(mark: string, overallLevel?: number): { level: number; caveats: string[] } | null {
  const r = parseMarking(mark)
  // a self-contradicting mark (REL TO with NOFORN) demands its stricter reading
  const parts = r.ok ? r.parts : r.failClosed
  if (!parts || (parts.level === null && overallLevel === undefined)) return null
  return { level: parts.level === null ? overallLevel! : LEVEL_RANK[parts.level], caveats: parts.caveats.filter((c) => RESTRICTIVE.includes(c)) }
}

/** One portion of a cable's body: where it starts, the lines (their offsets) it holds, and the marks in it. */
export interface BodyPortion {
  /** Offset of its first line in the text (its key). */
  start: number
  /** Number of the numbered paragraph it is, null for any other portion. */
  number: number | null
  /** Its portion mark as written, null when unmarked. */
  mark: string | null
  /** What stands before the mark on its first line (`A. `, `   - `), kept on a placeholder. */
  lead: string
  /** Offsets of its lines. */
  lines: number[]
  /** Portion marks standing inside its text (not at its start). */
  inner: string[]
  /**
   * For a marked line that continues another portion (no blank line before it, no paragraph number before its mark:
   * a wrapped line opening `(C) of the treaty annex`, a sub-item `A. (C)`): the marks of the portion it stands in,
   * its own, inner and enclosing ones (null: unmarked, at the overall level). It is never judged below them.
   */
  within: (string | null)[]
}

// a line that begins with a portion mark, after an optional sub-item enumerator or a paragraph number the parser did not take for a paragraph: `A. (S)`, `(1) (C)`, `- (S//NF)`, `¶6. (C)`, `1.(C)`, `-- (TS)`, `* (C)`, `(S//NF) …`
const MARKED_LINE = /^(\s*(?:¶\s*\d{1,3}\s*[.)]?\s*|(?:[A-Za-z]|\d{1,3})[.)]\s*|\(\s*(?:[A-Za-z]|\d{1,2})\s*\)\s*|-{1,2}\s*|\*\s*)?)[(\uFF08<]([^()\uFF08\uFF09<>\n]{1,24})[)\uFF09>]/
/**
 * A parenthesised word where a portion mark may stand, as a pattern source with one group (the word): any characters
 * but parentheses (ASCII or fullwidth) and line ends, so a mark mistyped (`S.`, `C;NF`) or disguised (`Ѕ`, `S` and a
 * zero-width space) reaches `markWordKind`. Shared by every reader of marks at a mark's place.
 */
export const MARK_WORD = String.raw`[(\uFF08<]([^()\uFF08\uFF09<>\s](?:[^()\uFF08\uFF09<>\n]|\([A-Za-z ]{1,10}\)){0,23})[)\uFF09>]`
// a parenthesised word right after a paragraph number, where only a portion mark stands
const AFTER_NUMBER = new RegExp(String.raw`^\s*¶?\s*\d+\s*[.)]?\s*${MARK_WORD}`)
// a parenthesised word inside a line of a text with characters outside ASCII: a disguised mark (`disguisedMark`)
// between brackets of any shape (`（S）`, `﹙S﹚`, `⁽S⁾`, `❨S❩`: Unicode opening and closing punctuation)
const DISGUISED_CANDIDATE = /[\p{Ps}][ \t]*([^\s\p{Ps}\p{Pe}][^\p{Ps}\p{Pe}\n]{0,23}?)[ \t]*[\p{Pe}]/gu
// a level's abbreviation with stray punctuation between brackets (`(S.)`, `(C;NF)`, `{C|NF}`): `strayLevelMark`
const STRAY_CANDIDATE = /(?<![A-Za-z0-9])[([{][ \t]*((?:TS|S|C)[^A-Za-z0-9\s()[\]{}\/,&'-][^()[\]{}\s]{0,12}?)[ \t]*[)\]}]/g
// a bracketed word in a shape no marking takes but a reader reads as one: `//` inside, `T/S`, a level and a caveat in
// parentheses of its own (`oddMark`)
const ODD_CANDIDATE = /(?<![A-Za-z0-9:])[([{][ \t]*([A-Za-z]{0,12}[ \t]*\/\/[^()[\]{}\n]{0,24}?|[Tt][ \t]?[/.][ \t]?[Ss]\.?|[A-Za-z]{1,2}[ \t]?\([ \t]?[A-Za-z]{2,8}[ \t]?\))[ \t]*[)\]}]/g
// the wire trailer (spec §3, FL13–FL16: `BT`, `#ssn`, `NNNN`) alone on its line: no portion text, and the end of
// the portion before it
export const TRAILER_LINE = /^\s*(?:BT|NNNN|#\d{3,5})\s*$/
// a line that opens with a trailer word and carries more (`NNNN THE PLAN`, `NNNNTHE PLAN`, `BT THE PLAN`): the
// trailer word, and what follows it is text of a portion of its own
const TRAILER_LEAD = /^(\s*(?:NNNN|BT(?=[\s(A-Z])|#\d{3,5}(?![0-9])))\s*/
// a parenthesised or bracketed word inside a line, where a portion mark may stand: `(S)`, `( S )`, `(s)`, `[S]`,
// `(SECRET)`, `(CONFIDENTIAL//NF)`, `(S//ZZ)`
const INNER_CANDIDATE = /(?<![A-Za-z0-9])[([{][ \t]*([A-Za-z][A-Za-z0-9 /,.-]{0,40}?)[ \t]*[)\]}]/g
// a marking with the `//` separator standing in running text with one bracket or none (`… S//NF) …`, `… (S//NF …`,
// `S//NF …` at a line start), a REL TO list read to its end (`S//REL TO USA, GBR`, `SECRET//REL BULGARIA, CZECH
// REPUBLIC`): upper case, not inside a URL, a word or an address (`DC//USD:P&R//`, `PRR-C//`); group 1 the opening
// bracket, 2 the marking, 3 the closing bracket
const BARE_MARKING = /(?<![A-Za-z0-9:/.-])([(\[]?)[ \t]*((?:TOP SECRET|SECRET|CONFIDENTIAL|TS|S|C)[ \t]*\/\/[A-Z]+(?:(?:[ \t]*\/{1,2}[ \t]*|[ \t]*,[ \t]*|[ \t]+(?=[A-Z]+(?:[ \t]*[,/).:;]|[ \t]+AND\b|[ \t]*$)))[A-Z]+|[ \t]+(?:TO|AND)(?=[ \t]+[A-Z]))*)(?![A-Za-z0-9])([ \t]*[)\]])?/g
/** What may stand before a mark at a line start: blanks and a paragraph or sub-item enumerator. */
const MARK_LEAD = /^[ \t]*(?:¶?[ \t]*\d{1,3}[ \t]*[.)][ \t]*|[A-Za-z][.)][ \t]+|\([ \t]*(?:[A-Za-z]|\d{1,2})[ \t]*\)[ \t]*|-{1,2}[ \t]*|\*[ \t]*)?$/
// a cable cited and nothing after it but punctuation and a conjunction, to the line end (`STATE 7043.`, `02 LIMA 12, and`)
const CITATION_ONLY = /^[ \t]*(?:\d{2,4}[ \t]+)?[A-Z][A-Za-z .'-]{1,30}?[ \t]\d{1,7}\b[ \t,.;:]*(?:(?:and|or|AND|OR)[ \t]*)?\r?\n?$/
// a REF label (spec §5.9) anywhere in a text: what follows it is a reference list
const REF_LABEL = /(?<![A-Za-z])REF(?:S|TELS?|\(S\))?[ \t]*[:.]/i
// a line opening with a class word as a marking: spaced (`S E C R E T …`, spec §5.2) or before a dash (`SECRET - …`)
// (after a paragraph number or sub-item letter too: `2. SECRET - …`, the 1990s `1. CONFIDENTIAL - ENTIRE TEXT`, spec
// §5.6), with its caveats before a colon or dash (`SECRET//NF: …`, `SECRET: …`), or a level's abbreviation with the
// `//` of a marking (`S//NF …`, `S//NF) …`)
const LINE_CLASS_WORD = /^[ \t]*(?:¶?[ \t]*\d{1,3}[ \t]*[.)][ \t]*|[A-Za-z][.)][ \t]+)?(T ?O ?P +S ?E ?C ?R ?E ?T|S E C R E T|C O N F I D E N T I A L|(?:TOP SECRET|SECRET|CONFIDENTIAL)(?:[ \t]*\/\/?[ \t]*[A-Za-z][A-Za-z ,/]*?)?(?=[ \t]*(?:-[ \t]|:))|(?:TS|S|C)[ \t]*\/\/[ \t]*[A-Za-z][A-Za-z,/]*(?:[ \t]+TO[ \t]+[A-Za-z][A-Za-z ,]*?)?(?=[ \t]*[):]?(?:[ \t]|$)))(?![A-Za-z])/

/** What may open a line before a class word read as its mark: a paragraph number (`2.`, `2A.`, `¶2.`), a sub-item letter or number (`B.`, `(3)`, `(c)`), a bullet (`-`, `--`, `*`). */
const CLASS_MARK_LEAD = /^[ \t]*(?:¶?[ \t]*\d{1,3}[A-Za-z]?[ \t]*[.)][ \t]*|[A-Za-z][.)][ \t]+|\([ \t]*(?:[A-Za-z]|\d{1,2})[ \t]*\)[ \t]*|-{1,2}[ \t]*|\*[ \t]*)?/
/** A class word in capitals, or a level's abbreviation, opening what follows the lead (an unclosed parenthesis before it: `(S/NF …`). */
const OPENING_LEVEL = /^\(?[ \t]*(TOP SECRET|SECRET|CONFIDENTIAL|SENSITIVE BUT UNCLASSIFIED|LIMITED OFFICIAL USE|SBU|LOU|TS|S|C|U)(?![A-Za-z0-9])/
const FULL_LEVEL: Readonly<Record<string, string>> = { TS: 'TOP SECRET', S: 'SECRET', C: 'CONFIDENTIAL', U: 'UNCLASSIFIED' }
/** A level's word or abbreviation (`U/S`: the Under Secretary, no marking of a level with a caveat). */
const LEVEL_WORD = /^(?:TOP|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|SENSITIVE|LIMITED|SBU|LOU|TS|S|C|U)$/
/** A dash of any kind (hyphen-minus, the Unicode hyphens and dashes, the minus sign) or a colon after a class word. */
const DASH_OR_COLON = /^[ \t]*[-\u2010-\u2015\u2212:]/
/** Separators between the words of a marking written without brackets, then a word. */
const NEXT_WORD = /^[ \t\-\u2010-\u2015\u2212/,.:;()]*([A-Z]+)(?![A-Za-z0-9])/

/**
 * The mark a class word opening a line stands for, as the wire and the 1980s–90s write it without brackets (spec
 * §5.6: `1. CONFIDENTIAL - ENTIRE TEXT.`): after a paragraph number, a sub-item enumerator or a bullet, a class word
 * in capitals is a mark whatever follows it (`2. SECRET -- …`, `2. SECRET--…`, `2. SECRET ENTIRE TEXT.`, `2. SECRET
 * talks …`: fail closed, QA 14 round 8, F3); at a bare line start only with a caveat or a dash or colon after it
 * (`SECRET NOFORN …`, `SECRET/NF …`, `SECRET -- …`: a wrapped line of prose may open with the word). A level's
 * abbreviation is a mark with a slash and a caveat after it (`S/NF`, `(S/NF …`, `TS/NOFORN`). The caveats written
 * after the class word, with any separators (`SECRET - NOFORN.`, `SECRET (NOFORN)`, `CONFIDENTIAL NOFORN`), are read
 * up to the first other word. Returns the marking with its words as written (`SECRET//NF`), null when the line opens with none.
 *
 * @example
 *   leadingClassMark('2. SECRET - NOFORN. The plan')  // 'SECRET//NOFORN'
 *   leadingClassMark('   -- SECRET talks')             // 'SECRET'
 *   leadingClassMark('S/NF the plan')                  // 'SECRET//NF'
 *   leadingClassMark('SECRET TALKS WERE HELD')         // null: a wrapped line of prose, no lead
 */
export function leadingClassMark(written: string): string | null {
  // fullwidth letters and no-break spaces read as what they show (`２. ＳＥＣＲＥＴ`, `2.\u00a0SECRET`)
  const line = /[^\x00-\x7e]/.test(written) ? written.normalize('NFKC') : written
  const lead = CLASS_MARK_LEAD.exec(line)![0]
  const rest = line.slice(lead.length)
  const level = OPENING_LEVEL.exec(rest)
  // a caveat alone opening the line after a lead, or before a dash or colon (`2. NOFORN …`, `NOFORN - …`): a mark of
  // caveats only, demanded at the level around it
  if (!level) {
    const only = /^\(?[ \t]*([A-Z]{2,})(?![A-Za-z0-9])/.exec(rest)
    const read = only ? readPortionMark(only[1], 0) : null
    if (!only || read === null || read.caveats.length === 0) return null
    return lead.trim() !== '' || DASH_OR_COLON.test(rest.slice(only[0].length)) ? only[1] : null
  }
  const word = level[1]
  const abbreviated = word.length <= 2
  let after = rest.slice(level[0].length)
  // an abbreviation only with a slash and a caveat after it (`S/NF`): `S. Jones`, `C level`, `U/S` are no marks
  if (abbreviated && !/^[ \t]*\/{1,2}[ \t]*[A-Z]/.test(after)) return null
  // the words of the marking after the class word: caveats and controls the marking parser reads (`NOFORN`, `NF`,
  // `FOUO`), up to the first other word
  const controls: string[] = []
  for (;;) {
    const m = NEXT_WORD.exec(after)
    const read = m ? readPortionMark(m[1], 0) : null
    if (!m || read === null || LEVEL_WORD.test(m[1]) || (read.caveats.length === 0 && read.level === 0)) break
    controls.push(m[1])
    after = after.slice(m[0].length)
  }
  if (abbreviated && controls.length === 0) return null
  // a word the marking's slash joins on that is no control it knows (`SECRET/XYZ`, `S/NF/XYZ`): kept as written, so
  // the marking is one nobody can read (fail closed), never read without it
  const unknown = /^[ \t]*\/{1,2}[ \t]*([A-Z][A-Z0-9]*)(?![a-z])/.exec(after)
  // (`REL TO USA, GBR`, `REL YEMEN` names who may read it at its level: no restricting control)
  if (unknown && unknown[1] !== 'REL') controls.push(unknown[1])
  // (an abbreviation has a control here: it returned above without one)
  if (lead.trim() === '' && controls.length === 0 && !DASH_OR_COLON.test(after)) return null
  if (rest.startsWith('(') && controls.length === 0) return null
  const full = FULL_LEVEL[word] ?? word
  return controls.length ? `${full}//${[...new Set(controls)].join('/')}` : full
}

/**
 * The letter of an upper-case item that stands with a citation alone on the last line of `before` (`(C) STATE 3`)
 * when `line` carries that item on (not blank, not opening a new item, paragraph or citation), if the letter reads as
 * a mark (`C`, `S`, `U`); null otherwise, and always after a REF label (a reference list's items run on).
 */
function continuedItemLetter(line: string, before: string): string | null {
  if (before === '' || REF_LABEL.test(before)) return null
  const trimmed = before.replace(/\r?\n$/, '')
  const prev = trimmed.slice(trimmed.lastIndexOf('\n') + 1)
  const item = /^[ \t]*[(\[][ \t]*([A-Z])[ \t]*[)\]](.*)$/.exec(prev)
  if (item === null || !CITATION_ONLY.test(item[2]) || !readsAsMark(item[1])) return null
  if (/^[ \t]*(?:[(\[][ \t]*[A-Za-z][ \t]*[)\]]|\d{1,3}[ \t]*[.)]|[A-Za-z][.)][ \t])/.test(line) || CITATION_ONLY.test(line)) return null
  return item[1]
}

/** Whether a word found where a mark may stand reads as one: a marking, a caveat alone (`NF`), or a garbled mark. */
function readsAsMark(word: string): boolean {
  return readPortionMark(word) !== null || readPortionMark(word, 0) !== null || garbledMark(word)
}

/**
 * Controls right after a mark's closing bracket: blanks and slashes in any combination (group 1: `//`, `/`, ` / `, `/ /`,
 * a blank), then words in any letter case joined by slashes or commas, with blanks around them or not (group 2: `NF`,
 * `NF/OC`, `NOFORN, ORCON`, `NF / / OC`, `nf`); `markTail` decides which case counts.
 */
const MARK_TAIL = /^([ \t/]+)([A-Za-z]+(?:[ \t]*[/,][ \t/,]*[A-Za-z]+)*)?(?![A-Za-z0-9])/

/** What `markTail` gives for `//` after a mark with no control it reads: a word the marking parser refuses. */
export const UNREAD_CONTROL = '(control not read)'

/**
 * The controls written after a mark's closing bracket (`(S)//NF`, `(S)/NF`, `(S)//NF/OC`, QA 14 round 9, F5; with
 * blanks and slashes in any combination between, `(S) NF`, `(S)/ /NF`, `(S) / NF`, QA 10 F8): the caveats they name,
 * each a caveat-only mark demanded with the mark (a reader reads `(S) NF` as `(S//NF)`). After two slashes, the
 * separator of a marking, nothing or a word no caveat reads (`(S)//`, `(S)//SI`, `(S)// The …`, `(S)/ /`) is a
 * control nobody can read (`UNREAD_CONTROL`, fail closed); after a single slash only caveat words count (`(S)/CT` is
 * none); after blanks alone only a restricting control that no acronym shares (`NF`, `NOFORN`, `NODIS`:
 * `isRestrictingCaveatWord`), for the text of a portion follows its mark after a blank (spec §5.10): `(SBU) OC groups
 * …`, `(S) NOTE: …`, `(S) A and/or B` stay prose. Words are read in any letter case after slashes (`(S)//nf`); after
 * blanks alone a caveat written in full (five letters or more) is read in any case (`(S) noforn`, `(S) Noforn rules …`:
 * fail closed, QA 11 F3), a short form only in capitals (`(S) Nf officials` stays prose). A control nobody reads beside caveats (`(S)//ZZ/NF`, `(S)/NF/CT`,
 * `(S) NF/SI`) gives those caveats and `UNREAD_CONTROL` (QA 10 F1: what a reader recognises in a mark nobody can read
 * is demanded). `after` is the text right after the closing bracket.
 */
export function markTail(after: string): string[] {
  const m = MARK_TAIL.exec(after)
  if (m === null) return []
  const slashes = m[1].split('/').length - 1
  const written = m[2] === undefined ? [] : m[2].split(/[ \t]*[/,][ \t/,]*/)
  const first = written[0] ?? ''
  if (slashes === 0 && !isRestrictingCaveatWord(first) && !(first.length >= 5 && isRestrictingCaveatWord(first.toUpperCase()))) return []
  const words = written.map((w) => w.toUpperCase())
  const caveat = (w: string) => {
    const parts = markingParts(w)
    return parts !== null && parts.level === null && parts.caveats.length > 0
  }
  const caveats = words.filter(caveat)
  if (caveats.length === words.length && words.length > 0) return words
  // a control it cannot read beside ones it reads (`(S)//ZZ/NF`, `(S)/NF/CT`): a mark nobody can read that still
  // demands the caveats it names (QA 10 F1); after a single slash with no caveat word, an office (`(S)/CT`)
  if (slashes === 1 && caveats.length === 0) return []
  return [...caveats, UNREAD_CONTROL]
}

/**
 * A control `markTail` read after a mark, as a mark at that mark's level (`(C) NODIS …` → `CONFIDENTIAL//NODIS`): the
 * control belongs to the mark, so it demands the mark's level, never the overall level a mark naming no level counts
 * at (a CONFIDENTIAL subject of a SECRET cable stays CONFIDENTIAL). A lead naming no level and a control nobody reads
 * (`UNREAD_CONTROL`) stay as they are.
 */
function tailAt(lead: string, control: string): string {
  const level = control === UNREAD_CONTROL ? null : (markingParts(lead.trim())?.level ?? null)
  return level === null ? control : `${level}//${control}`
}

/**
 * The portion marks standing inside a line of a portion (not at its start), as the marking parser would read them
 * (upper case, single spaces): a parenthesised or bracketed word it reads with a level, in either letter case and
 * with blanks inside (`(SECRET)`, `( s )`, `[S]`, `(CONFIDENTIAL//NF)`), a garbled mark (`(S//ZZ)`, `garbledMark`),
 * and a class word opening the line as a marking (`S E C R E T …`, `SECRET - …`). A lower-case letter is no mark
 * when a neighbouring lower-case letter stands as one on the same line (`(b) … (c) … (d)`: a lettered list, not a
 * CONFIDENTIAL portion); an upper-case one always is (fail closed: `… 15. (C) Jaque said …` in paragraphs run
 * together). Acronyms (`(S/P)`, `(UN)`) are none.
 */
// Stryker disable next-line StringLiteral: any default holding no list letter, REF label or citation line reads the same
export function innerMarks(line: string, before = '', afterMark: string | null = null): string[] {
  const found: string[] = []
  // controls joined onto the mark the line was cut after (`2. (S)//NF …`, `(S)/NF …`): marks of the portion
  if (afterMark !== null) found.push(...markTail(line).map((control) => tailAt(afterMark, control)))
  // an upper-case item letter left standing as a citation alone on the line before (`(C) STATE 3`) whose item runs on
  // into this line (`LKW3 the plan …`: not a new item, paragraph or citation) is a mark after all: text follows the
  // citation, as on one line (QA 14 round 7, F10 continuation; fail closed). In a REF block items run on freely.
  const prev = continuedItemLetter(line, before)
  if (prev !== null) found.push(prev)
  const cls = LINE_CLASS_WORD.exec(line)
  if (cls) {
    const word = cls[1].replace(/ (?=\S(?: |$))/g, '').replace(/\s+/g, ' ')
    found.push(word === 'TOPSECRET' ? 'TOP SECRET' : word)
  }
  // a class word opening the line in any other shape, with the caveats written after it (`2. SECRET -- …`, `2. SECRET
  // - NOFORN.`, `S/NF …`)
  const opening = leadingClassMark(line)
  if (opening !== null) found.push(opening)
  // where a bracketed word read as a mark opens (a marking in both its brackets is read there, not below)
  const readAt = new Set<number>()
  INNER_CANDIDATE.lastIndex = 0
  for (let m = INNER_CANDIDATE.exec(line); m; m = INNER_CANDIDATE.exec(line)) {
    const word = m[1].toUpperCase().replace(/\s+/g, ' ')
    if (/^[a-z]$/.test(m[1])) {
      // (the neighbours of a and z are no letters, and neither letter reads as a mark)
      const near = (code: number) => new RegExp(`[(\\[]\\s*${String.fromCharCode(code)}\\s*[)\\]]`).test(line)
      if (near(m[1].charCodeAt(0) - 1) || near(m[1].charCodeAt(0) + 1)) continue
    }
    // the next item of a lettered list (`(a) … (b) …` then `(c)`, `(A) … (B) …` then `(C)`), on this line or an
    // earlier line of the same portion, is an enumerator; an upper-case letter only as an item citing a cable and no
    // more (`(C) State 7043.`, `(C) LIMA 12, and`), or after a REF label (a REF block run onto a SUBJECT line): text
    // after the citation (`(C) STATE 3 the plan …`) makes it a mark (QA 14 round 7, F10; fail closed)
    const lead = before + line.slice(0, m.index)
    const after = line.slice(m.index + m[0].length)
    // (`enumeratorInSequence` takes a single letter only: a word never continues a list)
    const citationOnly = /[a-z]/.test(m[1]) || REF_LABEL.test(lead) || CITATION_ONLY.test(after)
    if (citationOnly && enumeratorInSequence(m[1], lead, after)) continue
    // an acronym defined by the words before it (`Technical Secretariat (TS)`, `Sub-Committee (S/C)`)
    if (definesAcronym(m[1], line.slice(0, m.index))) continue
    // a class word in lower case inside a sentence (`holding non-public (confidential) discussions`) is prose
    if (/^[a-z][a-z ]{3,}$/.test(m[1]) && /[a-z]/.test(line.slice(0, m.index))) continue
    // a caveat alone (`(NF)`, `(NOFORN)`) is a mark too: it demands its caveat at the level around it; a word that
    // looks like a mark the parser cannot read (`(SNF)`, `(SS)`: `lookalikeMark`) is one nobody can read
    if (readsAsMark(word) || (m[1] === m[1].toUpperCase() && lookalikeMark(m[1]))) {
      found.push(word, ...markTail(after).map((control) => tailAt(word, control)))
      readAt.add(m.index)
    }
  }
  // a marking written with the `//` of a marking and no brackets, or one of them only (`… S//NF) …`, `… (S//NF …`)
  // (in both its brackets it is `INNER_CANDIDATE`'s when that read it as a mark; an opening bracket it did not read, as
  // in `(S//NF the plan (per X)`, where a bracket closes only a later word, is this marking's; without either bracket,
  // a mark only where a mark stands: a line start, a mention of a classification in a sentence, `classified as
  // SECRET//REL`, is none)
  BARE_MARKING.lastIndex = 0
  for (let m = BARE_MARKING.exec(line); m; m = BARE_MARKING.exec(line)) {
    const open = m[1] !== ''
    const close = m[3] !== undefined
    if (open && readAt.has(m.index)) continue
    if (!open && !close && !MARK_LEAD.test(line.slice(0, m.index))) {
      // in running text (`… open. SECRET//NOFORN the source …`, QA 14r9 F5) a mention as likely as a mark: its
      // restricting caveats are demanded at the level around it (fail closed), its level is not
      const caveats = markingParts(m[2])?.caveats.filter((c) => RESTRICTIVE.includes(c)) ?? []
      if (caveats.length) found.push(caveats.join('/'))
      continue
    }
    found.push(m[2].replace(/\s+/g, ' '))
  }
  // a mark in a shape no marking takes (`(//S)`, `(CONF//S)`, `(T/S)`, `(S(NF))`: `oddMark`): a mark nobody can read
  ODD_CANDIDATE.lastIndex = 0
  for (let m = ODD_CANDIDATE.exec(line); m; m = ODD_CANDIDATE.exec(line)) if (oddMark(m[1])) found.push(m[1])
  // a level's abbreviation with stray punctuation (`(S.)`, `(C;NF)`): a mark nobody can read
  STRAY_CANDIDATE.lastIndex = 0
  for (let m = STRAY_CANDIDATE.exec(line); m; m = STRAY_CANDIDATE.exec(line)) if (strayLevelMark(m[1])) found.push(m[1])
  // a mark spelt with lookalike or invisible characters (`(Ѕ)`, `（S）`, `(S\u200b)`), or between brackets of
  // another shape (`﹙S﹚`, `❨S❩`): one nobody can read, or the mark it spells
  // Stryker disable next-line ConditionalExpression,Regex: in printable ASCII every bracket is the bracketed-word reading's (skipped below): the test spares the work
  if (/[^\x09\x0a\x0d\x20-\x7e]/.test(line)) {
    // control characters and terminal sequences show as nothing: read as an invisible character, a disguise
    const shown = line.replace(CONTROL_SEQUENCE, '\u200b')
    DISGUISED_CANDIDATE.lastIndex = 0
    for (let m = DISGUISED_CANDIDATE.exec(shown); m; m = DISGUISED_CANDIDATE.exec(shown)) {
      const ascii = !/[^\x00-\x7e]/.test(m[1])
      // Stryker disable next-line MethodExpression: parseMarking reads a mark in either case
      if (ascii ? !'([{'.includes(m[0][0]) && (readPortionMark(m[1].toUpperCase()) !== null || garbledMark(m[1])) : disguisedMark(m[1])) found.push(m[1])
    }
  }
  return found
}

// a single letter in parentheses opening a line (after blanks): an enumerator of a lettered list, or a one-letter mark
const LINE_LETTER = /^[ \t]*[(\uFF08][ \t]*([A-Za-z])[ \t]*[)\uFF09]/gm

/**
 * The lettered lists of a text: for each single letter in parentheses opening a line (`(A) …`, `(c) …`), the line
 * numbers (0-based) where it stands, in text order; and a test whether the letter at line `line` has a neighbour
 * (the letter before or after it, in the same case) opening a line no more than 80 lines away: then it is an item
 * of a lettered list (`(A) … (B) … (C) …`, blank lines between), as the parser reads unnumbered blocks
 * (`findMarkedBlocks`, src/format/text.ts).
 */
export function lineLetters(text: string): { lineOf: (offset: number) => number; listed: (letter: string, line: number) => boolean } {
  const index = new LineIndex(text)
  const lineOf = (offset: number) => index.point(offset).line - 1
  // the lines of each letter, in text order (the scan runs down the text): a binary search finds the nearest, so a
  // text of tens of thousands of lettered lines costs n log n, not n² (as `findMarkedBlocks` does)
  const at = new Map<string, number[]>()
  LINE_LETTER.lastIndex = 0
  for (let m = LINE_LETTER.exec(text); m; m = LINE_LETTER.exec(text)) {
    const lines = at.get(m[1])
    if (lines) lines.push(lineOf(m.index))
    else at.set(m[1], [lineOf(m.index)])
  }
  const near = (letter: string, line: number) => {
    const lines = at.get(letter)
    if (!lines) return false
    // the first line of the letter at or after line - 80; it is near when it is no further than line + 80
    let lo = 0
    let hi = lines.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (lines[mid] < line - 80) lo = mid + 1
      else hi = mid
    }
    return lo < lines.length && lines[lo] <= line + 80
  }
  const listed = (letter: string, line: number) => {
    if (!/^[A-Za-z]$/.test(letter)) return false
    const code = letter.charCodeAt(0)
    return near(String.fromCharCode(code - 1), line) || near(String.fromCharCode(code + 1), line)
  }
  return { lineOf, listed }
}

/**
 * A parenthesised word broken by a line end: `(S//` at a line's end, `NF)` at the next line's start. Each part as
 * long as a bracketed word `innerMarks` reads (41 characters): a shorter bound (16 and 20 until issue 15's eighteenth
 * mutation run) read `talks (CONFIDENTIAL//NOFORN/` then `ORCON) …` as the mention on the first line alone, without
 * ORCON (fail open).
 */
const SPLIT_CANDIDATE = /[([][ \t]*((?:[A-Za-z][A-Za-z0-9/ ,.-]{0,40}?)?)[ \t]*\r?\n[ \t]*([A-Za-z0-9/ ,.-]{0,41}?)[ \t]*[)\]]/g
/**
 * An opening bracket never closed on its line, at a mark's place (a line start, after an enumerator or a paragraph
 * number), then a level alone to the line end (`2. (S`) or a level, a slash and what follows (`2. (S//`, `(S// the plan`).
 */
const UNCLOSED_AT_PLACE = /^([ \t]*(?:¶?[ \t]*\d{1,3}[A-Za-z]?[ \t]*[.)][ \t]*|[A-Za-z][.)][ \t]+|\([ \t]*(?:[A-Za-z]|\d{1,2})[ \t]*\)[ \t]*|-{1,2}[ \t]*|\*[ \t]*)?)[([][ \t]*((?:TOP[ \t]+SECRET|SECRET|CONFIDENTIAL|SBU|TS|S|C|U)[ \t]*(?:\/[^()[\]\n]*)?)$/
/** The closing part of a mark broken across lines, at the start of the line it ends on: `NF) …`. */
const SPLIT_CLOSE = /^[ \t]*([A-Za-z0-9/ ,.-]{0,20}?)[ \t]*[)\]]/
/** How many lines a page break may put between the parts of a broken mark (page header, blank lines, the repeated subject). */
const SPLIT_GAP_LINES = 6

/**
 * Whether a line may stand between the two parts of a mark broken by a page break (spec §5.3): a blank line, a page
 * header (SMART or legacy), a class word alone (a legacy page banner), or, after a page header, the subject
 * repeated (a line opening with `SUBJ`).
 */
function pageBreakLine(written: string, afterHeader: boolean): boolean {
  const line = written.replace(/\r?\n$/, '')
  return line.trim() === '' || isPageHeader(line) || CLASS_WORD_ONLY.test(line) || (afterHeader && /^\s*SUBJ/i.test(line))
}

/**
 * The first joining of two parts of a broken mark that reads as a mark (as written, or with a blank between), read
 * as `innerMarks` reads a word; null when neither does.
 */
function joinedMark(first: string, second: string): string | null {
  // the mark may stand wholly on either line (`(S` then `)`, `(` then `S)`); an empty pair is none
  // Stryker disable next-line ConditionalExpression,StringLiteral: an empty pair joins to '' and ' ', which read as no mark: the test spares the work
  if (first === '' && second === '') return null
  for (const joined of [first + second, `${first} ${second}`]) {
    // Stryker disable next-line MethodExpression: the groups end in no blank, and the joining with a blank comes second
    const word = joined.toUpperCase().replace(/\s+/g, ' ').trim()
    if (readsAsMark(word)) return word
  }
  return null
}

/**
 * What `splitMarks` gives for a mark opened at a mark's place and never closed: a word the marking parser refuses
 * (the brackets are no marking's characters), so the mark is one nobody can read (fail closed).
 */
export const UNCLOSED_MARK = '(unclosed mark)'

/**
 * Portion marks broken across a line end (`(S//` then `NF)` on the next line, `(SEC` then `RET)`), each with the
 * offset of its opening parenthesis in `text`: the two parts joined as written or with a blank, read as `innerMarks`
 * reads a word (a marking, a caveat alone, a garbled mark); the first joining that reads as one counts. No line-wise
 * scan sees them, so without this a mark split by the margin demanded nothing (fail closed). A page break may stand
 * between the parts (spec §5.3: `2. (S//`, then the page header, a blank line and the repeated subject, then `NF) …`;
 * QA 14 round 9, F1): blank lines, page headers, page banners and a subject line after a page header are skipped,
 * up to `SPLIT_GAP_LINES` lines. A bracket opened at a mark's place before a level (`2. (S//`, `2. (S`, `- (C/`,
 * `2. (S// the plan`) and never closed on its line is completed by the closing part on the next line or after the
 * page break, however long its opening part (`2. (CONFIDENTIAL//NOFORN/` then `ORCON) …`); one no part completes
 * and no reader of the line reads (`leadingClassMark`: `(S//NF the plan`, `(S/NF …`; `halfMarkedLine` at a line
 * start: `(S//ZZ the plan`) is a mark nobody can read (`UNCLOSED_MARK`): what it would have named is unknown.
 */
export function splitMarks(text: string): { mark: string; at: number }[] {
  const found: { mark: string; at: number }[] = []
  SPLIT_CANDIDATE.lastIndex = 0
  for (let m = SPLIT_CANDIDATE.exec(text); m; m = SPLIT_CANDIDATE.exec(text)) {
    const word = joinedMark(m[1], m[2])
    if (word !== null) found.push({ mark: word, at: m.index })
    // the closing part may open another candidate
    SPLIT_CANDIDATE.lastIndex = m.index + 1
  }
  // brackets opened at a mark's place and not closed on their line: completed on a later line, or unreadable
  const lines = text.split(/(?<=\n)/)
  let lineAt = 0
  for (let i = 0; i < lines.length; lineAt += lines[i].length, i++) {
    // the line without its end and the blanks at its end (no reader of a line's mark reads them)
    const line = lines[i].trimEnd()
    const open = UNCLOSED_AT_PLACE.exec(line)
    if (open === null) continue
    const at = lineAt + open[1].length
    if (found.some((f) => f.at === at)) continue
    const rest = open[2]
    // the parts of a mark a line end or a page break split (a fragment of a mark up to the line end, of any
    // length): the first line after it, past a page break's lines, that closes a bracket completes it. The line
    // right after it too: the pass above reads an opening part of 41 characters at most, and a longer one read by
    // the line's own reader alone loses the caveats on the next line (fail open: `2. (CONFIDENTIAL//NOFORN/` then
    // `ORCON) …` while that bound was 16, until issue 15's eighteenth run). A joining that reads as no marking but
    // as a garbled mark is one nobody can read, as the unclosed mark would be
    if (/^[A-Za-z0-9/ ,.-]*$/.test(rest)) {
      let header = false
      let j = i + 1
      for (; j < lines.length && j <= i + SPLIT_GAP_LINES && pageBreakLine(lines[j], header); j++) header ||= isPageHeader(lines[j].trimEnd())
      // Stryker disable next-line StringLiteral: past the last line nothing closes the mark, and no text without a bracket does
      const close = SPLIT_CLOSE.exec(lines[j] ?? '')
      const word = close ? joinedMark(rest, close[1]) : null
      if (word !== null) {
        found.push({ mark: word, at })
        continue
      }
    }
    // read as written by the readers of a line's opening mark: `(S//NF the plan`, `(S/NF …`, and at a line start
    // `(S//ZZ the plan` (the portion's own mark, `halfMarkedLine`; after a number or an enumerator, where that
    // reader is not sure to stand, the unclosed mark is one nobody can read)
    if (leadingClassMark(line) !== null || (open[1].trim() === '' && halfMarkedLine(line, text) !== null)) continue
    found.push({ mark: UNCLOSED_MARK, at })
    // what it names that a reader recognises is demanded all the same (`2. (S//ZZ//NF`: NOFORN, QA 10 F1), as a mark
    // of caveats alone
    const legible = legibleCaveats(open[2])
    if (legible.length) found.push({ mark: legible.join('/'), at })
  }
  return found
}

/**
 * Whether a single letter in parentheses continues a lettered list: the letter before it, in the same case, stands
 * as an enumerator (`(B)`, `(b)`) in `before` (the text of the portion up to it). A list opens at A, which is no
 * mark, so the rule never turns a mark that opens a portion into text. In a portion's text (`after` given: the
 * rest of its line) an upper-case letter is a mark's letter too (`(Q) one, (R) two, (S) the secret third`): it
 * continues the list only as a reference item, an origin and a serial after it (`(C) STATE 12`, `(C) 02 VELLORA
 * 2670`, `(C) State 7043`); anywhere else it stays a mark (fail closed).
 */
export function enumeratorInSequence(letter: string, before: string, after?: string): boolean {
  // only a single letter continues a list: `(TS)` after `(S)` is a mark, not the letter after S
  if (!/^[A-Za-z]$/.test(letter)) return false
  const code = letter.charCodeAt(0)
  if (letter === 'A' || letter === 'a') return false
  // upper case: a single letter here sorts below 'a' (A was refused above)
  if (after !== undefined && letter <= 'Z' && !REF_ITEM_TAIL.test(after)) return false
  const prev = String.fromCharCode(code - 1)
  return before.includes(`(${prev})`) || before.includes(`[${prev}]`)
}

/** What follows a REF item's letter: an optional year, an origin (upper or title case) and a serial. */
const REF_ITEM_TAIL = /^[ \t]*(?:\d{2,4}[ \t]+)?[A-Z][A-Za-z .'-]{1,30}?[ \t]\d{1,7}\b/

/**
 * Whether `word` (the letters in parentheses) is the acronym of the words right before it: the initials of the
 * last words (hyphenated parts count apart) spell its letters (`Technical Secretariat (TS)`, `Sub-Committee
 * (S/C)`, `Sensitive Security (SS)`). A portion mark written after a sentence (`… plans. (S)`) is not.
 */
export function definesAcronym(word: string, before: string): boolean {
  const letters = word.replace(/[/.\s-]/g, '')
  // two letters at least: a lone `(S)` after `Summary` is a mark as likely as an initial
  if (!/^[A-Z]{2,5}$/.test(letters)) return false
  // Stryker disable next-line Regex: the empty words a single blank or hyphen would leave are filtered out
  const words = before.split(/[\s-]+/).filter((w) => w !== '')
  if (words.length < letters.length) return false
  const last = words.slice(words.length - letters.length)
  // each initial upper case, and the words not ending a sentence
  if (/[.;:!?]$/.test(before.trimEnd())) return false
  // initials in either case (`organized crime (OC)`), the words prose (a lower-case letter in one of them)
  return last.every((w, i) => w[0].toUpperCase() === letters[i]) && last.some((w) => /[a-z]/.test(w))
}

/**
 * Whether a parenthesised word at the start of a line is a portion mark, readable or not (`markWordKind`): the
 * same words file the cable (`cableAccess`) and open a portion here. `(A)`, `(NOTE)`, `(UN)`, office acronyms
 * (`(S/CT)`) and lower-case enumerators are not.
 */
function isPortionMark(word: string, lead = ''): boolean {
  return markKindAfter(lead, word) !== 'none'
}

/**
 * `markWordKind` of a parenthesised word at a line start after `lead` (an optional sub-item enumerator): after an
 * enumerator (`A. `, `2) `, `- `) a word of two letters or more stands where a mark stands, as after a paragraph
 * number, and so does a single upper-case letter after a letter enumerator (`A. (Q)`, `b) (X)`, `(c) (Q)`): one
 * that reads as no marking but looks like a garbled one (`(SNF)`, `(SS)`, `(Q)`) is unreadable, not prose. A letter
 * repeating the enumerator's own (`B. (B) …`) is none, unless it reads as a mark (`C. (C) …`, `(S) (S) …`: a
 * mark); a lone letter after a number or bullet may open a list.
 */
export function markKindAfter(lead: string, word: string): ReturnType<typeof markWordKind> {
  const enumerator = /^\s*(?:([A-Za-z])\s*[.)]|\(\s*([A-Za-z])\s*\))\s*$/.exec(lead)
  const letter = /^\s*([A-Z])\s*$/.exec(word)
  const afterLetter = enumerator !== null && letter !== null && (enumerator[1] ?? enumerator[2]).toUpperCase() !== letter[1]
  // a letter that reads as a mark (`C. (C) …`, `(S) (S) …`) is one even so: as an enumerator's echo it would leave the
  // line unmarked, below its mark where the overall level is lower (fail closed)
  if (enumerator !== null && letter !== null && !afterLetter && !readsAsMark(letter[1])) return 'none'
  const enumerated = (/[A-Za-z0-9)*.-]/.test(lead) && /^\s*[A-Za-z]{2,}\s*$/.test(word)) || afterLetter
  return markWordKind(word, enumerated ? 'number' : 'line')
}

/** A word closed by a parenthesis it was never opened with, at a line start after an optional enumerator: `S) …`, `A. TS) …`. */
// (after a paragraph number it is the parser's, spec §5.10 `1. C)`: a paragraph it did not number stays unmarked)
const HALF_MARKED_LINE = /^(\s*(?:[A-Za-z][.)]\s*|\(\s*(?:[A-Za-z]|\d{1,2})\s*\)\s*|-{1,2}\s*|\*\s*)?)([A-Za-z][A-Za-z/ ,-]{0,23}?)\)(?=\s|$)/

/** A level's abbreviation after an opening parenthesis never closed, at a line start (`(S the plan`, `- (C//NF the plan`). */
const UNCLOSED_MARK_LINE = /^(\s*(?:[A-Za-z][.)]\s*|-{1,2}\s*|\*\s*)?)\(((?:TS|S|C|SBU)(?:\s*\/{1,2}\s*[A-Z]+)*)(?=[ \t]+[A-Za-z])/

/**
 * A portion mark missing its opening parenthesis at a line start (`S) …`, `TS) …`, `A. S) …`, `-- S//NF) …`; spec
 * §5.10 knows `1. C)` after a paragraph number): as `MARKED_LINE`'s match (the whole, the lead, the word), when the
 * word reads as a mark naming a level, or looks like one (`SNF)`, `lookalikeMark`). A single letter is a sub-item's
 * enumerator instead (spec §5.10 `a)`) when it is in lower case, or when the letter before or after it opens a line the
 * same way (`B) …`, `C) …`, `D) …`): a lettered list (QA 14 round 7, F1).
 */
function halfMarkedLine(line: string, text: string): RegExpExecArray | null {
  // a mark whose closing parenthesis never comes (`(S the plan …`, `(S//NF the plan …`): a level's abbreviation, with
  // caveats after `/` or `//`, then a blank and text, and no closing parenthesis on the line
  const open = UNCLOSED_MARK_LINE.exec(line)
  if (open && !line.includes(')', open[0].length)) return open
  const m = HALF_MARKED_LINE.exec(line)
  if (!m) return null
  const word = m[2].trim()
  if (/^[A-Za-z]$/.test(word)) {
    if (word !== word.toUpperCase()) return null
    const code = word.charCodeAt(0)
    const neighbours = [code - 1, code + 1].filter((c) => c >= 65 && c <= 90).map((c) => String.fromCharCode(c)).join('')
    if (neighbours && new RegExp(`^[ \\t]*[${neighbours}][ \\t]*[.)]`, 'm').test(text)) return null
  }
  const parts = markingParts(word)
  return (parts !== null && parts.level !== null) || lookalikeMark(word) || garbledMark(word) || doubledLevelMark(word, text) ? m : null
}

/**
 * Whether a word at a line start where a mark stands (`(SS)`, `SS)`, `(CC)`) is a classified level's abbreviation
 * written two or three times: spec §5.10 knows the marks `U`, `SBU`, `C`, `S`, `TS` and sub-items `A.`, `(1)`,
 * `a)`, no doubled letters, so it is a garbled mark nobody can read (fail closed), as it is after a paragraph number
 * (`markWordKind`). Unless doubled letters enumerate a list in the text: the doubled letter before or after it
 * opens a line the same way (`(BB)` or `(DD)` around `(CC)`, `BB)` around `CC)`), as for a single letter.
 */
export function doubledLevelMark(word: string, text: string): boolean {
  const w = word.trim()
  const m = /^([SC])\1{1,2}$/.exec(w)
  if (m === null) return false
  const code = m[1].charCodeAt(0)
  const neighbours = [code - 1, code + 1].map((c) => String.fromCharCode(c).repeat(w.length))
  return !neighbours.some((x) => new RegExp(`^[ \\t]*[(\\[]?[ \\t]*${x}[ \\t]*[.)\\]]`, 'm').test(text))
}

/** Segments of the body: numbered paragraphs, text lines, and anything standing inside a paragraph's span. */
export function isBody(cable: Cable, seg: Cable['segments'][number], at: number): boolean {
  if (seg.kind === 'para' || seg.kind === 'lines') return true
  // a signature is the last block (spec §2.4 step 7, §5.11): closing lines with no blank line between them and the
  // text before them (`2. (S) … the source named` then `KHAN`) may be the last line of that portion, and are read
  // as its lines, unless the text before them visibly ended (`signatureClosesText`)
  if (seg.kind === 'signature') {
    const i = cable.segments.indexOf(seg)
    const prev = i > 0 ? cable.segments[i - 1] : undefined
    if (prev && /\n$/.test(prev.raw) && !/\n[ \t]*\n$/.test(prev.raw) && (prev.kind === 'para' || prev.kind === 'lines') && !signatureClosesText(prev.raw, seg.raw)) return true
  }
  return seg.kind !== 'blank' && cable.paragraphs.some((p) => p.number > 0 && p.span && p.span.start.offset <= at && at < p.span.end.offset)
}

/**
 * Whether closing lines right under the text (no blank line between) are a signature rather than the last line of
 * that text's portion: the text's last line ends a sentence or a block (`… the law.`, `End Comment.`, `END TEXT`,
 * a closing quote after the stop) and the closing line does not (`KHAN`, not `KHAN.`). A line that continues a
 * wrapped sentence (`… the source named` then `KHAN`) or ends one (`… met in` then `ISLAMABAD.`) stays part of the
 * portion, withheld with it. A deliberate one-word line after a finished sentence reads as a signature to any
 * reader of the text, and is shown as one. On the dev corpus 1,565 of the 1,855 signatures written right under the
 * text pass; the rest (a last line that ends without a stop: a URL, a phone number, a name list) are withheld with
 * the portion above them from a reader below it.
 */
export function signatureClosesText(before: string, signature: string): boolean {
  const lines = before.replace(/\n$/, '').split('\n')
  const last = lines[lines.length - 1]
  const first = signature.replace(/^\s*\n/, '').split('\n')[0].trim()
  if (first === '' || /[.,;:]$/.test(first)) return false
  if (/\bEND (?:TEXT|COMMENT|SUMMARY|NOTE|QUOTE)\s*$/i.test(last)) return true
  const stop = /(\S*?)([.!?])["'\u2019\u201d)\]]*\s*$/.exec(last)
  if (!stop) return false
  // a stop after a title, an initial or an abbreviation (`Lt. Gen.`, `J.`, `U.S.`, `a.m.`) need not end the sentence
  const word = stop[1].replace(/^["'(\u201c\u2018]+/, '')
  const abbreviation = word.length <= 1 || word.includes('.') || (word.length <= 4 && TITLE_WORDS.has(word.toUpperCase()))
  return stop[2] !== '.' || !abbreviation
}

/**
 * The portions of a cable's body, line by line (docs/research.md, "Portions"): a numbered paragraph, or a line that
 * begins with a portion mark after an optional sub-item enumerator, starts a portion; the lines right after it (no
 * blank line or header between) belong to it; an unmarked block after a blank line is a portion of its own
 * (unmarked, so at the overall level: spec §7 rule 1). Marks standing inside a portion's lines are listed in `inner`
 * (left empty with `{ inner: false }`, for a caller that reads only the marks portions open with).
 */
export function bodyPortions(cable: Cable, text: string, options: { inner?: boolean } = {}): BodyPortion[] {
  const portions: BodyPortion[] = []
  let cur: BodyPortion | null = null
  // Stryker disable next-line BooleanLiteral: the cable's header and blank segments come first and set it
  let gap = true
  let at = 0
  // the marks inside lines, unless the caller reads only the marks portions open with (whole-cable access on import)
  const innerOf = options.inner === false ? () => [] : (line: string, afterMark: string | null = null) => innerMarks(line, run, afterMark)
  // the text of the portion's lines so far (since the last empty line): the context of a lettered list
  // Stryker disable next-line StringLiteral: emptied at the first body line, which follows a gap
  let run = ''
  // marks broken across a line end, by the line holding their opening parenthesis: a mark of that line's portion
  // Stryker disable next-line ArrayDeclaration: a string in the list has no offset (`at` is a method), so it is never in a line
  const split = options.inner === false ? [] : splitMarks(text)
  const splitIn = (from: number, to: number) => split.filter((m) => m.at >= from && m.at < to).map((m) => m.mark)
  const letters = lineLetters(text)
  for (const seg of cable.segments) {
    const segAt = at
    at += seg.raw.length
    if (!isBody(cable, seg, segAt)) {
      if (seg.kind === 'blank') gap = true
      else cur = null
      continue
    }
    let lineAt = segAt
    for (const line of seg.raw.split(/(?<=\n)/)) {
      const here = lineAt
      lineAt += line.length
      // Stryker disable all: the parser gives every blank or white-space line a blank segment of its own, so no body
      // segment holds one (kept for a cable built otherwise: an empty line ends the portion)
      if (line.trim() === '') {
        if (line !== '') gap = true
        continue
      }
      // Stryker restore all
      // Stryker disable next-line StringLiteral: any text holding no list letter, REF label or citation line reads the same
      if (gap) run = ''
      // the paragraph a para segment's line opens (the parser makes a para segment of that line alone). Looked up
      // there only: every other line opens none, and a lookup per line costs the paragraphs times the lines
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: the parser's paragraphs all have spans and come in text order, its number-0 ones (lone portions) open on lines of text, and the first numbered one from here is this line's
      const numbered = seg.kind === 'para' ? cable.paragraphs.find((p) => p.number > 0 && p.span && p.span.start.offset >= here && p.span.start.offset < here + line.length) : undefined
      if (!numbered && TRAILER_LINE.test(line)) {
        // shown as it stands (it belongs to no portion); what follows starts a portion of its own
        cur = null
        gap = true
        continue
      }
      const trailer = numbered ? null : TRAILER_LEAD.exec(line)
      if (trailer) {
        // text after the trailer is no continuation of the paragraph before it: a portion judged by its own mark
        // (after the trailer word), unmarked at the overall level
        const rest = line.slice(trailer[0].length)
        const tm = MARKED_LINE.exec(rest)
        const marked = tm !== null && isPortionMark(tm[2])
        const lead = `${trailer[1]} ${marked ? tm[1] : ''}`
        cur = { start: here, number: null, mark: marked ? tm[2] : null, lead, lines: [here], inner: innerOf(marked ? rest.slice(tm[0].length) : rest, marked ? tm[2] : null), within: [] }
        portions.push(cur)
        gap = false
        run += line
        cur.inner.push(...splitIn(here, lineAt))
        continue
      }
      const m = numbered ? null : (MARKED_LINE.exec(line) ?? halfMarkedLine(line, text))
      if (numbered) {
        // a word after the number the parser did not take for a mark is one when it reads as a mark, readable or not
        // (`2. (SNF)`, `2. (Q)`: withheld from everyone, and the cable filed TOP SECRET); prose there (`2. (Japan)`,
        // `2. (UN)`) is no mark, so the paragraph is unmarked, at the overall level
        const after = AFTER_NUMBER.exec(text.slice(here, here + 80))
        const written = after !== null && markWordKind(after[1]) !== 'none' ? after[1] : null
        const mark = numbered.marking ?? written
        const rest = mark === null ? line : numbered.marking ? line.slice(line.indexOf(`(${mark}`) + mark.length + 2) : line.slice(after![0].length)
        cur = { start: here, number: numbered.number, mark, lead: '', lines: [here], inner: innerOf(rest, mark), within: [] }
        portions.push(cur)
      } else if (m && (isPortionMark(m[2], m[1]) || doubledLevelMark(m[2], text)) && !(cur !== null && !gap && m[1].trim() === '' && enumeratorInSequence(m[2].trim(), run, line.slice(m[0].length)))) {
        // a marked line with no blank line before it stands inside the portion before it (a wrapped sentence may
        // start with `(C)`, a reference to a subparagraph): it is judged by its own mark but never below that
        // portion's (fail closed). Only a paragraph number before the mark (`15. (C)`, `¶6. (C)`: paragraphs run
        // together) starts a portion free of it.
        const inside: boolean = cur !== null && !gap && !/^\s*¶|^\s*\d{1,3}\s*[.)]/.test(m[1])
        const within: (string | null)[] = inside ? [cur!.mark, ...cur!.inner, ...cur!.within] : []
        // a letter continuing a lettered list (`(A) …`, `(B) …` then `(C) …`: QA 14 round 6) is an enumerator as
        // likely as a mark: the item is unmarked, at the overall level, and the letter still counts as a mark for
        // that level (fail closed: never below what either reading demands)
        const word = m[2].trim()
        const enumerator = m[1].trim() === '' && letters.listed(word, letters.lineOf(here))
        const inner = innerOf(line.slice(m[0].length), m[2])
        // two marks in a row at a line start (`(S) (U) …`, `(S)(C) …`, `(C) (SBU) …`: QA 14 round 6): the first was
        // taken as an enumerator before the mark, but reads as a mark as well; both count, the higher wins
        const leadLetter = /^\s*[(\uFF08]\s*([A-Za-z])\s*[)\uFF09]\s*$/.exec(m[1])?.[1]
        if (leadLetter !== undefined && readsAsMark(leadLetter) && !(leadLetter !== leadLetter.toUpperCase() && letters.listed(leadLetter, letters.lineOf(here)))) inner.unshift(leadLetter.toUpperCase())
        if (enumerator && readsAsMark(word)) inner.unshift(word.toUpperCase())
        cur = { start: here, number: null, mark: enumerator ? null : m[2], lead: enumerator ? `${m[0]} ` : m[1], lines: [here], inner, within }
        portions.push(cur)
      } else if (cur && !gap) {
        cur.lines.push(here)
        cur.inner.push(...innerOf(line))
      } else {
        cur = { start: here, number: null, mark: null, lead: '', lines: [here], inner: innerOf(line), within: [] }
        portions.push(cur)
      }
      gap = false
      run += line
      cur.inner.push(...splitIn(here, lineAt))
    }
  }
  return portions
}

/**
 * The overall level and caveats raised by every readable mark in the body (a cable is never under its portions), and
 * the caveats by every restricting caveat recognised in a mark nobody can read (`legibleCaveats`).
 */
export function raisedBy(overall: Overall, portions: readonly BodyPortion[]): Overall {
  let level = overall.level
  const caveats = new Set(overall.caveats)
  for (const p of portions)
    for (const mark of [p.mark, ...p.inner]) {
      // Stryker disable next-line MethodExpression: parseMarking reads a mark with blanks around it as without them
      const d = mark === null ? null : readPortionMark(mark.trim(), level)
      if (!d) {
        // a mark nobody can read still demands the restricting caveats a reader recognises in it (`(TS//SI//NF)`:
        // NOFORN, of the whole cable; QA 10 F1)
        if (mark !== null) for (const c of legibleCaveats(mark)) caveats.add(c)
        continue
      }
      level = Math.max(level, d.level)
      for (const c of d.caveats) caveats.add(c)
    }
  return { level, caveats: RESTRICTIVE.filter((c) => caveats.has(c)) }
}

