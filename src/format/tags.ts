import { codeAt, hasLowerCase, hasUpperCase, isSpaceCode } from './char-codes.js'
import { TAG_TABLE } from './data/tag-table.js'

/**
 * The TAGS line (spec §5.7): keyword variants, comma or space separators, `[TAG](#)` links of the web
 * rendering, parenthesised person tags.
 *   TAGS: PREL, PGOV, TI        TAGS: [PREL](#) [TI](#)        Tags: prel, pgov
 *         ^first tag
 */
export const TAGS_LABEL = /^[ \t]*(?:TAGS|TAG|TAGES|TAS|TABS|TGS|AGS)\b[ \t]*[:,.]?[ \t]*/i

export interface TagToken {
  text: string
  start: number
  end: number
}

/** Splits a TAGS value (label removed) into tags with their offsets in `value`. */
export function splitTags(written: string): { tags: TagToken[]; links: boolean } {
  // prose after the list (text run on after the TAGS line) is no tag: a facet never carries body text
  const all = tagTokens(written)
  const length = tagListEnd(written, all)
  const value = written.slice(0, length)
  // the tokens of the whole value are those of the list when it is all list (nearly always); a list cut short may
  // end inside a token (`PREL .:THE …` cut after `.:`), so its tokens are read again from the cut value
  const tokens = length === written.length ? all : tagTokens(value)
  const tags: TagToken[] = []
  let links = false
  for (let k = 0; k < tokens.length; k += 2) {
    const start = tokens[k]
    const end = tokens[k + 1]
    if (codeAt(value, start) === 91 /* [ */) {
      // only a `[TAG](#)` link opens with a bracket: the tag is between the brackets
      links = true
      tags.push({ text: value.slice(start + 1, end - LINK_TAIL), start: start + 1, end: end - LINK_TAIL })
    } else {
      const text = withoutTrailing(value.slice(start, end), true)
      if (!text || isSipdis(text)) continue
      // `PREL, PGOV, AND JO`: the conjunction before the last entry of a comma list is no tag
      if (isListConjunction(value, tags, start, text)) continue
      tags.push({ text, start, end: start + text.length })
    }
  }
  if (links || tags.length < 2) return { tags, links }
  const entries = isCommaList(value) ? joinCommaEntries(value, tags) : joinSpacedMeanings(value, tags)
  return { tags: withPersons(value, entries), links }
}

/** `](#)`, the end of a `[TAG](#)` link after its tag. */
const LINK_TAIL = 4

/**
 * The tokens of a TAGS value, as `/\[[^\]\n]{1,60}\]\(#\)|\([^)\n]{1,60}\)|[^\s,;()[\]]+/g` finds them: a
 * `[TAG](#)` link, a parenthesised name, or a run of characters other than white space, separators, parentheses
 * and brackets. Flat start and end offsets (`[start0, end0, start1, end1, …]`). Read once per value by char code,
 * for both the list's length and its tags: the pattern's two passes and match arrays were most of reading a TAGS
 * line.
 */
function tagTokens(value: string): number[] {
  const out: number[] = []
  const n = value.length
  let i = 0
  while (i < n) {
    const c = codeAt(value, i)
    if (c === 91 /* [ */ || c === 40 /* ( */) {
      // neither opens the third kind of token: where its bracketed form does not match, no token starts here
      const end = c === 91 ? linkEnd(value, i) : parenthesisedEnd(value, i)
      if (end === -1) {
        i++
        continue
      }
      out.push(i, end)
      i = end
    } else if (isTokenCode(c)) {
      let j = i + 1
      while (j < n && isTokenCode(codeAt(value, j))) j++
      out.push(i, j)
      i = j
    } else i++
  }
  return out
}

/** `[^\s,;()[\]]`: a character of a plain token. */
const isTokenCode = (c: number): boolean => !isSpaceCode(c) && c !== 44 && c !== 59 && c !== 40 && c !== 41 && c !== 91 && c !== 93

/**
 * End of `[^x\n]{1,60}x` after offset `open` (the inner characters and the closing `close`), or -1: the run stops at
 * the first `close` or line feed, so the match is that run when it is 1 to 60 long and a `close` ends it.
 */
function closedRunEnd(value: string, open: number, close: number): number {
  const limit = Math.min(value.length, open + 62)
  for (let j = open + 1; j < limit; j++) {
    const c = codeAt(value, j)
    if (c === close) return j > open + 1 ? j + 1 : -1
    if (c === 10) return -1
  }
  return -1
}

