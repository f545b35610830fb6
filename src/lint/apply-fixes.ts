import { parseCable } from '../format/parse.js'
import { telegramText } from '../format/telegram-text.js'
import { runRules } from './run-rules.js'
import type { Fix, LintMessage, LintOptions } from './types.js'

/** Passes before the fixer gives up on reaching a stable text (eslint's limit). */
export const MAX_FIX_PASSES = 10

/**
 * Applies edits in offset order; an edit overlapping one already applied is skipped (the next pass,
 * after re-parsing, gets another chance at it). Returns the new text and the edits actually applied.
 *
 * @example
 *   applyFixes('TAGS: prel', [{ start: 6, end: 10, text: 'PREL' }]).text // 'TAGS: PREL'
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const sorted = [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)
  const applied: Fix[] = []
  let out = ''
  let last = 0
  for (const fix of sorted) {
    if (fix.start < last || fix.end < fix.start || fix.end > text.length) continue
    if (text.slice(fix.start, fix.end) === fix.text) continue
    out += text.slice(last, fix.start) + fix.text
    last = fix.end
    applied.push(fix)
  }
  return { text: out + text.slice(last), applied }
}

export interface FixResult {
  /** The input as it was (for HTML/CSV input: the unwrapped telegram text). */
  original: string
  text: string
  /** Edits applied, pass by pass; each pass's offsets point into that pass's input. */
  passes: Fix[][]
  /** What remains after fixing, with spans into the fixed text. */
  messages: LintMessage[]
  /** Fixes are applied to plain telegram text only; a wrapped (HTML/CSV) input is reported, not rewritten. */
  wrapped: boolean
}

/**
 * Lints, applies the safe fixes, re-parses and repeats until nothing changes (at most 10 passes).
 *
 * @example
 *   const { text, messages } = fixText(draft, { mode: 'compose' })
 */
export function fixText(input: string, options: LintOptions): FixResult {
  let cable = parseCable(input, options.claimedId ? { hint: { id: options.claimedId } } : {})
  const original = telegramText(cable)
  if (cable.container) {
    return { original, text: original, passes: [], messages: runRules(cable, original, options), wrapped: true }
  }
  let text = original
  const passes: Fix[][] = []
  // cross-cable state (ID-003) must see this cable once, in its final form, not once per pass
  const local: LintOptions = { ...options, corpus: undefined }
  let messages = runRules(cable, text, local)
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = messages.flatMap((m) => (m.fix ? [m.fix] : []))
    const result = applyFixes(text, fixes)
    if (result.applied.length === 0) break
    passes.push(result.applied)
    text = result.text
    cable = parseCable(text, { plain: true })
    messages = runRules(cable, text, local)
  }
  if (options.corpus) messages = runRules(cable, text, options)
  return { original, text, passes, messages, wrapped: false }
}
