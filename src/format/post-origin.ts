import { POST_PLADS } from './data/posts.js'
import { originRepairOf } from './ids.js'

const BY_KEY = new Map<string, string>()
/** The PLAD of each post by the origin its ids spell (`SAOPAULO` → `AMCONSUL SAO PAULO`). */
const PLAD_BY_KEY = new Map<string, string>()
for (const plad of POST_PLADS) {
  const m = /^(\S+)\s+(.*)$/.exec(plad)
  if (!m) continue
  const k = m[2].replace(/[^A-Z]/g, '')
  BY_KEY.set(k, m[1])
  if (!PLAD_BY_KEY.has(k)) PLAD_BY_KEY.set(k, plad)
}

/**
 * The FM address a post signs with, from the origin of its MRN (`SAO PAULO` → `AMCONSUL SAO PAULO`), for
 * records that lost their FM line. The MRN origin is the originating post by definition (spec §6.1); one the
 * directory repairs (`KINSHA` → `AMEMBASSY KINSHASA`, `BISHIEK` → `AMEMBASSY BISHKEK`) is the repaired post's.
 * An origin spelled as ids spell it (`NEWDELHI`, `RIODEJANEIRO`) is the post's PLAD as the directory writes it
 * (`AMEMBASSY NEW DELHI`, `AMCONSUL RIO DE JANEIRO`); null for a place the directory does not know.
 */
export function originFromMrn(mrnOrigin: string): string | null {
  const name = mrnOrigin.toUpperCase().replace(/\s+/g, ' ').trim()
  const key = name.replace(/[^A-Z]/g, '')
  if (key === 'STATE') return 'SECSTATE WASHDC'
  let type = BY_KEY.get(key)
  // an origin in the id's spelling, without its blanks (`NEWDELHI` of `79NEWDELHI1234`, a NARA document number's
  // station): the post's PLAD as the directory writes it (`AMEMBASSY NEW DELHI`), so the originator reads, facets
  // and exports as the FM line of the same post's other cables does; an origin written with blanks keeps them
  if (type && !name.includes(' ')) return PLAD_BY_KEY.get(key) ?? `${type} ${name}`
  if (!type) {
    // a misspelled or cut-short origin (NARA's KINSHA, a text's BISHIEK) is the station the directory repairs it
    // to, as its id is: never a post named by the raw spelling
    const repair = originRepairOf(key)
    const plad = repair.kind === 'repaired' || repair.kind === 'known' ? PLAD_BY_KEY.get(repair.origin) : undefined
    if (plad) return plad
  }
  if (!type) {
    for (const [k, t] of BY_KEY) {
      if (k.startsWith(key) && key.length >= 4) {
        type = t
        break
      }
    }
  }
  return type ? `${type} ${name}` : null
}
