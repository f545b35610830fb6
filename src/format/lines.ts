import type { Cable } from './model.js'

/** One physical line of the input: `text` without its terminator, `start`/`end` offsets of the text. */
export interface Line {
  text: string
  start: number
  end: number
  /** Offset just after the terminator (`\n`, `\r\n` or a lone `\r`), equal to `end` on the last line. */
  next: number
  blank: boolean
}

/**
 * Splits text into lines, keeping offsets; `\r\n`, `\n` and a lone `\r` (old Mac files, some archive exports)
 * each end a line, in any mix. `starts`, when given, receives the start offset of every line (a line index needs
 * them: one pass instead of a second one over the lines). `mayHaveLoneCR: false` from a caller that knows the text
 * has none (the parser, which reads `lineFeedsOnly` text) spares the search for one.
 *
 * @example
 *   splitLines('A\rB\r\nC\n').map((l) => l.text) // ['A', 'B', 'C', '']
 */
export function splitLines(text: string, starts?: number[], mayHaveLoneCR = true): Line[] {
  if (!mayHaveLoneCR) return splitAtLineFeeds(text, starts)
  // nearly every text has no lone CR: one search for a CR decides, and such texts keep the \n-only loop
  const cr = text.indexOf('\r')
  if (cr === -1 || !hasLoneCR(text, cr)) return splitAtLineFeeds(text, starts)
  const lines: Line[] = []
  let start = 0
  while (start <= text.length) {
    starts?.push(start)
    const stop = lineEndAt(text, start)
    const next = stop === text.length ? stop : text.charCodeAt(stop) === 13 && text.charCodeAt(stop + 1) === 10 ? stop + 2 : stop + 1
    lines.push({ text: text.slice(start, stop), start, end: stop, next, blank: isBlankRange(text, start, stop) })
    if (stop === text.length) break
    start = next
  }
  return lines
}

/** Lines of a text whose only line ends are `\n` and `\r\n`. */
function splitAtLineFeeds(text: string, starts?: number[]): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start <= text.length) {
    starts?.push(start)
    const nl = text.indexOf('\n', start)
    const stop = nl === -1 ? text.length : nl
    const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop
    lines.push({ text: text.slice(start, end), start, end, next: nl === -1 ? stop : nl + 1, blank: isBlankRange(text, start, end) })
    if (nl === -1) break
    start = nl + 1
  }
  return lines
}

/** Offset of the first line end (`\n` or `\r`) at or after `from`, or the text's length. */
function lineEndAt(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || c === 13) return i
  }
  return text.length
}

/** Whether a CR at or after `from` (the first CR of the text) is not followed by a LF. */
function hasLoneCR(text: string, from: number): boolean {
  for (let i = from; i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true
  return false
}

/**
 * The text with every lone CR (one not followed by LF) replaced by LF: the same length, so every offset into it is
 * an offset into `text`, and every line starts where it starts in `text`. Readers written for `\n` and `\r\n`
 * read a CR-only or mixed text through it; the text itself (evidence, kept byte for byte) is never changed.
 * Returns `text` itself when it holds no lone CR.
 *
 * @example lineFeedsOnly('A\rB\r\nC') // 'A\nB\r\nC'
 */
export function lineFeedsOnly(text: string): string {
  const cr = text.indexOf('\r')
  if (cr === -1 || !hasLoneCR(text, cr)) return text
  return text.replace(LONE_CR, '\n')
}

const LONE_CR = /\r(?!\n)/g

/**
 * A cable and the text its segments tile, as readers written for LF and CRLF line ends take them: when the text
 * ends a line with a lone CR, a shallow copy of the cable whose segments are cut at the same offsets from
 * `lineFeedsOnly(text)`, and that text; else the cable and text themselves. Offsets and spans hold for both.
 *
 * @example
 *   const { cable: c, text: t } = withLineFeeds(parseCable('UNCLAS\rTEXT\r'), 'UNCLAS\rTEXT\r')
 *   t // 'UNCLAS\nTEXT\n'; c.segments[0].raw ends with '\n'
 */
export function withLineFeeds(cable: Cable, text: string): { cable: Cable; text: string } {
  const lf = lineFeedsOnly(text)
  if (lf === text) return { cable, text }
  let at = 0
  const segments = cable.segments.map((s) => {
    const raw = lf.slice(at, at + s.raw.length)
    at += s.raw.length
    return { ...s, raw }
  })
  return { cable: { ...cable, segments }, text: lf }
}

/**
 * Whether `text` holds only spaces, tabs and no-break spaces from `start` to `end`. Read in the text rather than in
 * the line's slice: the slices are strings of several representations, on which V8's character loads go through a
 * megamorphic lookup (see codeAt), while the texts are of one or two.
 */
function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 160) return false
  }
  return true
}

/**
 * Runs of white space other than a lone space: what `replace(/\s+/g, ' ')` would change. Matching only
 * these leaves the single spaces between words alone, which makes the replace several times faster.
 */
const EXTRA_SPACE = / \s+|[^\S ]\s*/g

/** Collapses runs of white space to one space; same result as `s.replace(/\s+/g, ' ')`. */
export function collapseSpace(s: string): string {
  return s.replace(EXTRA_SPACE, ' ')
}

/** Collapses runs of white space to one space and trims. */
export function squash(s: string): string {
  return collapseSpace(s).trim()
}
