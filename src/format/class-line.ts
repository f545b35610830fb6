import { captionsBeforeOrigin, leadingCaptions } from './captions.js'
import { CLASS_LINE, CLASS_WORD_ONLY } from './classification.js'

/**
 * How far a class line goes (spec §5.2): the class word, `SECTION nn OF mm`, caption words before the origin
 * (`S E C R E T NODIS QUORIN 000611`), the MRN origin (at most `MAX_ORIGIN_WORDS` words: `RIO DE JANEIRO`,
 * `BANDAR SERI BEGAWAN`), its serial, and caption words or a section after the serial (`STATE 123456 NODIS`).
 * Pure.
 */

/** The longest station name written on a class line has four words (`PORT OF SPAIN`, `BANDAR SERI BEGAWAN`). */
const MAX_ORIGIN_WORDS = 4

/**
 * The length of the class-line statement a line opens with: the whole line when all of it is class-line syntax,
 * the class word (and section) alone when what stands where the origin goes is longer than a station name, the
 * statement up to the first word after the serial that is no caption or section. 0 when the line is no class
 * line. A releasable rendering shows that much and judges the rest as portion text.
 *
 * @example
 *   classLineLength('S E C R E T QUORIN 000611')                 // the whole line
 *   classLineLength('SECRET STATE 123456 NODIS THE PLAN WAS')    // up to and with 'NODIS'
 */
export function classLineLength(line: string): number {
  const text = line.replace(/\r?\n$/, '')
  if (CLASS_WORD_ONLY.test(text)) return line.length
  const m = CLASS_LINE.exec(text)
  if (!m) return 0
  const originWords = m[5].slice(captionsBeforeOrigin(m[5]).originStart).trim().split(/\s+/)
  const tailAt = text.length - m[7].length
  if (originWords.length > MAX_ORIGIN_WORDS) {
    // the class word and section: where the origin starts
    const classEnd = m[1].length + m[2].length
    const section = /^\s+SECTION\s+\d{1,2}\s+OF\s+\d{1,2}/i.exec(text.slice(classEnd))
    return classEnd + (section ? section[0].length : 0)
  }
  let at = tailAt
  for (;;) {
    const rest = text.slice(at)
    const section = /^[\s.,;:/]*SECTION\s+\d{1,2}\s+OF\s+\d{1,2}\b/i.exec(rest)
    if (section) {
      at += section[0].length
      continue
    }
    const caps = leadingCaptions(rest)
    if (!caps.length) break
    at += caps[caps.length - 1].end
  }
  return isLineEnd(text.slice(at)) ? line.length : at
}

/** Nothing but blanks, or blanks and the backslash of a cables.csv line continuation (spec §10): the line ends here. */
export const isLineEnd = (rest: string): boolean => /^\s*\\?\s*$/.test(rest)
