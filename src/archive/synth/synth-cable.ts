import { Random } from './random.js'
import { COUNTRY_TAGS, GLUE, NAMES, POSTS, RARE_WORDS, SIGNERS, TAG_POOL, TOPICS, WORDS } from './synth-vocabulary.js'

/** One synthetic cable: its text (header, empty line, body) and what was put into it, for checks. */
export interface SynthCable {
  id: string
  date: string
  origin: string
  classification: string
  tags: string[]
  subject: string
  references: string[]
  header: string
  body: string
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
// Shares of the released archive by year and by classification (spec §7 counts), so facets look real.
const YEARS: [number, number][] = [[2004, 5], [2005, 10], [2006, 16], [2007, 16], [2008, 20], [2009, 26], [2010, 7]]
const CLASSES: [string, number][] = [['UNCLASSIFIED', 30], ['UNCLASSIFIED//FOR OFFICIAL USE ONLY', 23], ['CONFIDENTIAL', 39], ['CONFIDENTIAL//NOFORN', 2], ['SECRET', 4.5], ['SECRET//NOFORN', 1.5]]
const CLASS_WORD: Record<string, [string, string, string]> = {
  UNCLASSIFIED: ['UNCLAS', 'U', 'UUUUU'],
  'UNCLASSIFIED//FOR OFFICIAL USE ONLY': ['UNCLAS', 'SBU', 'UUUUU'],
  CONFIDENTIAL: ['C O N F I D E N T I A L', 'C', 'CCCCC'],
  'CONFIDENTIAL//NOFORN': ['C O N F I D E N T I A L', 'C//NF', 'CCCCC'],
  SECRET: ['S E C R E T', 'S', 'SSSSS'],
  'SECRET//NOFORN': ['S E C R E T', 'S//NF', 'SSSSS'],
}

/** Generates cables in date order with unique ids; later cables cite earlier ones (and a few unknown ids). */
export function* synthCables(count: number, seed: number): Generator<SynthCable> {
  const rnd = new Random(seed)
  const start = Date.UTC(2004, 0, 1)
  const times = Array.from({ length: count }, () => {
    const [year] = rnd.weighted(YEARS, (y) => y[1])
    return Date.UTC(year, 0, 1) - start + rnd.next() * 365 * 86400e3
  }).sort((a, b) => a - b)
  const serials = new Map<string, number>()
  const issued: string[] = []
  for (const t of times) {
    const cable = synthCable(rnd, new Date(start + t), serials, issued)
    issued.push(cable.id)
    yield cable
  }
}

/**
 * Share of a text sentence's content words (those that are not glue words) drawn from the cable's topic.
 * Measured on the real corpus (../shared/corpus): a cable that mentions `nuclear` does so 6.5 times on
 * average, `terror…` 4.7, `election…` 3.7, in about 1,300 words. At 4.5 % of content words the topic's
 * first word comes about 5 times per synthetic cable (about 600 words); subjects are mostly topic words.
 */
const TOPIC_SHARE_TEXT = 0.045
const TOPIC_SHARE_SUBJECT = 0.6
/** Share of content words drawn from the long tail of rare words (names, places, terms). */
const RARE_SHARE = 0.07

function sentence(rnd: Random, min: number, max: number, topic: string[], topicShare: number): string {
  const n = rnd.int(min, max)
  const words: string[] = []
  for (let i = 0; i < n; i++) {
    if (i % 2 === 1 && rnd.next() < 0.6) {
      words.push(rnd.pick(GLUE))
      continue
    }
    const r = rnd.next()
    words.push(r < topicShare ? rnd.zipf(topic) : r < topicShare + RARE_SHARE ? rnd.zipf(RARE_WORDS) : rnd.zipf(WORDS))
  }
  if (rnd.next() < 0.3) words.splice(rnd.int(0, words.length), 0, rnd.pick(NAMES))
  const s = words.join(' ')
  return s.charAt(0).toUpperCase() + s.slice(1) + '.'
}

function synthCable(rnd: Random, when: Date, serials: Map<string, number>, issued: string[]): SynthCable {
  const [plad, route, station] = rnd.weighted(POSTS, (p) => p[3])
  const yy = String(when.getUTCFullYear()).slice(2)
  const serialKey = yy + station
  const serial = (serials.get(serialKey) ?? rnd.int(1, 400)) + rnd.int(1, 3)
  serials.set(serialKey, serial)
  const id = `${yy}${station}${serial}`
  const [classification] = rnd.weighted(CLASSES, (c) => c[1])
  const [classWord, mark, group] = CLASS_WORD[classification]
  const dd = String(when.getUTCDate()).padStart(2, '0')
  const hhmm = String(when.getUTCHours()).padStart(2, '0') + String(when.getUTCMinutes()).padStart(2, '0')
  const mon = MONTHS[when.getUTCMonth()]
  const julian = String(Math.floor((when.getTime() - Date.UTC(when.getUTCFullYear(), 0, 1)) / 86400e3) + 1).padStart(3, '0')
  const prec = rnd.weighted([['R', 'ROUTINE', 50], ['P', 'PRIORITY', 30], ['O', 'IMMEDIATE', 20]] as const, (p) => p[2])
  const printedOrigin = plad.replace(/^(AMEMBASSY|AMCONSUL|USMISSION) /, '').replace('SECSTATE WASHDC', 'STATE')
  const infos = Array.from({ length: rnd.int(0, 4) }, () => rnd.pick(POSTS)).filter((p) => p[0] !== plad)
  const to = plad === 'SECSTATE WASHDC' ? rnd.pick(POSTS.slice(1)) : POSTS[0]
  const paragraphs = rnd.int(3, 12)
  const sections = Math.max(1, Math.round(paragraphs / 5))
  const topic = rnd.pick(TOPICS)
  const tags = [...new Set([rnd.pick(topic.tags), rnd.pick(TAG_POOL), rnd.pick(COUNTRY_TAGS), rnd.pick(topic.tags)])].slice(0, rnd.int(2, 4))
  const subject = sentence(rnd, 4, 10, topic.words, TOPIC_SHARE_SUBJECT).slice(0, -1).toUpperCase()
  const refCount = issued.length > 0 && rnd.next() < 0.45 ? rnd.int(1, 3) : 0
  const references = Array.from({ length: refCount }, () =>
    rnd.next() < 0.9 ? issued[Math.max(0, issued.length - 1 - Math.floor(rnd.next() ** 3 * Math.min(issued.length, 5000)))] : `${yy}STATE${rnd.int(1, 999999)}`,
  ).filter((r, i, all) => all.indexOf(r) === i)
  const header = [
    `VZCZCXRO${rnd.int(1000, 9999)}`,
    `${prec[0]}${prec[0]} ${[to, ...infos].map((p) => p[1]).join(' ')}`,
    `DE ${route} #${String(serial % 10000).padStart(4, '0')}/01 ${julian}${hhmm}`,
    `ZNR ${group} ZZH`,
    `${prec[0]} ${dd}${hhmm}Z ${mon} ${yy}`,
    `FM ${plad}`,
    `TO ${to[1]}/${to[0]} ${prec[1]} ${String(rnd.int(1, 9999)).padStart(4, '0')}`,
    ...infos.map((p, i) => `${i === 0 ? 'INFO ' : ''}${p[1]}/${p[0]} ${prec[1]} ${String(rnd.int(1, 9999)).padStart(4, '0')}`),
  ].join('\n')
  const body: string[] = []
  const classLine = `${classWord} ${sections > 1 ? `SECTION 01 OF ${String(sections).padStart(2, '0')} ` : ''}${printedOrigin} ${String(serial).padStart(6, '0')}`
  body.push(classLine, '')
  if (classification.endsWith('NOFORN')) body.push('NOFORN')
  if (classification.includes('OFFICIAL USE')) body.push('SENSITIVE')
  body.push('SIPDIS', '')
  const decl = `${String(when.getUTCMonth() + 1).padStart(2, '0')}/${dd}/${when.getUTCFullYear() + 10}`
  body.push(`E.O. 12958: ${classWord === 'UNCLAS' ? 'N/A' : `DECL: ${decl}`}`)
  body.push(`TAGS: ${tags.join(', ')}`)
  body.push(`SUBJECT: (${mark}) ${subject}`, '')
  if (references.length === 1) body.push(`REF: ${refText(references[0])}`, '')
  else if (references.length > 1) body.push(`REF: ${references.map((r, i) => `${'ABC'[i]}. ${refText(r)}`).join('\n     ')}`, '')
  if (classWord !== 'UNCLAS') body.push(`Classified By: Ambassador ${rnd.pick(NAMES)} for reasons 1.4 (b) and (d)`, '')
  for (let p = 1; p <= paragraphs; p++) {
    const text = Array.from({ length: rnd.int(2, 7) }, () => sentence(rnd, 10, 26, topic.words, TOPIC_SHARE_TEXT)).join(' ')
    body.push(`${p}. (${mark}) ${p === 1 ? 'SUMMARY: ' : ''}${text}${p === 1 ? ' END SUMMARY.' : ''}`, '')
  }
  body.push(rnd.pick(SIGNERS))
  const origin = plad === 'SECSTATE WASHDC' ? 'Secretary of State' : plad.replace(/^AMEMBASSY/, 'Embassy').replace(/^AMCONSUL/, 'Consulate').replace(/^USMISSION/, 'Mission')
  return { id, date: when.toISOString().slice(0, 16).replace('T', ' '), origin, classification, tags, subject, references, header, body: body.join('\n') }
}

/** `09 STATE 99704`: how a REF item names a cable. */
function refText(id: string): string {
  const m = /^(\d{2})([A-Z]+)(\d+)$/.exec(id)!
  return `${m[1]} ${m[2]} ${m[3]}`
}
