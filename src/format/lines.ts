/** One physical line of the input: `text` without its terminator, `start`/`end` offsets of the text. */
export interface Line {
  text: string
  start: number
  end: number
  /** Offset just after the terminator (`\n` or `\r\n`), equal to `end` on the last line. */
  next: number
  blank: boolean
}

/**
 * Splits text into lines, keeping offsets; `\r\n` and `\n` both end a line. `starts`, when given, receives the
 * start offset of every line (a line index needs them: one pass instead of a second one over the lines).
 */
export function splitLines(text: string, starts?: number[]): Line[] {
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
