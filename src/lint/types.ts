import type { Cable, Span } from '../format/model.js'
import type { LintContext } from './context.js'

/** `compose`: strict, for drafts (errors block release). `archive`: tolerant, for released cables. */
export type Mode = 'compose' | 'archive'

/** What a rule's finding is worth; `off` disables the rule. */
export type RuleLevel = 'error' | 'warning' | 'info' | 'off'

/** A text edit: replace `[start, end)` (UTF-16 offsets into the linted text) by `text`. */
export interface Fix {
  start: number
  end: number
  text: string
}

/** One finding, ready for output. `span` always points into the linted text. */
export interface LintMessage {
  ruleId: string
  severity: Exclude<RuleLevel, 'off'>
  message: string
  span: Span
  fix?: Fix
}

/** What a check hands to `report`: where (offsets or a span), what, and optionally how to fix it. */
export interface Finding {
  message: string
  /** `[start, end)` offsets into the linted text; defaults to an empty range at offset 0. */
  at?: readonly [number, number]
  span?: Span
  fix?: Fix
  /** Lowers (never raises) the rule's level for this finding, for relaxations the spec states per case. */
  cap?: 'warning' | 'info'
}

export type Report = (finding: Finding) => void

/**
 * A rule example is a mutation of the synthetic base cable (src/lint/examples/base-cable.ts):
 * each `[find, replace]` pair is applied once, in order. `span` (`line:col-line:col`, end exclusive) is where
 * a failing example must be reported.
 */
export interface RuleExample {
  edits: ReadonlyArray<readonly [string, string]>
  mode?: Mode
  span?: string
  /** The id the archive claims for the text (ID-001). */
  claimedId?: string
  /** Ids already seen in the same run (ID-003). */
  corpus?: string[]
}

/**
 * A rule: data (id, levels per mode, statement, rationale, source, examples) plus one check.
 * The check says only what and where; severity comes from the rule data and configuration.
 */
export interface Rule {
  id: string
  level: Record<Mode, RuleLevel>
  summary: string
  rationale: string
  source: string
  fixable: boolean
  examples: { fail: RuleExample; pass: RuleExample }
  check(cable: Cable, report: Report, context: LintContext): void
}

/** Per-rule severity overrides, from `.cablelintrc.json` or `--rule ID=level` flags. */
export type RuleOverrides = Record<string, RuleLevel>

export interface LintConfig {
  mode?: Mode
  rules?: RuleOverrides
}

/** Cross-cable state for one run (ID-003 needs to know which ids it has already seen). */
export interface CorpusIndex {
  ids: Map<string, string>
}

export interface LintOptions {
  mode: Mode
  config?: LintConfig
  /** Name of the source (file path) for cross-cable messages. */
  source?: string
  /** The id the archive claims for this text (e.g. its file name), checked by ID-001. */
  claimedId?: string
  corpus?: CorpusIndex
}

/** Identity with a type: keeps rule literals checked. */
export const defineRule = (rule: Rule): Rule => rule
