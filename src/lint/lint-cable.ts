import { parseCable } from '../format/parse.js'
import { renderCanonical } from '../format/render-canonical.js'
import type { Cable } from '../format/model.js'
import { telegramText } from '../format/telegram-text.js'
import { runRules } from './run-rules.js'
import type { LintMessage, LintOptions } from './types.js'

/** A lint result together with the text its spans point into. */
export interface LintResult {
  text: string
  cable: Cable
  messages: LintMessage[]
}

/**
 * Lints a cable. A cable composed from fields (no segments) is first rendered canonically and parsed,
 * so every message has a real span into that canonical text (returned as `text` by `lintCableResult`).
 *
 * @example
 *   const errors = lintCable(draft, { mode: 'compose' }).filter((m) => m.severity === 'error')
 *   if (errors.length > 0) throw new Error('release blocked')
 */
export function lintCable(cable: Cable, options: LintOptions): LintMessage[] {
  return lintCableResult(cable, options).messages
}

/** As `lintCable`, also returning the text the spans point into and the cable that was linted. */
export function lintCableResult(cable: Cable, options: LintOptions): LintResult {
  if (cable.segments.length === 0) {
    const text = renderCanonical(cable)
    const parsed = parseCable(text, { plain: true })
    return { text, cable: parsed, messages: runRules(parsed, text, options) }
  }
  const text = telegramText(cable)
  return { text, cable, messages: runRules(cable, text, options) }
}

/**
 * Parses and lints one input (telegram text, a Cablegate HTML page or a cables.csv row).
 *
 * @example
 *   lintText(readFileSync('09STATE99704.txt', 'utf8'), { mode: 'archive' })
 *   // → [{ ruleId: 'ENV-019', severity: 'info', message: '…', span: { … } }]
 */
export function lintText(text: string, options: LintOptions): LintMessage[] {
  return lintTextResult(text, options).messages
}

/** As `lintText`, also returning the telegram text the spans point into (the unwrapped text for HTML/CSV). */
export function lintTextResult(input: string, options: LintOptions): LintResult {
  const cable = parseCable(input, options.claimedId ? { hint: { id: options.claimedId } } : {})
  const text = telegramText(cable)
  return { text, cable, messages: runRules(cable, text, options) }
}
