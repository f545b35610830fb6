import type { Access } from '../store/store.js'
import { classValue, KNOWN_CAVEATS } from './query/field-values.js'

/**
 * The reader's access from command-line words: `--clearance SECRET --caveats NOFORN,EXDIS`. No clearance
 * means archive mode (everything visible). Throws `RangeError` naming the bad word.
 *
 * @example
 *   readerAccess('CONFIDENTIAL', 'NOFORN') // { level: 2, caveats: ['NOFORN'] }
 */
export function readerAccess(clearance: string | undefined, caveats: string | undefined): Access | undefined {
  if (clearance === undefined) {
    if (caveats !== undefined) throw new RangeError('--caveats needs --clearance')
    return undefined
  }
  const level = classValue(clearance)
  if (!level || level.level === null || level.caveats.length) {
    throw new RangeError(`unknown clearance "${clearance}": use UNCLASSIFIED, SBU, CONFIDENTIAL, SECRET or TOP SECRET`)
  }
  const held = (caveats ?? '').split(',').map((c) => c.trim().toUpperCase()).filter(Boolean)
  for (const c of held) {
    if (!(KNOWN_CAVEATS as readonly string[]).includes(c)) throw new RangeError(`unknown caveat "${c}": known are ${KNOWN_CAVEATS.join(', ')}`)
  }
  return { level: level.level, caveats: held }
}
