import type { Cable } from '../format/model.js'
import { LEVEL_RANK, classificationLabel, type Level } from '../format/classification.js'
import { filedAccess } from './redact.js'
import { statedAccess, UNKNOWN_LEVEL_RANK, UNREADABLE_MARKING_LABEL, type CableAccess } from './stated-access.js'

export { UNKNOWN_LEVEL_RANK, UNREADABLE_MARKING_LABEL, statedAccess, type CableAccess } from './stated-access.js'

/**
 * Who may read a cable whole: what its header and parsed marks state (`statedAccess`: class line, container,
 * captions, subject and paragraph marks), raised by every portion the releasable rendering reads (`filedAccess`:
 * marks opening sub-items and blocks, marks inside a portion's text, marks in text folded into header lines, a
 * mark the rendering cannot read). A cable is never under its portions (spec §7 rules 1 and 4): a reader it admits
 * is withheld nothing by `cable redact`, and a portion the rendering withholds from everyone as TOP SECRET (a mark
 * nobody can read, `(SNF)`, `(Q)`, `(S//ZZ)`) files the whole cable as TOP SECRET (marking not understood), so
 * `show`, `search` and the rendering never give one reader two answers (docs/research.md, "Releasable rendering").
 *
 * @example
 *   cableAccess(parseCable(text)) // { level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' }
 */
export function cableAccess(cable: Cable, statedElsewhere: string | null = null): CableAccess {
  const stated = statedAccess(cable, statedElsewhere)
  const text = cable.segments.map((s) => s.raw).join('')
  const read = filedAccess(cable, text, stated)
  // a marking nobody can read may name any level: only the highest clearance reads the cable
  if (read.unreadable || stated.classification === UNREADABLE_MARKING_LABEL) return { level: UNKNOWN_LEVEL_RANK, caveats: read.caveats, classification: UNREADABLE_MARKING_LABEL }
  // nothing states the overall level: the portions only raise what is stated, so the cable stays unlabelled
  if (stated.classification === null) return { level: stated.level, caveats: read.caveats, classification: null }
  const level = (Object.keys(LEVEL_RANK) as Level[]).find((l) => LEVEL_RANK[l] === read.level)!
  return { level: read.level, caveats: read.caveats, classification: classificationLabel(level, read.caveats) }
}
