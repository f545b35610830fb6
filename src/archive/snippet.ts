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

const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]'
const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One regex for every query word, whole words only; prefixes run to the end of the word. */
function termPattern(terms: HighlightTerm[]): RegExp | null {
  if (terms.length === 0) return null
  const alternatives = [...new Set(terms.map((t) => escape(t.token) + (t.prefix ? `${WORD_CHAR}*` : '')))]
  alternatives.sort((a, b) => b.length - a.length)
  return new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})(?!${WORD_CHAR})`, 'giu')
}

/**
 * A short excerpt of `text` around the densest cluster of query words, each marked «like this», with
 * whitespace collapsed; about `width` characters. Without query words, the text after the subject line.
 * Matching is case-insensitive; the text is searched with one regex rather than tokenised whole, since a
 * results page makes twenty of these.
 */
export function makeSnippet(text: string, terms: HighlightTerm[], width = 200): string {
  const pattern = termPattern(terms)
  const hits: { at: number; word: string }[] = []
  if (pattern) for (const m of text.matchAll(pattern)) hits.push({ at: m.index!, word: m[0].toLowerCase() })
  let start: number
  if (hits.length === 0) {
    const subject = text.search(/SUBJECT\s*:/i)
    start = subject < 0 ? 0 : subject + 8
  } else {
    let best = 0
    let bestScore = -1
    for (let i = 0; i < hits.length; i++) {
      const seen = new Set<string>()
      let count = 0
      for (let j = i; j < hits.length && hits[j].at < hits[i].at + width * 0.7; j++) {
        seen.add(hits[j].word)
        count++
      }
      const score = seen.size * 100 + count
      if (score > bestScore) {
        bestScore = score
        best = hits[i].at
      }
    }
    start = Math.max(0, best - 40)
  }
  // whole words at both ends
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1])) start--
  let end = Math.min(text.length, start + width)
  while (end < text.length && /[\p{L}\p{N}]/u.test(text[end])) end++
  let excerpt = text.slice(start, end)
  if (pattern) excerpt = excerpt.replace(pattern, (w) => MARK_OPEN + w + MARK_CLOSE)
  const lead = start > 0 ? '… ' : ''
  const tail = end < text.length ? ' …' : ''
  return lead + excerpt.replace(/\s+/g, ' ').trim() + tail
}

/**
 * Where the query words occur in `text`, as `[start, end)` UTF-16 offsets in order: the same whole-word,
 * case-insensitive matching as the snippets, for marking every hit in a whole cable (the web UI's cable view).
 *
 * @example
 *   highlightRanges('URANIUM and uranium', highlightTerms(parseQuery('uranium'))) // [[0, 7], [12, 19]]
 */
export function highlightRanges(text: string, terms: HighlightTerm[]): [number, number][] {
  const pattern = termPattern(terms)
  if (!pattern) return []
  return [...text.matchAll(pattern)].map((m) => [m.index!, m.index! + m[0].length])
}
