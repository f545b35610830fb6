import type { Access } from '../store/store.js'
import { markingParts } from '../format/marking.js'
import { classValue, KNOWN_CAVEATS } from './query/field-values.js'

/**
 * The reader's access from command-line words: `--clearance SECRET --caveats NOFORN,EXDIS`. No clearance
 * means archive mode (everything visible). Throws `RangeError` naming the bad word.
 *
 * @example
 *   readerAccess('CONFIDENTIAL', 'NOFORN') // { level: 2, caveats: ['NOFORN'] }
 */
export function readerAccess(clearance: string | undefined, caveats: string | undefined): Access | undefined {
  return accessOf(clearance, caveats, (level, held) => `--clearance takes a level alone: pass the caveats with --caveats (--clearance ${JSON.stringify(level)} --caveats ${held.join(',')})`)
}

/**
 * `readerAccess` with the advice for a clearance written with its caveats (`SECRET//NOFORN`): a level alone is a
 * clearance, so the caveats must go where the caller takes them (`--caveats`, or `LEVEL,CAVEAT` for a spec).
 */
function accessOf(clearance: string | undefined, caveats: string | undefined, withCaveats: (level: string, caveats: string[]) => string): Access | undefined {
  if (clearance === undefined) {
    if (caveats !== undefined) throw new RangeError('--caveats needs --clearance')
    return undefined
  }
  // a marking with caveats (`SECRET//NOFORN`, `S/NF`), read by the one marking parser
  const marking = markingParts(clearance)
  if (marking && marking.level !== null && marking.caveats.length) {
    const held = [...marking.caveats]
    throw new RangeError(`clearance "${clearance}" names the caveat${held.length > 1 ? 's' : ''} ${held.join(', ')}: ${withCaveats(marking.level, held)}`)
  }
  const level = classValue(clearance)
  if (
    !level ||
    // Stryker disable next-line ConditionalExpression: classValue gives no level only with a caveat, which the next test refuses; this one narrows the type
    level.level === null ||
    level.caveats.length
  ) {
    throw new RangeError(`unknown clearance "${clearance}": use UNCLASSIFIED, SBU, CONFIDENTIAL, SECRET or TOP SECRET`)
  }
  const held = caveats === undefined || caveats.trim() === '' ? [] : caveats.split(',').map((c) => c.trim().toUpperCase())
  held.forEach((c, i) => {
    if (c === '') throw new RangeError(`caveat ${i + 1} of "${caveats}" is empty: name caveats separated by single commas`)
    if (!(KNOWN_CAVEATS as readonly string[]).includes(c)) throw new RangeError(`unknown caveat "${c}": known are ${KNOWN_CAVEATS.join(', ')}`)
  })
  return { level: level.level, caveats: [...new Set(held)] }
}

/**
 * A clearance written as one word list, `LEVEL[,CAVEAT…]` (`SECRET,NOFORN`): what `redact --for` and the
 * HTTP redaction route take. Throws `RangeError` naming the bad part, empty parts included.
 *
 * @example
 *   clearanceSpec('SECRET,NOFORN') // { level: 3, caveats: ['NOFORN'] }
 */
export function clearanceSpec(spec: string): Access {
  const parts = spec.split(',').map((w) => w.trim())
  if (!parts[0]) throw new RangeError(`"${spec}" names no level: write LEVEL[,CAVEAT…], e.g. SECRET,NOFORN`)
  const empty = parts.indexOf('', 1)
  if (empty !== -1) throw new RangeError(`part ${empty + 1} of "${spec}" is empty: write LEVEL[,CAVEAT…] with single commas`)
  const [level, ...caveats] = parts
  return accessOf(level, caveats.length ? caveats.join(',') : undefined, (name, held) => `write LEVEL[,CAVEAT…] (${[name, ...held, ...caveats].join(',')})`)!
}
