import { codeAt, isSpaceCode } from './char-codes.js'

/**
 * Page and section headers inside the text (spec §5.3); the parser removes them from fields and keeps
 * them in the body for the round trip.
 *   STATE 00099704  002 OF 002        (SMART era: origin, 8-digit serial, section[.page] OF total)
 *   PAGE 02        HARARE  03759  01 OF 03  111533Z   (legacy)
 */
export const SMART_PAGE_HEADER = /^\s*([A-Z][A-Z .'-]{1,30}?)\s+(\d{8})\s+(\d{3})(?:\.(\d{1,2}))?\s+OF\s+(\d{3})\s*$/
/**
 * A legacy page header and nothing after it (spec §5.3, family 2): `PAGE 02 HARARE 05461 01 OF 02 271458Z`,
 * `PAGE 02 STATE 015113 182333Z`. `LEGACY_PAGE_HEADER` finds such a header in a line that may carry more (the
 * parser keeps the line as a page break); this one says the line is nothing else, so a rendering that shows a
 * page header as it stands shows no text the page break fell into.
 */
export const EXACT_PAGE_HEADER = /^\s*PAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]*?\s+\d{3,6}(?:\s+\d{1,2}\s+OF\s+\d{1,2})?(?:\s+\d{6}Z)?\s*$/
export const LEGACY_PAGE_HEADER = /^\s*PAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]*?\s+\d{3,6}\b.*$/

export function isPageHeader(text: string): boolean {
  return isPageHeaderLine(text, firstNonSpace(text))
}

/**
 * isPageHeader for a line whose first non-space character (`firstNonSpace`) the caller has already, and its length
 * when the caller knows it (the parser has it from the line's offsets: a `length` lookup on the line strings is
 * megamorphic, see codeAt, and this runs on every line of every cable).
 */
export function isPageHeaderLine(text: string, first: number, length: number = text.length): boolean {
  // cheap screens first: this runs on every line of every cable
  if (length > 90) return false
  if (first === 80 /* P */ && LEGACY_PAGE_HEADER.test(text)) return true
  // a SMART header ends with its total (digits, then only white space): most text lines fail here at once
  return first >= 65 && first <= 90 && endsWithDigit(text, length) && text.includes(' OF ') && SMART_PAGE_HEADER.test(text)
}

/**
 * The last character other than white space (as `\s` reads it) of a text of `length` characters is a digit. Runs on
 * most lines of every cable: a char-code test (isSpaceCode is `\s` exactly) instead of a one-character string and a
 * regex call per character.
 */
function endsWithDigit(text: string, length: number): boolean {
  let i = length - 1
  while (i >= 0 && isSpaceCode(codeAt(text, i))) i--
  if (i < 0) return false
  const c = codeAt(text, i)
  return c >= 48 && c <= 57
}

/** Char code of the first non-space character of a line, -1 for a blank line. */
export function firstNonSpace(text: string): number {
  // codeAt, and no length lookup (both are megamorphic on the lines, see codeAt): past the end codeAt is NaN
  for (let i = 0; ; i++) {
    const c = codeAt(text, i)
    if (c !== 32 && c !== 9) return c === c ? c : -1
  }
}

/** Total sections named by a SMART page header, null for other lines. */
export function pageHeaderTotal(text: string): number | null {
  const m = SMART_PAGE_HEADER.exec(text)
  return m ? Number(m[5]) : null
}
