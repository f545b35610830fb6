import type { DateSourceRecord, ReferenceKindRecord } from '../../src/store/store.js'
import { apiPath, request } from './api.js'

/** Shapes of the archive routes' answers (docs/http.md). */

export interface CableSummary {
  key: string
  id: string | null
  date: string | null
  origin: string | null
  classification: string | null
  subject: string | null
}

export interface SearchHit extends CableSummary {
  /** How the date was found (read, inferred, container, unknown), null when undated. */
  dateSource: DateSourceRecord | null
  tags: string[]
  score: number | null
  /** Excerpt with matches marked «like this». */
  snippet?: string
}

export type FacetName = 'origin' | 'year' | 'classification' | 'tag' | 'precedence' | 'caption'
export type FacetCounts = { value: string; count: number }[]
export type Facets = Partial<Record<FacetName, FacetCounts>>

export type HistogramInterval = 'year' | 'month' | 'day'
export type SortOrder = 'rank' | 'date' | 'date-desc'

export interface SearchAnswer {
  total: number
  offset: number
  limit: number
  hits: SearchHit[]
  facets?: Facets | null
  histogram?: FacetCounts | null
}

export interface SearchParams {
  q: string
  sort: SortOrder
  offset: number
  limit: number
  histogram?: HistogramInterval
}

/** One page of a search with facets (and the date histogram when asked) over the whole result. */
export function search(p: SearchParams, signal?: AbortSignal): Promise<SearchAnswer> {
  return request('GET', apiPath('/api/search', { q: p.q, sort: p.sort, offset: p.offset, limit: p.limit, facets: true, histogram: p.histogram }), undefined, signal)
}

/** The URL that streams the whole result set as CSV or JSON Lines (the browser downloads it). */
export function exportUrl(q: string, sort: SortOrder, format: 'csv' | 'jsonl'): string {
  return apiPath('/api/export', { q, sort, format })
}

/** A TAGS code with its meaning and kinds, from the server's TAGS table (`GET /api/tags`). */
export interface TagMeaning {
  code: string
  meaning: string
  kinds: string[]
}

let tagTable: Promise<Record<string, string>> | null = null

/**
 * TAGS code → meaning (`PREL` → External Political Relations), fetched once per page load: the table is the
 * server's reference data and does not change while it runs. A failed fetch is forgotten, so the next
 * screen asks again (after a login, say).
 */
export function tagMeanings(): Promise<Record<string, string>> {
  if (!tagTable) {
    tagTable = request<{ tags: TagMeaning[] }>('GET', '/api/tags').then((r) => Object.fromEntries(r.tags.map((t) => [t.code, t.meaning])))
    tagTable.catch(() => {
      tagTable = null
    })
  }
  return tagTable
}

export interface SourceRecord {
  locator: string
  rendering: string
  sha256: string
  importedAt: string
  metadata: Record<string, string>
}

export interface AddresseeRecord {
  role: 'to' | 'info'
  name: string
  route: string | null
  precedence: string | null
}

export interface DiagnosticRecord {
  code: string
  severity: string
  message: string
  line: number
  column: number
}

export interface StoredCable extends CableSummary {
  dateSource: DateSourceRecord | null
  rawId: string | null
  originKey: string | null
  precedence: string | null
  level: number
  caveats: string[]
  captions: string[]
  tags: string[]
  addressees: AddresseeRecord[]
  references: { letter: string | null; id: string | null; text: string; kind: ReferenceKindRecord }[]
  text: string
  diagnostics: DiagnosticRecord[]
  errorCount: number
}

/** A lint finding (rule id, severity, message, 1-based line and column). */
export interface LintFinding {
  ruleId: string
  severity: string
  message: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

export interface CableView {
  cable: StoredCable
  /** `datedAfter`: the held cable is dated after this one (beyond a week), so it cannot be the one cited. */
  references: { letter: string | null; id: string | null; text: string; kind: ReferenceKindRecord; cable: CableSummary | null; datedAfter: boolean }[]
  citedBy: CableSummary[]
  /** Where each copy came from: file, CSV row or JSON line, with its hash and import time. */
  sources: SourceRecord[]
  /** Archive-mode lint findings. */
  lint: LintFinding[]
  /** Set when the reader may read the cable only in part: the portions withheld from `cable.text`. */
  withheld?: { portion: string; mark: string | null; reason: string }[]
  /** Set then too: fields withheld from him (read from the whole text); their empty values mean withheld, not none. */
  withheldFields?: ('references' | 'diagnostics' | 'errorCount' | 'sources')[]
}

/** A cable with its references resolved, its citers and sources; throws ApiError 404 when not visible. */
export function getCable(id: string, signal?: AbortSignal): Promise<CableView> {
  return request('GET', `/api/cables/${encodeURIComponent(id)}`, undefined, signal)
}

export interface ReferenceGraph {
  root: string
  depth: number
  nodes: { key: string; cable: CableSummary | null }[]
  edges: { from: string; to: string; letter: string | null }[]
}

export function getGraph(id: string, depth: number, signal?: AbortSignal): Promise<ReferenceGraph> {
  return request('GET', apiPath(`/api/cables/${encodeURIComponent(id)}/graph`, { depth }), undefined, signal)
}

export interface ArchiveStats {
  cables: number
  sources: number
  withErrors: number
  byYear: FacetCounts
  byOrigin: FacetCounts
  byClassification: FacetCounts
  byMonth: FacetCounts
  byTag?: FacetCounts
}

export function getStats(signal?: AbortSignal): Promise<ArchiveStats> {
  return request('GET', '/api/stats', undefined, signal)
}

/** A paragraph of a parsed cable: number, portion mark and where it sits in the text. */
export interface ParsedParagraph {
  number: number
  marking: string | null
  span?: { start: { offset: number; line: number }; end: { offset: number; line: number } }
}

export interface ParsedCable {
  fields: { paragraphs?: ParsedParagraph[] } & Record<string, unknown>
  diagnostics: DiagnosticRecord[]
}

/** Parses a telegram text on the server (the same parser the archive used). */
export function parseText(text: string, signal?: AbortSignal): Promise<ParsedCable> {
  return request('POST', '/api/parse', { text }, signal)
}

export interface LintAnswer {
  errors: number
  warnings: number
  messages: LintFinding[]
}

/** Lints a telegram text on the server in compose (strict, for drafts) or archive mode. */
export function lintText(text: string, mode: 'compose' | 'archive', signal?: AbortSignal): Promise<LintAnswer> {
  return request('POST', '/api/lint', { text, mode }, signal)
}