/** End of a `\[[^\]\n]{1,60}\]\(#\)` link at `at`, or -1. */
function linkEnd(value: string, at: number): number {
  const end = closedRunEnd(value, at, 93 /* ] */)
  return end !== -1 && codeAt(value, end) === 40 && codeAt(value, end + 1) === 35 && codeAt(value, end + 2) === 41 ? end + 3 : -1
}

/** End of a `\([^)\n]{1,60}\)` name at `at`, or -1. */
const parenthesisedEnd = (value: string, at: number): number => closedRunEnd(value, at, 41 /* ) */)

/**
 * A comma- or semicolon-delimited list: a separator outside parentheses (the comma of `OVIP (RICE, CONDOLEEZZA)`
 * is part of the person's name, so `PREL PGOV OVIP (RICE, CONDOLEEZZA)` is a space-delimited list).
 */
export function isCommaList(value: string): boolean {
  let depth = 0
  for (let i = 0; i < value.length; i++) {
    const c = codeAt(value, i)
    if (c === 40 /* ( */) depth++
    else if (c === 41 /* ) */ && depth > 0) depth--
    else if (depth === 0 && (c === 44 || c === 59)) return true
  }
  return false
}

/** `AND` opening an entry of a comma list (`PREL, PGOV, AND JO`): the list's conjunction, not a tag. */
function isListConjunction(value: string, before: TagToken[], at: number, text: string): boolean {
  if (text.length !== 3 || text.toUpperCase() !== 'AND' || before.length === 0) return false
  return hasListSeparator(value, before[before.length - 1].end, at)
}

/**
 * A parenthesised name right after a subject or program code of the same entry is that code's person
 * (spec §10 `OVIP (CLINTON, HILLARY)`): one tag `OVIP (RICE, CONDOLEEZZA)`. After a geographic code or standing
 * alone it stays a tag of its own (`XY (DOE, JOHN)` is a country and a person).
 */
function withPersons(value: string, tokens: TagToken[]): TagToken[] {
  const out: TagToken[] = []
  for (const t of tokens) {
    const prev = out[out.length - 1]
    if (prev && codeAt(t.text, 0) === 40 /* ( */ && PERSON_CODES.has(upperCased(prev.text)) && /^\s+$/.test(value.slice(prev.end, t.start))) {
      out[out.length - 1] = { text: `${prev.text} ${t.text}`, start: prev.start, end: t.end }
    } else out.push(t)
  }
  return out
}

const CODES = new Set(TAG_TABLE.map(([code]) => code))
/** Subject and program codes (four letters: OVIP, PREL): the codes a parenthesised person may belong to. */
const PERSON_CODES = new Set(TAG_TABLE.filter(([code, , kind]) => (kind === 'subject' || kind === 'program') && /^[A-Z]{4}$/.test(code)).map(([code]) => code))
/** Upper-case meanings named by exactly one code (`HUMAN RIGHTS` → PHUM): a spaced entry resolves only to these. */
const UNIQUE_MEANINGS = (() => {
  const count = new Map<string, number>()
  for (const [, meaning] of TAG_TABLE) {
    const key = meaning.toUpperCase()
    count.set(key, (count.get(key) ?? 0) + 1)
  }
  return new Set([...count].filter(([, n]) => n === 1).map(([k]) => k))
})()

