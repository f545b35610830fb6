import { parseCable } from '../format/parse.js'
import { LEVEL_RANK } from '../format/classification.js'
import { telegramText } from '../format/telegram-text.js'
import { rules } from './rules/index.js'
import { runRulesWithContext } from './run-rules.js'
import type { CorpusIndex, LintOptions, Mode } from './types.js'

/** Rules whose rates make the headline columns of the year and classification tables. */
export const HEADLINE_RULES = ['TXT-016', 'TXT-007', 'TXT-013', 'TXT-012', 'TXT-017', 'TXT-018', 'TXT-021'] as const

interface Bucket {
  cables: number
  /** rule id → number of cables with at least one hit */
  hit: Record<string, number>
}

export interface RuleStat {
  id: string
  severity: string
  summary: string
  cables: number
  hits: number
  rate: number
}

export interface CorpusStats {
  mode: Mode
  cables: number
  bytes: number
  seconds: number
  /** Cables by severity of their worst message. */
  withErrors: number
  withWarnings: number
  rules: RuleStat[]
  byYear: Record<string, Bucket>
  byClassification: Record<string, Bucket>
  /** Files that could not be read, with the reason. */
  unreadable: Array<{ file: string; reason: string }>
}

const bucket = (): Bucket => ({ cables: 0, hit: {} })

/**
 * Lints many cables and counts, per rule, how many cables break it — overall, by DTG year and by
 * classification (SBU = UNCLAS with the SENSITIVE caption or SBU portions).
 *
 * @example
 *   const stats = new StatsCollector('archive')
 *   for (const f of files) stats.add(readFileSync(f, 'utf8'), f)
 *   console.log(formatStatsTable(stats.result()))
 */
export class StatsCollector {
  private readonly started = Date.now()
  private readonly corpus: CorpusIndex = { ids: new Map() }
  private readonly counts = new Map<string, { cables: number; hits: number }>()
  private readonly stats: CorpusStats

  constructor(private readonly mode: Mode, private readonly config?: LintOptions['config']) {
    this.stats = { mode, cables: 0, bytes: 0, seconds: 0, withErrors: 0, withWarnings: 0, rules: [], byYear: {}, byClassification: {}, unreadable: [] }
  }

  add(input: string, source: string, claimedId?: string): void {
    const cable = parseCable(input, claimedId ? { hint: { id: claimedId } } : {})
    const text = telegramText(cable)
    const { messages, ctx } = runRulesWithContext(cable, text, { mode: this.mode, config: this.config, source, claimedId, corpus: this.corpus })
    const s = this.stats
    s.cables++
    s.bytes += input.length
    if (messages.some((m) => m.severity === 'error')) s.withErrors++
    else if (messages.some((m) => m.severity === 'warning')) s.withWarnings++
    const year = ctx.year !== null ? String(ctx.year) : 'unknown'
    const level = ctx.level === null ? 'unknown' : ctx.sbu && LEVEL_RANK[ctx.level] <= LEVEL_RANK.SBU ? 'SBU' : ctx.level
    const buckets = [(s.byYear[year] ??= bucket()), (s.byClassification[level] ??= bucket())]
    for (const b of buckets) b.cables++
    const perRule = new Map<string, number>()
    for (const m of messages) perRule.set(m.ruleId, (perRule.get(m.ruleId) ?? 0) + 1)
    for (const [id, n] of perRule) {
      const c = this.counts.get(id) ?? { cables: 0, hits: 0 }
      c.cables++
      c.hits += n
      this.counts.set(id, c)
      for (const b of buckets) b.hit[id] = (b.hit[id] ?? 0) + 1
    }
  }

  unreadable(file: string, reason: string): void {
    this.stats.unreadable.push({ file, reason })
  }

  result(): CorpusStats {
    const s = this.stats
    s.seconds = (Date.now() - this.started) / 1000
    s.rules = rules.map((r) => {
      const c = this.counts.get(r.id) ?? { cables: 0, hits: 0 }
      const level = this.config?.rules?.[r.id] ?? r.level[this.mode]
      return { id: r.id, severity: level, summary: r.summary, cables: c.cables, hits: c.hits, rate: s.cables ? c.cables / s.cables : 0 }
    })
    return s
  }
}

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`)

function grid(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 && head[i] === 'STATEMENT' ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd()
  return [line(head), ...rows.map(line)].join('\n')
}

function breakdown(title: string, buckets: Record<string, Bucket>, order: (a: string, b: string) => number): string {
  const keys = Object.keys(buckets).sort(order)
  const rows = keys.map((k) => [k, String(buckets[k].cables), ...HEADLINE_RULES.map((id) => pct(buckets[k].hit[id] ?? 0, buckets[k].cables))])
  return `${title} (share of cables breaking each rule)\n${grid([title.split(' ')[1].toUpperCase(), 'CABLES', ...HEADLINE_RULES], rows)}`
}

const LEVEL_ORDER = ['UNCLASSIFIED', 'SBU', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET', 'unknown']

/**
 * The `--stats` table: totals, every rule that fired, then headline rules by year and by classification.
 *
 * @example
 *   io.stdout.write(formatStatsTable(collector.result()))
 */
export function formatStatsTable(s: CorpusStats): string {
  const fired = s.rules.filter((r) => r.cables > 0).sort((a, b) => b.cables - a.cables || a.id.localeCompare(b.id))
  const parts = [
    `${s.cables} cables, ${(s.bytes / 1e6).toFixed(1)} MB in ${s.seconds.toFixed(1)} s (${(s.bytes / 1e6 / Math.max(s.seconds, 0.001)).toFixed(2)} MB/s), ${s.mode} mode: ${s.withErrors} with errors (${pct(s.withErrors, s.cables)}), ${s.withWarnings} with warnings only`,
    `Rules by cables hit\n${grid(['RULE', 'LEVEL', 'CABLES', 'RATE', 'HITS', 'STATEMENT'], fired.map((r) => [r.id, r.severity, String(r.cables), pct(r.cables, s.cables), String(r.hits), r.summary]))}`,
    breakdown('By year', s.byYear, (a, b) => a.localeCompare(b)),
    breakdown('By classification', s.byClassification, (a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b)),
    `Headline rules: ${HEADLINE_RULES.map((id) => `${id} ${rules.find((r) => r.id === id)?.summary ?? ''}`).join('; ')}`,
  ]
  if (s.unreadable.length) parts.push(`Unreadable: ${s.unreadable.map((u) => `${u.file} (${u.reason})`).join(', ')}`)
  return `${parts.join('\n\n')}\n`
}
