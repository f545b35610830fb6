/**
 * Character classes of JavaScript regular expressions (without the `u` flag) as tests on UTF-16 code units,
 * for hand-written scans that must find exactly what a regex would: `\s`, `\w`, `\d`, and the case folding of
 * an `i` pattern. src/format/char-codes.test.ts checks them against the regex classes on every code unit.
 */

const stringCharCodeAt = String.prototype.charCodeAt

/**
 * `s.charCodeAt(i)` for the loops that run over every line. A line is a string of one of several representations in
 * V8 (a slice of a one- or two-byte text, a short line copied, the interned empty string), and a `charCodeAt` lookup
 * that meets more than four of them turns megamorphic: each call then goes through a generic property lookup instead
 * of the inlined character load, about twice the cost of a short scan. Calling the method itself needs no lookup.
 */
export function codeAt(s: string, i: number): number {
  return stringCharCodeAt.call(s, i)
}

const stringIncludes = String.prototype.includes
const stringTrim = String.prototype.trim

/** `s.includes(part)` through the method itself, for the loops over lines: the method lookup on a line is megamorphic (see codeAt). */
export function includesText(s: string, part: string): boolean {
  return stringIncludes.call(s, part)
}

/** `s.trim()` through the method itself, for the loops over lines (see includesText). */
export function trimmed(s: string): string {
  return stringTrim.call(s)
}

/** `\s` */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 0xa0) return false
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}

/**
 * Char code of the first character of a line that `\s` does not match, -1 when there is none: what a pattern
 * opening with `^\s*` meets first, so a table of the characters its alternatives open with can rule it out.
 */
export function firstNonSpaceCode(t: string): number {
  // the length read once: a lookup on a line is megamorphic (see codeAt)
  const n = t.length
  for (let i = 0; i < n; i++) {
    const c = codeAt(t, i)
    if (!isSpaceCode(c)) return c
  }
  return -1
}

/**
 * `s !== s.toLowerCase()`: the text holds a letter with a lower case. ASCII text is read by char code, without the
 * lower-cased copy (toLowerCase of a short slice of a cable costs more than the scan, several times more for a
 * slice of a two-byte text); at the first character outside ASCII the copy decides, Unicode case mapping and all.
 */
export function hasUpperCase(s: string): boolean {
  const n = s.length
  for (let i = 0; i < n; i++) {
    const c = codeAt(s, i)
    if (c >= 128) return s !== s.toLowerCase()
    if (c >= 65 && c <= 90) return true
  }
  return false
}

/** `s !== s.toUpperCase()`: the text holds a letter with an upper case (`ß` too); as hasUpperCase. */
export function hasLowerCase(s: string): boolean {
  const n = s.length
  for (let i = 0; i < n; i++) {
    const c = codeAt(s, i)
    if (c >= 128) return s !== s.toUpperCase()
    if (c >= 97 && c <= 122) return true
  }
  return false
}

/** `\w` (without the `i` flag) */
export const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95

/** `\d` */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57

/**
 * The code lower-cased if it is an ASCII letter, else as it is: a non-Unicode `i` pattern of ASCII letters
 * equates exactly the codes this maps to the same value.
 */
export const foldAsciiCode = (c: number): number => (c >= 65 && c <= 90 ? c | 0x20 : c)
