import type { Post } from './types.js'

/** Station-name prefixes that name a State post able to send and receive cables, with its kind. */
const POST_KINDS: [RegExp, string][] = [
  [/^AMEMBASSY /, 'embassy'],
  [/^AMCONSUL /, 'consulate'],
  [/^USMISSION /, 'mission'],
  [/^USEU /, 'mission'],
  [/^USINT /, 'interests-section'],
  [/^AIT /, 'institute'],
  [/^(REO|RRT|APP|USDEL) /, 'office'],
]

/**
 * Station names corrected where the 2010 ACP 117 text is misspelt or out of date for the cable era;
 * each correction is the name State cables of 2006–2010 actually use (and ACP 117 change 18 confirms).
 */
const CORRECTIONS: Record<string, string> = {
  'AMCONSUL ASTANA': 'AMEMBASSY ASTANA',
  'AMCONSUL MAZAR-E SHAIRF': 'AMCONSUL MAZAR-E SHARIF',
  'USMISSIN UNVIE VIENNA': 'USMISSION UNVIE VIENNA',
  'US MISSION USNATO BRUSSELS BE': 'USMISSION USNATO',
  'AMEMBASSY COLUMBO': 'AMEMBASSY COLOMBO',
  'AMEMBASSY PRINSTINA': 'AMEMBASSY PRISTINA',
  'AMEMBASSY QUINTO': 'AMEMBASSY QUITO',
  'AMEMBASSY VAOUNDE': 'AMEMBASSY YAOUNDE',
  'AMEMBASSY VIENTIENE': 'AMEMBASSY VIENTIANE',
  'AMEMBASSY PARAMIARBO': 'AMEMBASSY PARAMARIBO',
}

/** The Department sends as SECSTATE WASHDC with MRN origin STATE although ACP 117 names the station otherwise. */
const DEPARTMENT_ROUTE = 'RUEHC'

/**
 * MRN origin of a post: the PLAD without its type word, as printed in class lines
 * (`AMEMBASSY SAO PAULO` → `SAO PAULO`, `USMISSION USUN NEW YORK` → `USUN NEW YORK`).
 */
export function originOfPlad(plad: string): string {
  if (plad === 'SECSTATE WASHDC') return 'STATE'
  return plad.replace(/^(AMEMBASSY|AMCONSUL|USMISSION) /, '').trim()
}

/**
 * Derives the directory's posts from the routing-indicator table (ACP 117 decode, `routing_indicator`
 * and `station` columns): State routing indicators (RUEH…) whose station is a post PLAD. The first
 * indicator listed for a PLAD wins; a PLAD whose origin another post already took is skipped.
 */
export function deriveDirectoryPosts(routingTsv: string): Post[] {
  const posts: Post[] = [
    { plad: 'SECSTATE WASHDC', route: DEPARTMENT_ROUTE, origin: 'STATE', kind: 'department', source: 'routing-indicators.tsv RUEHC (DEPT OF STATE WASHINGTON DC)' },
  ]
  const plads = new Set(posts.map((p) => p.plad))
  const origins = new Set(posts.map((p) => p.origin))
  const lines = routingTsv.split(/\r?\n/).slice(1)
  for (const line of lines) {
    const [route, station] = line.split('\t')
    if (!route || !station || !/^RUEH[A-Z]{1,3}$/.test(route) || route === DEPARTMENT_ROUTE) continue
    const plad = CORRECTIONS[station] ?? station
    const kind = POST_KINDS.find(([re]) => re.test(plad))?.[1]
    if (!kind) continue
    const origin = originOfPlad(plad)
    if (plads.has(plad) || origins.has(origin)) continue
    plads.add(plad)
    origins.add(origin)
    const corrected = plad === station ? '' : ` (listed as ${station})`
    posts.push({ plad, route, origin, kind, source: `routing-indicators.tsv ${route}${corrected}` })
  }
  return posts
}

/** Serialises posts in the layout of `data/directory-posts.tsv`. */
export function postsToTsv(posts: Post[]): string {
  const rows = posts.map((p) => [p.plad, p.route ?? '', p.origin, p.kind, p.source].join('\t'))
  return ['plad\troute\torigin\tkind\tsource', ...rows].join('\n') + '\n'
}
