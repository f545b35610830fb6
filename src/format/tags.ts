/**
 * The TAGS line (spec §5.7): keyword variants, comma or space separators, `[TAG](#)` links of the web
 * rendering, parenthesised person tags.
 *   TAGS: PREL, PGOV, TI        TAGS: [PREL](#) [TI](#)        Tags: prel, pgov
 *         ^first tag
 */
export const TAGS_LABEL = /^[ \t]*(?:TAGS|TAG|TAGES|TAS|TABS|TGS|AGS)\b[ \t]*[:,.]?[ \t]*/i

export interface TagToken {
  text: string
  start: number
  end: number
}

/** Splits a TAGS value (label removed) into tags with their offsets in `value`. */
export function splitTags(value: string): { tags: TagToken[]; links: boolean } {
  const tags: TagToken[] = []
  let links = false
  const re = /\[([^\]\n]{1,60})\]\(#\)|\([^)\n]{1,60}\)|[^\s,;()[\]]+/g
  for (let m = re.exec(value); m; m = re.exec(value)) {
    if (m[1] !== undefined) {
      links = true
      tags.push({ text: m[1], start: m.index + 1, end: m.index + 1 + m[1].length })
    } else {
      const text = m[0].replace(/[.:]+$/, '')
      if (!text || /^SIPDIS$/i.test(text)) continue
      tags.push({ text, start: m.index, end: m.index + text.length })
    }
  }
  return { tags, links }
}
