/**
 * Control characters: C0 (except tab, line feed and carriage return of a line ending), DEL and C1. Such characters
 * have no place in a telegram; on a terminal they are commands (ESC [ … moves the cursor, rewrites lines, sets the
 * window title). Input is refused or flagged where it enters; output meant for a terminal neutralises them.
 */

// \r is a control character too, except as part of a CRLF line ending
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]|\r(?!\n)/g
const ANY_CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]|\r(?!\n)/

/**
 * Offset of the first control character in a text (tab, LF and CRLF allowed), or -1.
 *
 * @example firstControlChar('a\x1b[2Jb') // 1
 */
export function firstControlChar(text: string): number {
  const m = ANY_CONTROL.exec(text)
  return m ? m.index : -1
}

/**
 * CONTROL without its lone-CR alternative: all it can find in a text that holds no carriage return. Searched for
 * as one character class, it scans the corpus (42 MB, nearly every text without any control character) about 1.5x
 * as fast as matching runs of the other characters from each offset did (Node 20).
 */
const CONTROL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g

/**
 * Every offset of a control character in a text (tab, LF and CRLF allowed). `hasCR`, when the caller knows it,
 * says whether the text holds a carriage return (spares a scan of the text for one).
 */
export function controlCharOffsets(text: string, hasCR: boolean = text.includes('\r')): number[] {
  const out: number[] = []
  // a lone CR counts too: the lookahead pattern (rarely needed, and slower) handles it
  const pattern = hasCR ? CONTROL : CONTROL_CHAR
  pattern.lastIndex = 0
  // test, not exec: no match array per character (each match is one character, ending at lastIndex)
  while (pattern.test(text)) out.push(pattern.lastIndex - 1)
  return out
}

/** `U+001B` for a control character, as messages name it. */
export function describeChar(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * The text with every control character replaced by a visible stand-in: C0 by its Control Picture (ESC → ␛),
 * DEL by ␡, C1 by U+FFFD. Tabs and line endings stay. For anything written to a terminal.
 *
 * @example neutralizeControlChars('a\x1b[2Jb') // 'a␛[2Jb'
 */
export function neutralizeControlChars(text: string): string {
  if (!ANY_CONTROL.test(text)) return text
  return text.replace(CONTROL, (ch) => {
    const c = ch.charCodeAt(0)
    return c < 0x20 ? String.fromCharCode(0x2400 + c) : c === 0x7f ? '\u2421' : '\uFFFD'
  })
}

// colour and weight only (picocolors' bold, dim, colours and their resets); never conceal (8), cursor or title codes
const SGR = /\x1b\[((?:0|1|2|3|4|22|23|24|3[0-7]|39|4[0-7]|49|9[0-7])(?:;(?:0|1|2|3|4|22|23|24|3[0-7]|39|4[0-7]|49|9[0-7]))*)?m/g

/**
 * As neutralizeControlChars, but keeps plain SGR colour and weight sequences (`ESC[1m`, `ESC[33m`, `ESC[39m`):
 * for a command's own coloured terminal output. Cursor movement, screen and line clearing, window titles (OSC),
 * conceal and every other control are neutralised.
 */
export function neutralizeForTerminal(text: string): string {
  if (!ANY_CONTROL.test(text)) return text
  let out = ''
  let at = 0
  SGR.lastIndex = 0
  for (let m = SGR.exec(text); m; m = SGR.exec(text)) {
    out += neutralizeControlChars(text.slice(at, m.index)) + m[0]
    at = m.index + m[0].length
  }
  return out + neutralizeControlChars(text.slice(at))
}

/**
 * Invisible characters: whatever changes how a text is shown, or shows as nothing, without being seen. A telegram's
 * text is what its reader sees, so none of these has a place in operator input. The class is general, not a list:
 *
 * - every character of General_Category **Cf** (format): bidirectional embeddings, overrides and isolates
 *   (U+202A–U+202E, U+2066–U+2069; `‮` makes `txt.exe` look like `exe.txt`), zero-width and directional marks,
 *   word joiners and invisible operators, the deprecated shaping controls (U+206A–U+206F), the interlinear
 *   annotation characters (U+FFF9–U+FFFB), the soft hyphen, U+FEFF, and the TAG characters (U+E0001,
 *   U+E0020–U+E007F: `HELLO` followed by TAG A, TAG B reads `HELLO` yet differs from it);
 * - every **Default_Ignorable_Code_Point**, which renderers are told to show as nothing: the combining grapheme
 *   joiner (U+034F), variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF), Mongolian free variation selectors,
 *   the Khmer inherent vowels (U+17B4, U+17B5), the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the code
 *   points reserved as ignorable (U+2065, U+E0000–U+E0FFF);
 * - the blank that is neither but shows as a space-like nothing: BRAILLE PATTERN BLANK (U+2800);
 * - the line and paragraph separators (U+2028, U+2029): line breaks to some readers, not to the parser.
 *
 * Tab and line feed are neither Cf nor ignorable: the tab and newline rules stay those of the callers.
 */
const FORMAT_CHAR = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029\u2800]/u

/** Names of the invisible characters messages mention (the rest are named by code point only). */
const FORMAT_NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x17b4: 'KHMER VOWEL INHERENT AQ',
  0x17b5: 'KHMER VOWEL INHERENT AA',
  0x180b: 'MONGOLIAN FREE VARIATION SELECTOR ONE',
  0x180c: 'MONGOLIAN FREE VARIATION SELECTOR TWO',
  0x180d: 'MONGOLIAN FREE VARIATION SELECTOR THREE',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x180f: 'MONGOLIAN FREE VARIATION SELECTOR FOUR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x206a: 'INHIBIT SYMMETRIC SWAPPING',
  0x206b: 'ACTIVATE SYMMETRIC SWAPPING',
  0x206c: 'INHIBIT ARABIC FORM SHAPING',
  0x206d: 'ACTIVATE ARABIC FORM SHAPING',
  0x206e: 'NATIONAL DIGIT SHAPES',
  0x206f: 'NOMINAL DIGIT SHAPES',
  0x2800: 'BRAILLE PATTERN BLANK',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0xfff9: 'INTERLINEAR ANNOTATION ANCHOR',
  0xfffa: 'INTERLINEAR ANNOTATION SEPARATOR',
  0xfffb: 'INTERLINEAR ANNOTATION TERMINATOR',
  0xe0001: 'LANGUAGE TAG',
  0xe0020: 'TAG SPACE',
  0xe007f: 'CANCEL TAG',
}

