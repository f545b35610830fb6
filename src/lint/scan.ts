/**
 * Hand-written scans that return exactly what a regex over the whole text would, where the regex has no literal
 * for the engine to search for and so steps through every character of every cable. Each says which regex it
 * stands for; test/lint/scan.test.ts checks them against it on generated texts.
 */
import { isDigitCode, isSpaceCode, isWordCode } from '../format/char-codes.js'

const OF = /OF/g

/**
 * The section numbers of SMART page headers anywhere in `text`, as
 *   new Set([...text.matchAll(/\b\d{8}\s+(\d{3})(?:\.\d+)?\s+OF\s+\d{3}\b/g)].map((m) => Number(m[1])))
 * would give them. The engine finds the literal `OF` by skipping; each one is then read outwards. Two such
 * headers can never overlap (each starts on a run of exactly eight digits, which no other part of one can hold),
 * so every place the pattern matches is a match of the global scan.
 */
export function pageHeaderSections(text: string): Set<number> {
  const seen = new Set<number>()
  const n = text.length
  OF.lastIndex = 0
  for (let m = OF.exec(text); m !== null; m = OF.exec(text)) {
    const q = m.index
    // after OF: \s+\d{3}\b
    let j = q + 2
    if (j >= n || !isSpaceCode(text.charCodeAt(j))) continue
    while (j < n && isSpaceCode(text.charCodeAt(j))) j++
    if (j + 3 > n || !isDigitCode(text.charCodeAt(j)) || !isDigitCode(text.charCodeAt(j + 1)) || !isDigitCode(text.charCodeAt(j + 2))) continue
    if (j + 3 < n && isWordCode(text.charCodeAt(j + 3))) continue
    // before OF: \d{3}(?:\.\d+)?\s+
    let i = q - 1
    if (i < 0 || !isSpaceCode(text.charCodeAt(i))) continue
    while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--
    if (i < 0 || !isDigitCode(text.charCodeAt(i))) continue
    let r = i
    while (r > 0 && isDigitCode(text.charCodeAt(r - 1))) r--
    // the serial group: three digits either directly before the white space or before `.digits`
    let s3: number
    if (r > 0 && text.charCodeAt(r - 1) === 46) {
      s3 = r - 4
      if (s3 < 0 || !isDigitCode(text.charCodeAt(s3)) || !isDigitCode(text.charCodeAt(s3 + 1)) || !isDigitCode(text.charCodeAt(s3 + 2))) continue
    } else {
      if (i - r !== 2) continue
      s3 = r
    }
    // \b\d{8}\s+ before it
    let k = s3 - 1
    if (k < 0 || !isSpaceCode(text.charCodeAt(k))) continue
    while (k >= 0 && isSpaceCode(text.charCodeAt(k))) k--
    const d8 = k - 7
    if (d8 < 0) continue
    let digits = true
    for (let x = d8; x <= k && digits; x++) digits = isDigitCode(text.charCodeAt(x))
    if (!digits || (d8 > 0 && isWordCode(text.charCodeAt(d8 - 1)))) continue
    seen.add((text.charCodeAt(s3) - 48) * 100 + (text.charCodeAt(s3 + 1) - 48) * 10 + (text.charCodeAt(s3 + 2) - 48))
  }
  return seen
}
