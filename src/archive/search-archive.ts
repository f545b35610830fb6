import type { Access, DateHistogram, Facets, HistogramInterval, SearchHit, SortOrder, Store } from '../store/store.js'
import type { QueryNode } from './query/ast.js'
import { parseQuery } from './query/parse-query.js'
import { highlightTerms, makeSnippet, type HighlightTerm } from './snippet.js'
import { redactInPart } from './in-part.js'
import { researchAccess } from './portion-access.js'
import { filingLabel, UNREADABLE_MARKING_LABEL } from '../format/classification.js'

export interface SearchRequest {
  query: string
  sort?: SortOrder
  limit?: number
  offset?: number
  facets?: boolean
  snippets?: boolean
  /** Also count the whole result per year, month or day of its date. */
  histogram?: HistogramInterval
  access?: Access
}

export interface ArchiveHit extends Omit<SearchHit, 'text' | 'partial'> {
  snippet?: string
  /** The reader may read this cable only in part (portion-level access): `show` gives it redacted. */
  redacted?: true
}

export interface SearchResult {
  query: QueryNode | null
  total: number
  facets: Facets | null
  histogram: DateHistogram | null
  hits: AsyncIterable<ArchiveHit>
}

/**
 * Runs a search: parses the query (throws `QuerySyntaxError`), counts the whole result set, optionally
 * computes facets over it, and streams the requested page of hits with highlighted snippets. An empty or
 * `*` query selects every visible cable. With `histogram`, the whole result is also counted per year, month or
 * day (`store.histogram`).
 *
 * @example
 *   const r = await searchArchive(store, { query: 'tag:PREL uranium', limit: 20, facets: true })
 */
export async function searchArchive(store: Store, given: SearchRequest): Promise<SearchResult> {
  // portion-level access (docs/search.md): a restricted reader also finds the cables he may read in part,
  // by the words of the portions he may read, and sees their snippets from the redacted rendering
  const req: SearchRequest = { ...given, access: await researchAccess(store, given.access) }
  const text = req.query.trim()
  const query = text === '' || text === '*' ? null : parseQuery(text)
  const terms = highlightTerms(query)
  const snippets = req.snippets ?? true
  const histogram = req.histogram ? await store.histogram(query, req.histogram, req.access) : null
  const options = { sort: req.sort ?? 'rank', limit: req.limit, offset: req.offset, withText: snippets } as const
  if (req.facets && req.limit !== undefined && req.limit <= ONE_PASS_MAX) {
    // a results screen: page, total and facets from one pass over the matches
    const page = await store.facetedPage(query, { ...options, limit: req.limit }, req.access)
    return { query, total: page.total, facets: page.facets, histogram, hits: withSnippets(store, page.hits, terms, snippets, req.access) }
  }
  const facets = req.facets ? await store.facets(query, req.access) : null
  // every hit has exactly one year value (or "(none)"), so the year facet sums to the total: no second pass
  const total = facets ? facets.year.reduce((n, f) => n + f.count, 0) : await store.count(query, req.access)
  return { query, total, facets, histogram, hits: withSnippets(store, store.search(query, options, req.access), terms, snippets, req.access) }
}

/** Pages up to this size with facets are answered in one pass (the page is held in memory). */
const ONE_PASS_MAX = 1000

/**
 * `restricted`: the reader sees part of the archive. BM25 weighs a word by how many cables hold it, hidden
 * ones included, so a score would let a reader test whether a word occurs in cables he may not read: his
 * hits carry no score (null). Their order still follows it; only ranking order may differ from an archive
 * holding only what he may read. A hit he may read only in part (`partial`) is cut from its redacted
 * rendering, never from the withheld portions, and says `redacted: true` instead of its level.
 */
async function* withSnippets(store: Store, source: AsyncIterable<SearchHit> | SearchHit[], terms: HighlightTerm[], snippets: boolean, access: Access | undefined): AsyncIterable<ArchiveHit> {
  for await (const h of source) {
    const { text: whole, partial, ...rest } = h
    if (access) rest.score = null
    // the redacted rendering (a versions read and a parse) only where a snippet is cut from it
    const body = snippets && whole !== undefined && partial && access ? (await redactInPart(store, { key: h.key, text: whole, ...partial }, access)).text : whole
    // the label every output shows (`filingLabel`, as `cable show` does): a cable whose marking is not understood or
    // whose level nothing states is labelled with the caveats it is filed under, which no such label writes
    rest.classification = await shownLabel(store, h, access)
    const hit: ArchiveHit = partial ? { ...rest, redacted: true } : rest
    yield snippets && body !== undefined ? { ...hit, snippet: makeSnippet(body, terms) } : hit
  }
}


/**
 * A hit's label (`filingLabel` of its filing). Only a label that cannot write caveats (marking not understood, no
 * level stated) needs the filing's caveats: a hit read in part carries them, a whole one has them read from the store
 * (a few such cables in any archive; every other label already writes each caveat it is filed under).
 */
async function shownLabel(store: Store, h: SearchHit, access: Access | undefined): Promise<string | null> {
  if (h.classification !== null && h.classification !== UNREADABLE_MARKING_LABEL) return h.classification
  const caveats = h.partial?.caveats ?? (await store.getCable(h.key, access))?.caveats ?? []
  return filingLabel(h.classification, caveats)
}
