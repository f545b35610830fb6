import { z } from '@hono/zod-openapi'
import { ProblemSchema } from './problem.js'

/**
 * The zod schemas of the archive routes: requests are validated by them, responses are checked against them
 * in the route tests, and `/api/openapi.json` is generated from them.
 */

const nullableString = z.string().nullable()

export const DateSourceSchema = z
  .object({
    basis: z.enum(['read', 'inferred', 'container', 'unknown']).openapi({
      description: 'read: from the text (DTG, dateline); inferred: put together from a partial record (page headers, DECL, the id); container: the metadata of the file that held the text; unknown: stored before the archive kept this',
    }),
    precision: z.enum(['minute', 'day', 'month', 'year']).nullable().openapi({ description: 'How much of the date is known; `date` is written to it (`2000-09`)' }),
    from: z.array(z.string()).openapi({ description: 'What the date rests on, most specific first: dtg, dateline, date-stamp, page-header, decl-month, text-month, id, id-hint, mrn, csv:date, html:Created', example: ['decl-month', 'id'] }),
  })
  .openapi('DateSource')

const REFERENCE_KINDS = ['cable', 'email', 'memo', 'letter', 'report', 'fax', 'meeting', 'self', 'other', 'unknown'] as const
const referenceKind = z.enum(REFERENCE_KINDS).openapi({
  description: 'cable when id is set; else the document the item names (self: the citing cable itself; unknown: stored before kinds were kept). Only cable items link to cables',
})

export const CableSummarySchema = z
  .object({
    key: z.string().openapi({ description: 'Canonical id, or sha256:<hex> of the text when no id could be read' }),
    id: nullableString,
    date: nullableString.openapi({ description: 'ISO 8601 (UTC), written to its known precision (`2000-09` for a date inferred to the month); how it was found is `dateSource` where given' }),
    origin: nullableString,
    classification: nullableString,
    subject: nullableString,
  })
  .openapi('CableSummary')

export const SearchHitSchema = CableSummarySchema.extend({
  dateSource: DateSourceSchema.nullable().openapi({ description: 'How the date was found; null when undated' }),
  tags: z.array(z.string()),
  score: z.number().nullable().openapi({ description: 'BM25 (lower is better); null when the query has no text terms' }),
  snippet: z.string().optional().openapi({ description: 'Excerpt with matched words between « and »' }),
}).openapi('SearchHit')

const CountSchema = z.object({ value: z.string(), count: z.number().int() })

export const FacetsSchema = z
  .object({
    origin: z.array(CountSchema),
    year: z.array(CountSchema),
    classification: z.array(CountSchema),
    tag: z.array(CountSchema),
    precedence: z.array(CountSchema),
    caption: z.array(CountSchema).openapi({ description: 'Each cable counted once per distinct caption: a count is what `caption:VALUE` selects' }),
  })
  .openapi('Facets')

export const TagMeaningsSchema = z
  .object({
    tags: z.array(
      z.object({
        code: z.string().openapi({ example: 'PREL' }),
        meaning: z.string().openapi({ example: 'External Political Relations' }),
        kinds: z.array(z.enum(['subject', 'program', 'organization', 'geographic'])),
      }),
    ),
  })
  .openapi('TagMeanings')

export const HistogramSchema = z.array(CountSchema).openapi('DateHistogram', {
  description: 'Cables per year, month or day over the whole result, in date order; undated cables under (none)',
})

export const SORTS = ['rank', 'date', 'date-desc'] as const
export const INTERVALS = ['year', 'month', 'day'] as const

/** `true`/`false`/`1`/`0` in a query string. */
export const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1')

export const SearchQuerySchema = z.object({
  q: z.string().max(2000).default('').openapi({ description: 'Query language of docs/search.md; empty or * = every cable', example: 'tag:PREL uranium' }),
  sort: z.enum(SORTS).default('rank'),
  limit: z.coerce.number().int().min(0).max(1000).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  facets: flag.openapi({ description: 'Counts by origin, year, classification, tag, precedence and caption over the whole result' }),
  histogram: z.enum(INTERVALS).optional().openapi({ description: 'Cables per year, month or day over the whole result' }),
  snippets: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
})

export const SearchResultSchema = z
  .object({
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    hits: z.array(SearchHitSchema),
    facets: FacetsSchema.optional(),
    histogram: HistogramSchema.optional(),
  })
  .openapi('SearchResult')

export const ExportQuerySchema = z.object({
  q: z.string().max(2000).default(''),
  sort: z.enum(SORTS).default('date'),
  format: z.enum(['csv', 'jsonl']).optional().openapi({ description: 'Overrides Accept (text/csv or application/jsonl)' }),
  snippets: flag.openapi({ description: 'Fill the snippet column (words of the query highlighted in each cable\'s text; reads every text, so slower); empty by default' }),
})

