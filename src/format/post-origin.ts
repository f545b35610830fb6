import { POST_PLADS } from './data/posts.js'

const BY_KEY = new Map<string, string>()
for (const plad of POST_PLADS) {
  const m = /^(\S+)\s+(.*)$/.exec(plad)
  if (m) BY_KEY.set(m[2].replace(/[^A-Z]/g, ''), m[1])
}

/**
 * The FM address a post signs with, from the origin of its MRN (`SAO PAULO` → `AMCONSUL SAO PAULO`), for
 * records that lost their FM line. The MRN origin is the originating post by definition (spec §6.1).
 */
export function originFromMrn(mrnOrigin: string): string | null {
  const name = mrnOrigin.toUpperCase().replace(/\s+/g, ' ').trim()
  const key = name.replace(/[^A-Z]/g, '')
  if (key === 'STATE') return 'SECSTATE WASHDC'
  let type = BY_KEY.get(key)
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
