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

// A private field stamped onto the cable rather than a WeakMap or a property: a WeakMap entry per parsed cable made
// parsing a quarter slower (every entry is an ephemeron the garbage collector must trace), and a non-enumerable
// symbol property (Object.defineProperty) cost a runtime call of a few hundred nanoseconds per cable. A private
// field is added like any property, and is invisible to JSON, object spread, `Object.keys`, `Reflect.ownKeys`,
// structuredClone and deep equality. The base class returns the object it is given, so the field lands on it.
class ReturnsItsArgument {
  constructor(target: object) {
    return target
  }
}

class ParsedStamp extends ReturnsItsArgument {
  #parsed: Parsed

  private constructor(cable: Cable, value: Parsed) {
    super(cable)
    this.#parsed = value
  }

  /** Stamps the cable, or replaces its stamp (a field can be added once per object). */
  static set(cable: Cable, value: Parsed): void {
    if (#parsed in cable) (cable as unknown as ParsedStamp).#parsed = value
    else new ParsedStamp(cable, value)
  }

  static get(cable: Cable): Parsed | undefined {
    return #parsed in cable ? (cable as unknown as ParsedStamp).#parsed : undefined
  }
}

/** Called by the parser for each cable it returns. */
export function rememberParsedText(cable: Cable, text: string, lineStarts: readonly number[]): void {
  ParsedStamp.set(cable, { segments: cable.segments, text, lineStarts })
}

function parsed(cable: Cable): Parsed | undefined {
  const p = ParsedStamp.get(cable)
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
