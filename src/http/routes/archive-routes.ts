import { archiveStats } from '../../archive/archive-stats.js'
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { stream } from 'hono/streaming'
import { writeSearch } from '../../archive/output/write-search.js'
import { referenceGraph } from '../../archive/reference-graph.js'
import { searchArchive } from '../../archive/search-archive.js'
import { showCable } from '../../archive/show-cable.js'
import { tagMeanings } from '../../archive/tag-meanings.js'
import { lintText } from '../../lint/index.js'
import type { HttpEnv } from '../env.js'
import { HttpProblem } from '../problem.js'
import { CableViewSchema, ExportQuerySchema, GraphSchema, json, problems, SearchQuerySchema, SearchResultSchema, StatsSchema, TagMeaningsSchema } from '../schemas.js'
import type { ServerDeps } from '../server-deps.js'

const IdParam = z.object({ id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, example: '09STATE99704' }) })

const search = createRoute({
  method: 'get',
  path: '/api/search',
  tags: ['archive'],
  summary: 'Search the archive',
  description: 'Query language, sort and page; optional facets and a date histogram over the whole result, not just the page.',
  request: { query: SearchQuerySchema },
  responses: { 200: json(SearchResultSchema, 'A page of hits with the total'), ...problems(400, 401, 422, 429) },
})

const cable = createRoute({
  method: 'get',
  path: '/api/cables/{id}',
  tags: ['archive'],
  summary: 'One cable',
  description: 'Fields, text, references resolved against the archive, the cables citing it, its sources and its archive-mode lint findings.',
  request: { params: IdParam },
  responses: { 200: json(CableViewSchema, 'The cable'), ...problems(401, 404, 429) },
})

const graph = createRoute({
  method: 'get',
  path: '/api/cables/{id}/graph',
  tags: ['archive'],
  summary: 'Reference graph around a cable',
  description: 'What the cable cites and what cites it, both ways, out to `depth` hops (1–4).',
  request: { params: IdParam, query: z.object({ depth: z.coerce.number().int().min(1).max(4).default(2) }) },
  responses: { 200: json(GraphSchema, 'Nodes and edges'), ...problems(401, 404, 422) },
})

const stats = createRoute({
  method: 'get',
  path: '/api/stats',
  tags: ['archive'],
  summary: 'Archive counts',
  description: 'Cables and sources, by year, origin, classification and month: under portion-level access the cables the principal\'s search finds, those he may read only in part included (their year and month as his rendering shows them); sources and parse errors count only the cables he reads whole.',
  responses: { 200: json(StatsSchema, 'Counts over every cable the principal may read'), ...problems(401) },
})

const tags = createRoute({
  method: 'get',
  path: '/api/tags',
  tags: ['archive'],
  summary: 'The TAGS table',
  description: 'Every TAGS code the table gives a meaning for, with that meaning and its kinds (subject, program, organization, geographic), ordered by code. Reference data: the same for every principal.',
  responses: { 200: json(TagMeaningsSchema, 'Codes and their meanings'), ...problems(401) },
})

const exportRoute = createRoute({
  method: 'get',
  path: '/api/export',
  tags: ['archive'],
  summary: 'Export a whole result set',
  description:
    'Every hit of the query, streamed, no cap: CSV (`text/csv`, columns id,date,date_source,origin,classification,subject,tags,score,snippet) or JSON Lines (`application/jsonl`, one hit a line). Chosen by `format`, else by Accept.',
  request: { query: ExportQuerySchema },
  responses: {
    200: {
      description: 'The rows',
      content: { 'text/csv': { schema: z.string() }, 'application/jsonl': { schema: z.string() } },
    },
    ...problems(400, 401, 406, 422, 429),
  },
})

/** Bytes gathered before a write to the socket: one write per hit would cost more than the hits. */
const EXPORT_CHUNK = 64 * 1024

/** Picks CSV or JSON Lines from `?format=` or the Accept header; anything else cannot be served. */
function exportFormat(format: 'csv' | 'jsonl' | undefined, accept: string | undefined): 'csv' | 'jsonl' {
  if (format) return format
  const a = (accept ?? '*/*').toLowerCase()
  if (a.includes('text/csv')) return 'csv'
  if (/application\/(jsonl|x-ndjson|x-jsonlines|jsonlines)/.test(a)) return 'jsonl'
  if (a.includes('*/*') || a.includes('text/*')) return 'csv'
  throw new HttpProblem('NOT_ACCEPTABLE', `export is CSV (text/csv) or JSON Lines (application/jsonl); Accept was ${accept}`)
}

