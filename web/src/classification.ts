import { type Level } from '../../src/format/classification.js'
import { markingParts } from '../../src/format/marking.js'
import { screenClassification } from '../../src/format/screen-classification.js'

/**
 * What the classification banner says: the format core's `screenClassification` of everything on screen (the
 * highest level, every caveat, written as the archive writes its labels). Fails closed: a marking the core does
 * not recognise makes the banner say so.
 */
export interface Banner {
  text: string
  /** CSS class for the banner colour: `u`, `sbu`, `c`, `s`, `ts`, or `unknown`. */
  tone: string
}

/** The parts of a publisher classification (`SECRET//NOFORN`), null when it is not one the format core can read. */
export function readClassification(value: string | null): { level: Level; caveats: string[] } | null {
  const read = screenClassification([value])
  return read && { level: read.level, caveats: read.caveats }
}

/** CSS tone of a level. */
export function toneOf(level: Level | null): string {
  switch (level) {
    case 'TOP SECRET':
      return 'ts'
    case 'SECRET':
      return 's'
    case 'CONFIDENTIAL':
      return 'c'
    case 'SBU':
      return 'sbu'
    case 'UNCLASSIFIED':
      return 'u'
    default:
      return 'unknown'
  }
}

/** Tone of a portion mark as written (`S//NF` → s), `unknown` for a mark the parser cannot read. */
export function portionTone(mark: string | null): string {
  if (!mark) return 'unmarked'
  return toneOf(markingParts(mark)?.level ?? null)
}

/**
 * The banner for a set of classifications on screen. Nothing on screen → UNCLASSIFIED (the chrome itself);
 * any unreadable marking → "CLASSIFICATION UNKNOWN", since the screen may hold anything.
 */
export function bannerFor(classifications: (string | null)[]): Banner {
  const read = screenClassification(classifications)
  if (!read) return { text: 'CLASSIFICATION UNKNOWN — HANDLE AS CLASSIFIED', tone: 'unknown' }
  return { text: read.label, tone: toneOf(read.level) }
}