/** Five letters or more (and apostrophes, hyphens): longer than the codes' four letters. */
const LONG_WORD = /^[A-Za-z][A-Za-z'-]{4,}$/
/**
 * A word that cannot be a tag code on its own: longer than the codes' four letters and not in the table. The
 * pattern first: it rules out most tokens (codes) without the upper-cased copy the table lookup needs.
 */
const isWord = (t: string) => LONG_WORD.test(t) && !CODES.has(upperCased(t))

/**
 * `t.toUpperCase()`, without the copy when `t` has no lower-case letter (tags are nearly all written in capitals):
 * the table lookups upper-case every token, and the copy cost more than the lookup.
 */
const upperCased = (t: string): string => (hasLowerCase(t) ? t.toUpperCase() : t)

/** Two to four words (and `AND`s), none of them a code (`HUMAN RIGHTS`, `GAZA DISENGAGEMENT`), one longer than a code. */
function isPhrase(entry: TagToken[]): boolean {
  // `AND` joins the words of an entry (`TRADE AND INVESTMENT PROMOTION`) and is not counted among them
  // a single token is no phrase: decided before the words are counted (most entries of a comma list are one code)
  if (entry.length < 2) return false
  const words = entry.filter((t) => upperCased(t.text) !== 'AND').length
  if (words > 4) return false
  if (!entry.every((t) => /^[A-Za-z][A-Za-z'-]*$/.test(t.text) && !CODES.has(upperCased(t.text)))) return false
  return entry.some((t) => isWord(t.text))
}

/**
 * Comma-delimited lists (`TAGS: PHUM, XY, HUMAN RIGHTS, CONSULAR AFFAIRS`): the words of one entry make one
 * tag when they are a short phrase of words, not codes; `PREL PGOV, XY` still gives three tags.
 */
function joinCommaEntries(value: string, tokens: TagToken[]): TagToken[] {
  const out: TagToken[] = []
  let i = 0
  while (i < tokens.length) {
    let j = i
    // the tokens of one entry: no comma or semicolon between them
    while (j + 1 < tokens.length && !hasListSeparator(value, tokens[j].end, tokens[j + 1].start)) j++
    const entry = tokens.slice(i, j + 1)
    if (isPhrase(entry)) {
      out.push({ text: value.slice(entry[0].start, entry[entry.length - 1].end).replace(/\s+/g, ' '), start: entry[0].start, end: entry[entry.length - 1].end })
    } else {
      out.push(...entry)
    }
    i = j + 1
  }
  return out
}

/** Space-delimited lists: consecutive words that spell one tag's meaning in the TAGS table make one tag. */
function joinSpacedMeanings(value: string, tokens: TagToken[]): TagToken[] {
  const out: TagToken[] = []
  for (let i = 0; i < tokens.length; i++) {
    let joined: TagToken | null = null
    if (isWord(tokens[i].text)) {
      for (let n = Math.min(5, tokens.length - i); n >= 2 && !joined; n--) {
        const run = tokens.slice(i, i + n)
        if (run.some((t) => CODES.has(upperCased(t.text)))) continue
        const text = run.map((t) => t.text).join(' ')
        if (UNIQUE_MEANINGS.has(text.toUpperCase())) {
          joined = { text: value.slice(run[0].start, run[n - 1].end).replace(/\s+/g, ' '), start: run[0].start, end: run[n - 1].end }
          i += n - 1
        }
      }
    }
    out.push(joined ?? tokens[i])
  }
  return out
}

/**
 * Words of running text that no TAG is (spec §5.7: tags are codes, acronyms, names and short subject phrases):
 * articles, pronouns, auxiliary verbs, conjunctions and prepositions of three letters or more. Two-letter words
 * are left out: most are country codes (TO Togo, IT Italy, IN India, BE Belgium, NO Norway).
 */
const PROSE_WORDS = new Set(
  'THE AND THAT THIS THESE THOSE WILL WOULD SHALL SHOULD COULD MIGHT MUST SAID SAYS TOLD HAS HAVE HAD WAS WERE ARE BEEN BEING HIS HER HERS SHE THEY THEM THEIR OUR YOUR ITS WITH FROM INTO ONTO ABOUT AFTER BEFORE BUT NOT WHICH WHO WHOM WHOSE WHEN WHERE WHILE WHAT ALSO THAN THEN THERE'.split(' '),
)
/**
 * Two-letter words of running text that are also country codes (IS Israel, IT Italy, TO Togo): prose only between
 * words (`… RESIGNS ON MONDAY`), a code anywhere else (`PREL TO XY`, `OPCW CBW IT LY`).
 */
const PROSE_PAIRS = new Set('OF ON IN TO AT BY IS AS IT BE HE WE OR AN SO IF'.split(' '))
/**
 * The longest run of words (not codes) one entry may hold: names, subject phrases and the keyword lists of older
 * cables (`ITALY NATIONAL ELECTIONS ITALIAN POLITICS`); running text is longer.
 */
const MAX_WORD_RUN = 8
/** A parenthesised token that is a portion mark (`(S)`, `(C//NF)`), not a parenthesised person tag. */
const MARK_TOKEN = /^\(\s*[A-Z]{1,3}\s*(?:\/.*)?\)$/

/**
 * How far a TAGS value (label removed) is a tag list (spec §5.7): codes of the TAGS table, two-letter
 * geographic codes, acronyms, `[TAG](#)` links, parenthesised names, and runs of at most `MAX_WORD_RUN` words
 * (names, subject phrases, keywords) between separators. The list ends where running text starts: before a run of
 * words that is longer or holds a word of prose (`PROSE_WORDS`, `PROSE_PAIRS` inside the run), a number, a word
 * ending in a colon, or a portion mark.
 * The offset in `value` after the last tag and the white space and separators after it; `value.length` when the
 * whole value is a tag list.
 *
 * @example
 *   tagListLength('PREL PGOV THE MINISTER SAID') // 10, up to `THE`
 */
export function tagListLength(value: string): number {
  return tagListEnd(value, tagTokens(value))
}

/** `tagListLength` of a value whose tokens (`tagTokens`) are read. */
function tagListEnd(value: string, tokens: readonly number[]): number {
  const upper = hasUpperCase(value)
  let end = 0
  let runStart = -1
  let runWords = 0
  let lastEnd = 0
  let pair = false
  // whether the current run of words opens an entry of a comma list, where `AND` joins words of one entry
  const commaList = isCommaList(value)
  let runOpensEntry = false
  for (let k = 0; k < tokens.length; k += 2) {
    const at = tokens[k]
    const t = value.slice(at, tokens[k + 1])
    // a comma or semicolon between two tokens ends a run of words (`DOE, JOHN` is two entries)
    const sepBefore = lastEnd > 0 && hasListSeparator(value, lastEnd, at)
    if (sepBefore) {
      runStart = -1
      runWords = 0
      pair = false
    }
    lastEnd = at + t.length
    const bare = withoutTrailing(t, false)
    if (bare === '' || bare === '\\') continue
    const open = codeAt(t, 0)
    if (open === 40 /* ( */ && MARK_TOKEN.test(t)) return end === 0 ? 0 : endAfter(value, end)
    // each token is upper-cased once for the table lookups below
    const folded = upperCased(bare)
    const twoLetter = bare.length === 2 && isAsciiLetter(codeAt(bare, 0)) && isAsciiLetter(codeAt(bare, 1)) && (!upper || bare === folded)
    // a two-letter code inside a run of words (`… RESIGNS ON MONDAY`) may be an English word: it counts in the run
    if (twoLetter && runStart >= 0) {
      runWords++
      if (runWords > MAX_WORD_RUN) return endAfter(value, Math.min(end, runStart))
      // prose when a word follows it (`RESIGNS ON MONDAY`); before a code it is a code (`OPCW CBW IT LY`)
      pair = PROSE_PAIRS.has(folded)
      end = lastEnd
      continue
    }
    const code = twoLetter || open === 91 /* [ */ || open === 40 /* ( */ || CODES.has(folded) || isSipdis(bare) || COMPOUND_CODE.test(bare)
    if (code) {
      pair = false
      runStart = -1
      runWords = 0
      end = lastEnd
      continue
    }
    if (runStart < 0) {
      runStart = at
      runOpensEntry = commaList && sepBefore
    }
    // `TRADE AND INVESTMENT` as an entry of a comma list, and the list's last `AND JO`: words of the list; after a
    // code (`XY DISCUSS TALKS AND …`) or in a space-delimited list `AND` is running text
    const entryAnd = runOpensEntry && folded === 'AND'
    const word = PLAIN_WORD.test(bare) && (entryAnd || !PROSE_WORDS.has(folded))
    runWords++
    // running text: the list ends before the run this token belongs to
    if (!word || pair || runWords > MAX_WORD_RUN) return endAfter(value, Math.min(end, runStart))
    end = lastEnd
  }
  return end === 0 ? 0 : endAfter(value, end)
}

/** A code with a hyphen, ampersand or slash (`KPAL-ISR`, `US/EU`). */
const COMPOUND_CODE = /^[A-Z][A-Z0-9]*[-&/][A-Z0-9&/-]*$/
/** Letters (and apostrophes, hyphens) only. */
const PLAIN_WORD = /^[A-Za-z][A-Za-z'-]*$/

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** `/[,;]/.test(value.slice(from, to))` without the slice: a comma or semicolon between two tokens. */
function hasListSeparator(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = codeAt(value, i)
    if (c === 44 || c === 59) return true
  }
  return false
}

/** A token without its trailing dots (and colons, when `colons`): `t.replace(/[.:]+$/, '')` without a regex. */
function withoutTrailing(t: string, colons: boolean): string {
  let e = t.length
  for (let c = codeAt(t, e - 1); e > 0 && (c === 46 || (colons && c === 58)); c = codeAt(t, e - 1)) e--
  return e === t.length ? t : t.slice(0, e)
}

/** `/^SIPDIS$/i.test(t)`: the length first, so the regex runs only on six-letter tokens. */
const isSipdis = (t: string) => t.length === 6 && /^SIPDIS$/i.test(t)

/** `at` moved over the separators and white space that follow it; the whole value when nothing else follows. */
function endAfter(value: string, at: number): number {
  const sep = /^[\s,;.:\\]*/.exec(value.slice(at))![0].length
  return at + sep
}
