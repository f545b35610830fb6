import { LEVEL_RANK, type Level } from '../../src/format/classification.js'
import { markingParts } from '../../src/format/marking.js'

/**
 * What the classification banner says: the highest level of everything on screen and the union of its
 * caveats. Built on the format core's own classification parser, so the banner reads markings exactly as
 * the archive does. Fails closed: a marking the parser does not recognise makes the banner say so.
 */
export interface Banner {
  text: string
  /** CSS class for the banner colour: `u`, `sbu`, `c`, `s`, `ts`, or `unknown`. */
  tone: string
}

const KNOWN_HEAD = /^(UNCLASSIFIED|UNCLAS|SBU|LIMITED OFFICIAL USE|CONFIDENTIAL|SECRET|TOP SECRET)\b/i

/** The parts of a publisher classification (`SECRET//NOFORN`), null when it is not one we can read. */
export function readClassification(value: string | null): { level: Level; caveats: string[] } | null {
  if (!value || !KNOWN_HEAD.test(value.trim())) return null
  const parts = markingParts(value.trim())
  return parts && parts.level ? { level: parts.level, caveats: parts.caveats } : null
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
  let level: Level = 'UNCLASSIFIED'
  const caveats = new Set<string>()
  for (const c of classifications) {
    const parts = readClassification(c)
    if (!parts) return { text: 'CLASSIFICATION UNKNOWN — HANDLE AS CLASSIFIED', tone: 'unknown' }
    if (LEVEL_RANK[parts.level] > LEVEL_RANK[level]) level = parts.level
    for (const v of parts.caveats) caveats.add(v)
  }
  const head = level === 'SBU' ? 'SENSITIVE BUT UNCLASSIFIED' : level
  return { text: [head, ...[...caveats].sort()].join('//'), tone: toneOf(level) }
}
