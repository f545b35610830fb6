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
 * A run of characters other than controls (the complement of CONTROL's class, with \r allowed): matched from a
 * given offset, it stops at the next control character. A greedy run of one class is a single tight loop in
 * V8's regex code, nearly twice as fast as searching for the class (which restarts the match at each offset).
 */
const NOT_CONTROL_RUN = /[\t\n\r\x20-\x7E\xA0-\uFFFF]*/y

/** Every offset of a control character in a text (tab, LF and CRLF allowed). */
export function controlCharOffsets(text: string): number[] {
  const out: number[] = []
  if (text.includes('\r')) {
    // a lone CR counts too: the lookahead pattern (rarely needed, and slower) handles it
    CONTROL.lastIndex = 0
    for (let m = CONTROL.exec(text); m; m = CONTROL.exec(text)) out.push(m.index)
    return out
  }
  for (let at = 0; ; at++) {
    NOT_CONTROL_RUN.lastIndex = at
    NOT_CONTROL_RUN.test(text) // always matches (possibly empty): lastIndex is where the run stops
    at = NOT_CONTROL_RUN.lastIndex
    if (at >= text.length) return out
    out.push(at)
  }
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
 * Invisible format characters that change how a text is shown without being seen: bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069; `‮` makes `txt.exe` look like `exe.txt`), the
 * directional and zero-width marks (U+200B–U+200F, U+061C), word joiners and invisible operators (U+2060–U+2064),
 * the line and paragraph separators (U+2028, U+2029: line breaks to some readers, not to the parser), the
 * byte-order mark used as a zero-width no-break space (U+FEFF) and the soft hyphen (U+00AD). A telegram's text
 * is what its reader sees: none of these has a place in operator input.
 */
const FORMAT_NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
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
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)',
}

const FORMAT_CHAR = /[\u00AD\u061C\u180E\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/

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
  const name = FORMAT_NAMES[c] ?? CONTROL_NAMES[c] ?? (c >= 0x80 && c <= 0x9f ? 'C1 CONTROL' : c < 0x20 ? 'C0 CONTROL' : null)
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}${name ? ` ${name}` : ''}`
}

/**
 * Offset of the first character operator input may not hold, or -1: a control character (C0 other than tab and
 * the LF/CRLF line ending, DEL, C1) or an invisible format character (bidi overrides and isolates, zero-width
 * characters, U+2028/U+2029, U+FEFF). One rule for every operator field: drafts (YAML, JSON, HTTP), directory
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
  const kind = FORMAT_CHAR.test(text[at]) ? 'invisible format character' : 'control character'
  return { what: `${kind} ${nameChar(text[at])}`, offset: at, line: before.split('\n').length, column: at - before.lastIndexOf('\n') }
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
