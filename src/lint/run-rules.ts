import type { Cable } from '../format/model.js'
import { withLineFeeds } from '../format/lines.js'
import { buildContext, type LintContext } from './context.js'
import { rules } from './rules/index.js'
import type { Finding, LintMessage, LintOptions, Rule, RuleLevel } from './types.js'

const RANK = { off: 0, info: 1, warning: 2, error: 3 } as const

/** The level a rule runs at under these options: configuration first, then the rule's level for the mode. */
export function levelOf(rule: Rule, options: LintOptions): RuleLevel {
  return options.config?.rules?.[rule.id] ?? rule.level[options.mode]
}

type Plan = ReadonlyArray<readonly [Rule, Exclude<RuleLevel, 'off'>]>
const PLANS = new WeakMap<readonly Rule[], Map<string, Plan>>()

/**
 * The enabled rules with their levels. Without per-rule configuration that depends on the rule list and mode
 * alone, so it is worked out once per list and mode instead of once per rule and cable.
 */
function enabledRules(only: readonly Rule[], options: LintOptions): Plan {
  const make = (): Plan => {
    const plan: Array<readonly [Rule, Exclude<RuleLevel, 'off'>]> = []
    for (const r of only) {
      const level = levelOf(r, options)
      if (level !== 'off') plan.push([r, level])
    }
    return plan
  }
  if (options.config?.rules) return make()
  let plans = PLANS.get(only)
  if (!plans) PLANS.set(only, (plans = new Map()))
  let plan = plans.get(options.mode)
  if (!plan) plans.set(options.mode, (plan = make()))
  return plan
}

/**
 * Runs every enabled rule over a parsed cable whose segments spell `text`, and returns the findings
 * sorted by position. A rule that throws becomes an error message of its own rather than a crash.
 */
export function runRules(cable: Cable, text: string, options: LintOptions, only: readonly Rule[] = rules): LintMessage[] {
  return runRulesWithContext(cable, text, options, only).messages
}

/** As `runRules`, also returning the context (year, level) that corpus statistics break results down by. */
export function runRulesWithContext(given: Cable, givenText: string, options: LintOptions, only: readonly Rule[] = rules): { messages: LintMessage[]; ctx: LintContext } {
  // a text whose lines end with a lone CR is linted as its LF form: the rules split at \n, and the offsets (spans,
  // fixes) are the same in both
  const { cable, text } = withLineFeeds(given, givenText)
  const ctx = buildContext(cable, text, options.mode, { claimedId: options.claimedId, corpus: options.corpus, source: options.source })
  const out: LintMessage[] = []
  // one report function for the whole run, pointed at the running rule, instead of a closure per rule and cable
  let rule: Rule = only[0]
  let level: Exclude<RuleLevel, 'off'> = 'error'
  const report = (f: Finding): void => {
    const span = f.span ?? ctx.index.span(f.at?.[0] ?? 0, f.at?.[1] ?? f.at?.[0] ?? 0)
    const severity = f.cap && RANK[f.cap] < RANK[level] ? f.cap : level
    const msg: LintMessage = { ruleId: rule.id, severity, message: f.message, span }
    if (f.fix) msg.fix = f.fix
    out.push(msg)
  }
  for (const [r, configured] of enabledRules(only, options)) {
    rule = r
    level = configured
    try {
      r.check(cable, report, ctx)
    } catch (error) {
      out.push({
        ruleId: r.id,
        severity: 'error',
        message: `rule ${r.id} failed on this input: ${error instanceof Error ? error.message : String(error)}`,
        span: ctx.index.span(0, 0),
      })
    }
  }
  // rule ids are ASCII: a plain comparison, localeCompare is slow on relay copies with hundreds of messages
  out.sort((a, b) => a.span.start.offset - b.span.start.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
  return { messages: out, ctx }
}
