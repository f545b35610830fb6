import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Reference tables the rules need, loaded once at module init from the repository's `data/` folder.
 * The folder is found by walking up from this module, so the same code works from `src/` (tests) and `dist/`.
 */
export interface Tables {
  /** TAG code → kind (`subject`, `program`, `organization`, `geographic`). A code may have several kinds. */
  tags: Map<string, Set<string>>
  captions: Map<string, string>
  /** Routing indicator → station name; ranges (`RHFJAAA THRU RHFJAAZ`) are in `routeRanges`. */
  routes: Map<string, string>
  routeRanges: Array<{ from: string; to: string; station: string }>
  /** Known MRN origins (station names without their type word, spaces removed), for ID-002. */
  origins: Set<string>
}

function findUp(relative: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, relative)
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

function readTsv(relative: string): string[][] {
  const path = findUp(relative)
  if (!path) throw new Error(`cable lint: reference table ${relative} not found above ${fileURLToPath(import.meta.url)}`)
  return readFileSync(path, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => l.split('\t'))
}

/** Type words before a station name in a PLAD; stripping them gives the MRN origin (`AMEMBASSY SAO PAULO` → `SAOPAULO`). */
export const PLAD_TYPE_WORDS = /^(?:AMEMBASSY|AMCONSUL|AMCONGEN|USMISSION|USOFFICE|AMEMB|EMBASSY|CONSULATE|US MISSION|USLO|USINT|REO|USDEL)\s+/

export function originKey(name: string): string {
  const upper = name.toUpperCase().trim()
  if (/^SECSTATE\b|^DEPT OF STATE\b/.test(upper)) return 'STATE'
  return upper.replace(PLAD_TYPE_WORDS, '').replace(/[\s\-.]/g, '')
}

function load(): Tables {
  const tags = new Map<string, Set<string>>()
  for (const [code, kind] of readTsv('data/tags.tsv')) {
    if (!tags.has(code)) tags.set(code, new Set())
    tags.get(code)!.add(kind)
  }
  const captions = new Map(readTsv('data/captions.tsv').map(([caption, kind]) => [caption, kind] as [string, string]))
  // messaging owns data/routing-indicators.tsv; until it exists, lint keeps its own two-column copy.
  const routeRows = findUp('data/routing-indicators.tsv') ? readTsv('data/routing-indicators.tsv') : readTsv('src/lint/data/routing-indicators.tsv')
  const routes = new Map<string, string>()
  const routeRanges: Tables['routeRanges'] = []
  const origins = new Set<string>(['STATE'])
  for (const [ri, stationRaw = ''] of routeRows) {
    const range = `${ri} ${stationRaw}`.match(/^([A-Z]+)\s+THRU\s+([A-Z]+)\s+(.*)$/)
    if (range) routeRanges.push({ from: range[1], to: range[2], station: range[3] })
    else routes.set(ri, stationRaw)
    const station = range ? range[3] : stationRaw
    if (/^(?:AMEMBASSY|AMCONSUL|USMISSION|USOFFICE|AIT|USINT|REO|USEU|USNATO)\b/.test(station)) origins.add(originKey(station))
  }
  // origins of the Cablegate reference ids, so posts missing from the routing table still count as known
  for (const [origin] of readTsv('src/lint/data/stations.tsv')) origins.add(origin)
  return { tags, captions, routes, routeRanges, origins }
}

export const tables: Tables = load()

const STATIONS = new Map<string, string | null>()

/** Station name for a routing indicator, from the table or its ranges; null when unknown. */
export function stationOf(ri: string): string | null {
  const direct = tables.routes.get(ri)
  if (direct !== undefined) return direct
  // RIs outside the table repeat on every relay copy: remember the range lookup (bounded against hostile input)
  const known = STATIONS.get(ri)
  if (known !== undefined) return known
  let station: string | null = null
  for (const r of tables.routeRanges) {
    if (ri.length === r.from.length && ri >= r.from && ri <= r.to) {
      station = r.station
      break
    }
  }
  if (STATIONS.size < 10_000) STATIONS.set(ri, station)
  return station
}
