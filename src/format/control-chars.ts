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

/** Every offset of a control character in a text (tab, LF and CRLF allowed). */
export function controlCharOffsets(text: string): number[] {
  const out: number[] = []
  CONTROL.lastIndex = 0
  for (let m = CONTROL.exec(text); m; m = CONTROL.exec(text)) out.push(m.index)
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
