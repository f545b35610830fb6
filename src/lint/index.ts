/**
 * `cable lint`: the §9 rule set as data plus checks, for drafting (`compose`) and archives (`archive`).
 *
 * @example
 *   import { lintText } from './lint/index.js'
 *   const messages = lintText(text, { mode: 'archive' })
 */
export { lintCable, lintCableResult, lintText, lintTextResult, type LintResult } from './lint-cable.js'
export { applyFixes, fixText, MAX_FIX_PASSES, type FixResult } from './apply-fixes.js'
export { rules, ruleById } from './rules/index.js'
export { loadConfig, parseRuleFlag, validateConfig, LintConfigError } from './config.js'
export type { Fix, LintConfig, LintMessage, LintOptions, Mode, Rule, RuleLevel, RuleOverrides, CorpusIndex } from './types.js'
