import { WITHHELD_PLACEHOLDER } from '../format/withheld.js'
import type { LintContext } from './context.js'

/**
 * Where a releasable rendering (`cable redact`, src/archive/redact.ts) withholds text: the offsets of its placeholders
 * (`[Paragraph 3 withheld: …]`, `[Text withheld: …]`, …), read in archive mode only (none in compose mode, where a
 * text is a draft, never a rendering). A rule that asks for an element the text lacks (a TAGS line, a Classified-by
 * statement, a caption, a block opener) cannot tell it is missing where the rendering withheld text in its place: the
 * element may be in what was withheld. Such rules ask `withheldWithin` for the region the element belongs to.
 *
 * @example
 *   withheldAt(ctx) // [{ start: 412, end: 489 }] for one `[Text withheld: …]` line
 */
export function withheldAt(ctx: LintContext): readonly { start: number; end: number }[] {
  if (ctx.mode !== 'archive') return []
  return ctx.memo('withheld-placeholders', () => {
    if (!ctx.text.includes(' withheld: ')) return []
    return [...ctx.text.matchAll(WITHHELD_PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  })
}

/** Whether a placeholder starts in [from, to) (archive mode; `withheldAt`). */
export function withheldWithin(ctx: LintContext, from: number, to: number = ctx.text.length): boolean {
  return withheldAt(ctx).some((w) => w.start >= from && w.start < to)
}

/**
 * Whether the rendering withholds text in the cable's header part, where the fields before the text stand (class
 * line, captions, E.O., TAGS, SUBJECT, REF, Classified by): a placeholder before the first numbered paragraph (or
 * anywhere, when no paragraph is left).
 */
export function withheldInHeader(ctx: LintContext): boolean {
  const firstPara = ctx.linesOfKind('para')[0]
  return withheldWithin(ctx, 0, firstPara ? firstPara.start : ctx.text.length)
}

/**
 * Whether text after offset `at` continues in withheld text: a placeholder on the rest of its line or on the line
 * right after it (a statement whose end the rendering withheld, `Classified By: … for reasons 1.` then `[Text withheld: …]`).
 */
export function withheldNext(ctx: LintContext, at: number): boolean {
  const eol = ctx.text.indexOf('\n', at)
  if (eol === -1) return withheldWithin(ctx, at)
  const next = ctx.text.indexOf('\n', eol + 1)
  return withheldWithin(ctx, at, next === -1 ? ctx.text.length : next)
}