/** The Unicode name of an invisible character whose name follows a pattern (variation selectors, tag letters and digits), or null. */
function patternName(c: number): string | null {
  if (c >= 0xfe00 && c <= 0xfe0f) return `VARIATION SELECTOR-${c - 0xfe00 + 1}`
  if (c >= 0xe0100 && c <= 0xe01ef) return `VARIATION SELECTOR-${c - 0xe0100 + 17}`
  const ascii = c - 0xe0000
  if (ascii >= 0x41 && ascii <= 0x5a) return `TAG LATIN CAPITAL LETTER ${String.fromCharCode(ascii)}`
  if (ascii >= 0x61 && ascii <= 0x7a) return `TAG LATIN SMALL LETTER ${String.fromCharCode(ascii - 0x20)}`
  const digits = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE']
  if (ascii >= 0x30 && ascii <= 0x39) return `TAG DIGIT ${digits[ascii - 0x30]}`
  return null
}

/** Names of the C0 and C1 control characters messages mention most (the rest are named by code point only). */
const CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
}

/**
 * A character as messages name it: code point and, when known, its Unicode name.
 *
 * @example nameChar('\u202e') // 'U+202E RIGHT-TO-LEFT OVERRIDE'
 */
export function nameChar(ch: string): string {
  const c = ch.codePointAt(0) ?? 0
  const name = FORMAT_NAMES[c] ?? CONTROL_NAMES[c] ?? patternName(c) ?? (c >= 0x80 && c <= 0x9f ? 'C1 CONTROL' : c < 0x20 ? 'C0 CONTROL' : null)
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}${name ? ` ${name}` : ''}`
}

/**
 * Offset of the first character operator input may not hold, or -1: a control character (C0 other than tab and
 * the LF/CRLF line ending, DEL, C1) or an invisible character (FORMAT_CHAR: every format character, every default
 * ignorable code point, the Braille blank, U+2028/U+2029). One rule for every operator field: drafts (YAML, JSON, HTTP), directory
 * names, user names, release principals.
 *
 * @example firstForbiddenChar('PLAN \u202eTXT') // 5
 */
export function firstForbiddenChar(text: string): number {
  const control = firstControlChar(text)
  const format = FORMAT_CHAR.exec(text)
  if (!format) return control
  return control === -1 ? format.index : Math.min(control, format.index)
}

/** A character operator input may not hold: what it is (`control character U+001B ESCAPE`) and where. */
export interface ForbiddenChar {
  what: string
  offset: number
  /** 1-based line and column (in UTF-16 code units) of the character within the text. */
  line: number
  column: number
}

/**
 * The first character operator input may not hold (see firstForbiddenChar), named and placed, or null.
 *
 * @example forbiddenChar('A\u202eB') // { what: 'invisible format character U+202E RIGHT-TO-LEFT OVERRIDE', offset: 1, line: 1, column: 2 }
 */
export function forbiddenChar(text: string): ForbiddenChar | null {
  const at = firstForbiddenChar(text)
  if (at === -1) return null
  const before = text.slice(0, at)
  // the whole code point: a TAG character or a supplementary variation selector is two UTF-16 units
  const ch = String.fromCodePoint(text.codePointAt(at) ?? 0)
  const kind = FORMAT_CHAR.test(ch) ? 'invisible format character' : 'control character'
  return { what: `${kind} ${nameChar(ch)}`, offset: at, line: before.split('\n').length, column: at - before.lastIndexOf('\n') }
}

/**
 * Why an operator's text is refused, naming the character and its place, or null.
 *
 * @example forbiddenCharProblem('A\u202eB') // 'invisible format character U+202E RIGHT-TO-LEFT OVERRIDE at line 1, column 2 is not allowed'
 */
export function forbiddenCharProblem(text: string): string | null {
  const f = forbiddenChar(text)
  return f ? `${f.what} at line ${f.line}, column ${f.column} is not allowed` : null
}
