import type { QueryNode } from './query/ast.js'

/** A word to highlight: exact index token, or a prefix. */
export interface HighlightTerm {
  token: string
  prefix: boolean
}

/** Marks around highlighted words in snippets. */
export const MARK_OPEN = '«'
export const MARK_CLOSE = '»'

/**
 * The words a query asks to find (not those it excludes), for highlighting.
 *
 * @example
 *   highlightTerms(parseQuery('uranium -iran "human rights"')) // uranium, human, rights
 */
export function highlightTerms(node: QueryNode | null, negated = false, out: HighlightTerm[] = []): HighlightTerm[] {
  if (!node) return out
  switch (node.type) {
    case 'term':
    case 'phrase':
      if (!negated) {
        node.tokens.forEach((t, i) => out.push({ token: t, prefix: node.type === 'term' && node.prefix && i === node.tokens.length - 1 }))
      }
      break
    case 'near':
      for (const o of node.operands) highlightTerms(o, negated, out)
      break
    case 'field':
      highlightTerms(node.query, negated, out)
      break
    case 'and':
    case 'or':
      for (const c of node.children) highlightTerms(c, negated, out)
      break
    case 'not':
      highlightTerms(node.child, !negated, out)
      break
  }
  return out
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
}

/**
 * A short excerpt of `text` around the densest cluster of query words, each marked «like this», with
 * whitespace collapsed. Without query words, the start of the text after the subject line.
 */
export function makeSnippet(text: string, terms: HighlightTerm[], words = 28): string {
  const exact = new Set(terms.filter((t) => !t.prefix).map((t) => t.token))
  const prefixes = terms.filter((t) => t.prefix).map((t) => t.token)
  const tokens: { start: number; end: number; hit: string | null }[] = []
  for (const m of text.matchAll(WORD)) {
    const f = fold(m[0])
    const hit = exact.has(f) ? f : (prefixes.find((p) => f.startsWith(p)) ?? null)
    tokens.push({ start: m.index!, end: m.index! + m[0].length, hit })
  }
  if (tokens.length === 0) return ''
  let best = 0
  let bestScore = -1
  const firstHit = tokens.findIndex((t) => t.hit)
  if (firstHit < 0) {
    const subject = text.search(/SUBJECT\s*:/i)
    best = Math.max(0, tokens.findIndex((t) => t.start > (subject < 0 ? 0 : subject + 8)))
  } else {
    for (let i = firstHit; i < tokens.length; i++) {
      if (!tokens[i].hit) continue
      const seen = new Set<string>()
      let count = 0
      for (let j = i; j < Math.min(tokens.length, i + words); j++) {
        const h = tokens[j].hit
        if (h) {
          count++
          seen.add(h)
        }
      }
      const score = seen.size * 100 + count
      if (score > bestScore) {
        bestScore = score
        best = Math.max(0, i - 4)
      }
    }
  }
  const window = tokens.slice(best, best + words)
  let out = ''
  let pos = window[0].start
  for (const t of window) {
    out += text.slice(pos, t.start)
    out += t.hit ? MARK_OPEN + text.slice(t.start, t.end) + MARK_CLOSE : text.slice(t.start, t.end)
    pos = t.end
  }
  const lead = best > 0 ? '… ' : ''
  const tail = best + words < tokens.length ? ' …' : ''
  return lead + out.replace(/\s+/g, ' ').trim() + tail
}
