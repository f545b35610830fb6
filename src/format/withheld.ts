/**
 * The placeholder line a releasable rendering (`cable redact`, src/archive/redact.ts) puts where it withholds a
 * portion: an optional paragraph or sub-item lead and portion mark, then `[Paragraph 3 withheld: why]`, `[Subject
 * withheld: …]` (after `SUBJECT:`), `[Text withheld: …]`, `[Reference withheld: …]` or `[Page header withheld: …]`.
 * Lint reads such a line, in archive mode, as a withheld element of the kind it stands in: an addressee line that
 * is a placeholder is no malformed addressee (the release withheld it, spec §3.2 is about what it shows).
 *
 * @example
 *   WITHHELD_LINE.test('[Text withheld: unmarked: treated as the overall SECRET, above CONFIDENTIAL]') // true
 */
export const WITHHELD_LINE = /^\s*(?:\S{1,12}\s+)?(?:\([A-Z/]{1,24}\)\s+)?\[(?:Paragraph \d+|Subject|Text|Reference|Page header) withheld: [^\]\n]*\]\s*$/

/** Whether a line (without its line end) is a releasable rendering's placeholder (`WITHHELD_LINE`). */
export function isWithheldLine(line: string): boolean {
  return WITHHELD_LINE.test(line)
}

/**
 * A placeholder anywhere in a line (`[Text withheld: …]`): a placeholder always starts a line of its own, but header
 * text the rendering shows may follow it on that line (`SUBJECT: (C) [Subject withheld: …] Classified By: …`).
 */
export const WITHHELD_PLACEHOLDER = /\[(?:Paragraph \d+|Subject|Text|Reference|Page header) withheld: [^\]\n]*\]/g

/** WITHHELD_PLACEHOLDER without the global flag: `test` on it keeps no `lastIndex` between calls. */
const ONE_PLACEHOLDER = new RegExp(WITHHELD_PLACEHOLDER.source)

/** Whether a text holds a releasable rendering's placeholder (`WITHHELD_PLACEHOLDER`) anywhere. */
export function holdsWithheld(text: string): boolean {
  return text.includes(' withheld: ') && ONE_PLACEHOLDER.test(text)
}