const SourceSchema = z.object({
  locator: z.string(),
  rendering: z.string(),
  sha256: z.string(),
  importedAt: z.string(),
  metadata: z.record(z.string(), z.string()),
})

const LintFindingSchema = z
  .object({
    ruleId: z.string(),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
    line: z.number().int(),
    column: z.number().int(),
  })
  .openapi('LintFinding')

export const CableViewSchema = z
  .object({
    cable: z.object({
      key: z.string(),
      id: nullableString,
      rawId: nullableString,
      date: nullableString,
      dateSource: DateSourceSchema.nullable(),
      origin: nullableString,
      originKey: nullableString,
      precedence: nullableString,
      classification: nullableString,
      level: z.number().int(),
      caveats: z.array(z.string()),
      subject: nullableString,
      captions: z.array(z.string()),
      tags: z.array(z.string()),
      addressees: z.array(z.object({ role: z.enum(['to', 'info']), name: z.string(), route: nullableString, precedence: nullableString })),
      text: z.string(),
      diagnostics: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string(), line: z.number(), column: z.number() })),
      errorCount: z.number().int(),
    }),
    references: z.array(z.object({ letter: nullableString, id: nullableString, text: z.string(), kind: referenceKind, cable: CableSummarySchema.nullable(), datedAfter: z.boolean() })),
    citedBy: z.array(CableSummarySchema),
    sources: z.array(SourceSchema),
    lint: z.array(LintFindingSchema),
    withheld: z
      .array(z.object({ portion: z.string(), mark: nullableString, reason: z.string() }))
      .optional()
      .openapi({ description: 'Present when the caller may read the cable only in part (portion-level access): the portions withheld from `cable.text`, which is the redacted rendering' }),
    withheldFields: z
      .array(z.enum(['references', 'diagnostics', 'errorCount', 'sources']))
      .optional()
      .openapi({ description: 'Present with `withheld`: fields withheld from a reader in part because they are read from the whole text; their values (`references`, `cable.diagnostics`, `cable.errorCount`, `sources`) are then empty and mean withheld, not none' }),
  })
  .openapi('CableView')

export const GraphSchema = z
  .object({
    root: z.string(),
    depth: z.number().int(),
    nodes: z.array(z.object({ key: z.string(), cable: CableSummarySchema.nullable() })),
    edges: z.array(z.object({ from: z.string(), to: z.string(), letter: nullableString })),
    documents: z.array(z.object({ letter: nullableString, kind: referenceKind, text: z.string() })).openapi({ description: "The root's references to documents that are no cable (memos, e-mails, …): never edges" }),
  })
  .openapi('ReferenceGraph')

export const StatsSchema = z
  .object({
    cables: z.number().int(),
    sources: z.number().int(),
    withErrors: z.number().int(),
    byYear: z.array(CountSchema),
    byOrigin: z.array(CountSchema),
    byClassification: z.array(CountSchema),
    byMonth: z.array(CountSchema),
  })
  .openapi('ArchiveStats')

export const TextInputSchema = z
  .object({
    text: z.string().min(1).openapi({ description: 'A cable: raw telegram text, a Cablegate HTML page or a cables.csv row' }),
    mode: z.enum(['compose', 'archive']).default('archive').openapi({ description: 'Lint rule set (lint route only)' }),
    id: z.string().max(64).optional().openapi({ description: 'Reference id to assume when the text lacks its year (as a file name would give)' }),
  })
  .openapi('TextInput')

export const ParseResultSchema = z
  .object({
    fields: z.record(z.string(), z.unknown()).openapi({ description: 'The public fields of docs/data-model.md' }),
    diagnostics: z.array(z.unknown()),
  })
  .openapi('ParseResult')

export const LintResultSchema = z
  .object({ errors: z.number().int(), warnings: z.number().int(), messages: z.array(LintFindingSchema.extend({ endLine: z.number().int(), endColumn: z.number().int() })) })
  .openapi('LintResult')

/** The problem responses a route may answer with, for the OpenAPI document. */
export function problems(...statuses: number[]): Record<number, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }> {
  const out: Record<number, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }> = {}
  for (const s of statuses) out[s] = { description: PROBLEM_DESCRIPTIONS[s] ?? 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } }
  return out
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed body (MALFORMED), query syntax error (QUERY_SYNTAX with column), or a query parameter the route does not take (UNKNOWN_PARAMETER, errors naming it)',
  401: 'No valid session or token (UNAUTHENTICATED)',
  403: 'Forbidden, not cleared, or CSRF token missing',
  404: 'Not found (also for what the principal may not see)',
  409: 'Out of order or conflict',
  413: 'Request body too large',
  422: 'Invalid fields (INVALID with paths) or LINT_FAILED',
  429: 'Rate limited (Retry-After)',
}

export const json = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } })
