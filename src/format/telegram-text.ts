import type { Cable, Segment } from './model.js'

/**
 * The telegram text a parsed cable's segments tile (for an HTML page or a CSV row: the unwrapped text), and
 * the offsets of its lines, as the parser had them. Consumers that work on the text (lint, its statistics and
 * fixes) would otherwise join the segments again and rescan every newline; a cable read from JSON, or one
 * whose segments were replaced since parsing, gets its text joined from the segments as before.
 */
interface Parsed {
  segments: Segment[]
  text: string
  lineStarts: readonly number[]
}

// A non-enumerable symbol property rather than a WeakMap: a WeakMap entry per parsed cable made parsing
// a quarter slower (every entry is an ephemeron the garbage collector must trace). The property is invisible
// to JSON, object spread, `Object.keys` and deep equality.
const PARSED = Symbol('parsed telegram text')

/** Called by the parser for each cable it returns. */
export function rememberParsedText(cable: Cable, text: string, lineStarts: readonly number[]): void {
  const value: Parsed = { segments: cable.segments, text, lineStarts }
  Object.defineProperty(cable, PARSED, { value, enumerable: false, writable: false, configurable: true })
}

function parsed(cable: Cable): Parsed | undefined {
  const p = (cable as Cable & { [PARSED]?: Parsed })[PARSED]
  return p !== undefined && p.segments === cable.segments ? p : undefined
}

/**
 * The text the cable's segments tile, byte for byte.
 *
 * @example
 *   telegramText(parseCable(text)) === text // for telegram text (not a container)
 */
export function telegramText(cable: Cable): string {
  const p = parsed(cable)
  if (p) return p.text
  let out = ''
  for (const s of cable.segments) out += s.raw
  return out
}

/**
 * Start offset of every line of `telegramText(cable)`, with one more equal to the text's length when it ends
 * with a line break (the empty line after it); null when the parser's table is not at hand.
 */
export function parsedLineStarts(cable: Cable): readonly number[] | null {
  return parsed(cable)?.lineStarts ?? null
}