/**
 * The archive read routes: search, one cable, reference graph, stats, export and the TAGS table. Every read goes through
 * `src/archive` with the principal's access, so the store filters what the principal may not see; each
 * read is first counted by the bulk-read guard (`deps.reads`).
 */
export function registerArchiveRoutes(app: OpenAPIHono<HttpEnv>, deps: ServerDeps): void {
  app.openapi(search, async (c) => {
    const q = c.req.valid('query')
    const principal = c.get('principal')
    const result = await searchArchive(deps.archive, {
      query: q.q,
      sort: q.sort,
      limit: q.limit,
      offset: q.offset,
      facets: q.facets,
      histogram: q.histogram,
      snippets: q.snippets,
      access: principal.access,
    })
    const hits = []
    for await (const h of result.hits) hits.push(h)
    await deps.reads.searched(principal, result.query, result.total)
    return c.json(
      {
        total: result.total,
        offset: q.offset,
        limit: q.limit,
        hits,
        ...(result.facets ? { facets: result.facets } : {}),
        ...(result.histogram ? { histogram: result.histogram } : {}),
      },
      200,
    )
  })

  app.openapi(cable, async (c) => {
    const { id } = c.req.valid('param')
    const principal = c.get('principal')
    const view = await showCable(deps.archive, id, principal.access)
    if (!view) {
      await deps.reads.missing(principal, 'show', id)
      throw new HttpProblem('NOT_FOUND', `${id} is not in the archive`)
    }
    await deps.reads.charge(principal, 'read', 1)
    const { sources, ...fields } = view.cable
    const lint = lintText(fields.text, { mode: 'archive' }).map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.span.start.line,
      column: m.span.start.column,
    }))
    return c.json({ cable: fields, references: view.references, citedBy: view.citedBy, sources, lint, ...(view.withheld ? { withheld: view.withheld } : {}), ...(view.withheldFields ? { withheldFields: view.withheldFields } : {}) }, 200)
  })

  app.openapi(graph, async (c) => {
    const { id } = c.req.valid('param')
    const { depth } = c.req.valid('query')
    const principal = c.get('principal')
    const g = await referenceGraph(deps.archive, id, depth, principal.access)
    if (!g) {
      await deps.reads.missing(principal, 'refs', id)
      throw new HttpProblem('NOT_FOUND', `${id} is not in the archive`)
    }
    return c.json(g, 200)
  })

  app.openapi(stats, async (c) => c.json(await archiveStats(deps.archive, c.get('principal').access), 200))

  // reference data, not archive content: nothing to filter and nothing for the bulk-read guard to count
  app.openapi(tags, (c) => c.json({ tags: tagMeanings() }, 200))

  app.openapi(exportRoute, async (c) => {
    const q = c.req.valid('query')
    const format = exportFormat(q.format, c.req.header('accept'))
    const principal = c.get('principal')
    // a long export holds its own connection: SQLite runs no other statement on one while it streams
    const store = deps.openReadStore()
    let closeStore = true
    try {
      const result = await searchArchive(store, { query: q.q, sort: q.sort, snippets: q.snippets, access: principal.access })
      await deps.reads.searched(principal, result.query, result.total)
      await deps.reads.charge(principal, 'export', result.total)
      c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8')
      c.header('content-disposition', `attachment; filename="cables.${format}"`)
      c.header('x-total-count', String(result.total))
      closeStore = false
      return stream(
        c,
        async (out) => {
          let buffer = ''
          try {
            await writeSearch(
              result,
              async (s) => {
                buffer += s
                if (buffer.length >= EXPORT_CHUNK) {
                  const chunk = buffer
                  buffer = ''
                  await out.write(chunk)
                  if (out.aborted) throw new ExportAborted()
                }
              },
              { format, offset: 0 },
            )
            if (buffer) await out.write(buffer)
          } catch (error) {
            if (!(error instanceof ExportAborted)) deps.log(`export failed: ${error instanceof Error ? error.message : String(error)}`)
          } finally {
            if (store !== deps.archive) await store.close()
          }
        },
      )
    } finally {
      if (closeStore && store !== deps.archive) await store.close()
    }
  })
}

/** The client went away: stop reading hits. */
class ExportAborted extends Error {}
