import { QUERY_LIMITS } from '../../archive/query/parse-query.js'
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { cableVersions, diffVersions, ReadInPartError, VersionNotFoundError } from '../../archive/cable-versions.js'
import { gapMap, GapOptionError } from '../../archive/gap-map.js'
import { cableNetwork, networkCsv, networkDot, networkExport } from '../../archive/network.js'
import { archivePeople, archivePerson } from '../../archive/people.js'
import { clearanceSpec } from '../../archive/reader-access.js'
import { redactStoredCable } from '../../archive/releasable.js'
import { loadSnapshot, saveSnapshot, SnapshotAccessError, SnapshotError, SnapshotIdError, verifySnapshot } from '../../archive/snapshots.js'
import { messagingDirectory, routeWith, shippedDirectory } from '../../messaging/routing-replay.js'
import type { HttpEnv } from '../env.js'
import { HttpProblem } from '../problem.js'
import { json, problems } from '../schemas.js'
import type { ServerDeps } from '../server-deps.js'

/**
 * The research routes (docs/research.md): versions and word diffs, routing replay, query snapshots, the MRN
 * gap map, releasable renderings, people and the origin→addressee network. Each calls the service layer
 * with the principal's access, so nothing the principal may not read is used.
 */
const IdParam = z.object({ id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, example: '09STATE99704' }) })
const Any = (name: string) => z.object({}).passthrough().openapi(name)
const year = z.coerce.number().int().min(1900).max(2099).optional()

const routes = {
  versions: createRoute({ method: 'get', path: '/api/cables/{id}/versions', tags: ['research'], summary: 'Every text of a cable', description: 'Versions numbered by rank (a function of the set of texts, never of import order: version 1 the one ranked last, the one shown, `current`, last), each with its sources and text. A version made of the sections of a telegram sent in sections lists them in `sections` (in order, each with its text, filing and sources; `missing: true` for one the archive holds no text of). 403 for a caller who may read the cable only in part (its versions rest on the text withheld from him; how many there are is not said).', request: { params: IdParam }, responses: { 200: json(Any('CableVersions'), 'The versions'), ...problems(401, 403, 404) } }),
  diff: createRoute({ method: 'get', path: '/api/cables/{id}/diff', tags: ['research'], summary: 'Word diff between two versions', description: 'Without `from`/`to`: the first and the last version. 403 for a caller who may read the cable only in part (its versions cannot be compared without the withheld text).', request: { params: IdParam, query: z.object({ from: z.coerce.number().int().min(1).optional(), to: z.coerce.number().int().min(1).optional() }) }, responses: { 200: json(Any('VersionDiff'), 'Runs of same, removed and added words'), ...problems(401, 403, 404, 422) } }),
  route: createRoute({ method: 'get', path: '/api/cables/{id}/route', tags: ['research'], summary: 'Routing replay', description: 'Receiving posts with role, precedence and certainty; exclusions, unknown addressees, posts reached by subscriptions.', request: { params: IdParam }, responses: { 200: json(Any('RoutingReplay'), 'The replay'), ...problems(401, 404) } }),
  redact: createRoute({ method: 'get', path: '/api/cables/{id}/redact', tags: ['research'], summary: 'Releasable rendering', description: '`for` is a level and caveats, comma-separated (`CONFIDENTIAL`, `SECRET,NOFORN`). 403 for a caller who may read the cable only in part (a releasable rendering is made from the whole cable).', request: { params: IdParam, query: z.object({ for: z.string().min(1).max(200).describe('a clearance such as CONFIDENTIAL or SECRET,NOFORN (a level, then caveats, comma-separated)') }) }, responses: { 200: json(Any('Redaction'), 'The rendering and the withheld portions'), ...problems(401, 403, 404, 422) } }),
  saveSnapshot: createRoute({ method: 'post', path: '/api/snapshots', tags: ['research'], summary: 'Save a query snapshot', request: { body: { content: { 'application/json': { schema: z.object({ query: z.string().max(QUERY_LIMITS.length) }) } } } }, responses: { 200: json(Any('Snapshot'), 'The saved snapshot and its id'), ...problems(400, 401, 403, 422) } }),
  snapshot: createRoute({ method: 'get', path: '/api/snapshots/{id}', tags: ['research'], summary: 'A saved snapshot', description: '422 for a blank id.', request: { params: IdParam }, responses: { 200: json(Any('SavedSnapshot'), 'The snapshot'), ...problems(401, 403, 404, 409, 422) } }),
  verify: createRoute({ method: 'get', path: '/api/snapshots/{id}/verify', tags: ['research'], summary: 'Verify a snapshot', description: 'Runs its query again: identical, or the cables added, removed and changed. 422 for a blank id.', request: { params: IdParam }, responses: { 200: json(Any('SnapshotCheck'), 'The comparison'), ...problems(401, 403, 404, 409, 422) } }),
  gaps: createRoute({ method: 'get', path: '/api/gaps', tags: ['research'], summary: 'MRN gap map', description: 'Per origin and year: serials held, cited and missing, by month, with the known-but-missing ids.', request: { query: z.object({ origin: z.string().max(100).optional(), year }) }, responses: { 200: json(z.array(Any('GapRow')), 'Rows'), ...problems(401, 422) } }),
  people: createRoute({ method: 'get', path: '/api/people', tags: ['research'], summary: 'People in the cables', request: { query: z.object({ limit: z.coerce.number().int().min(1).max(10_000).default(100) }) }, responses: { 200: json(z.array(Any('Person')), 'People, most cables first'), ...problems(401, 422) } }),
  person: createRoute({ method: 'get', path: '/api/people/{key}', tags: ['research'], summary: 'One person in the cables', description: 'By key (`QUINT P`: surname and first initial; `QUINT PETER` when two first names share the initial; or a surname alone), as the list gives it; 404 when no cable the caller may read names him.', request: { params: z.object({ key: z.string().min(1).max(200).openapi({ param: { name: 'key', in: 'path' }, example: 'QUINT P' }) }) }, responses: { 200: json(Any('PersonDetail'), 'The person, his titles, roles, cables and mentions'), ...problems(401, 404) } }),
  network: createRoute({ method: 'get', path: '/api/network', tags: ['research'], summary: 'Origin→addressee network', description: '`format`: json (graphology serialisation, every edge keyed `source->target`, nodes and edges in key order: the same on every run), dot or csv.', request: { query: z.object({ year, format: z.enum(['json', 'dot', 'csv']).default('json') }) }, responses: { 200: { description: 'The network', content: { 'application/json': { schema: Any('Network') }, 'text/vnd.graphviz': { schema: z.string() }, 'text/csv': { schema: z.string() } } }, ...problems(401, 422) } }),
}

export function registerResearchRoutes(app: OpenAPIHono<HttpEnv>, deps: ServerDeps): void {
  const missing = async (principal: Parameters<typeof deps.reads.missing>[0], action: string, id: string): Promise<never> => {
    await deps.reads.missing(principal, action, id)
    throw new HttpProblem('NOT_FOUND', `${id} is not in the archive`)
  }
  app.openapi(routes.versions, async (c) => {
    const { id } = c.req.valid('param')
    const principal = c.get('principal')
    let versions
    try {
      versions = await cableVersions(deps.archive, id, principal.access)
    } catch (error) {
      if (error instanceof ReadInPartError) throw new HttpProblem('FORBIDDEN', error.message)
      throw error
    }
    if (!versions) return missing(principal, 'versions', id)
    await deps.reads.charge(principal, 'read', 1)
    return c.json({ versions }, 200)
  })
  app.openapi(routes.diff, async (c) => {
    const { id } = c.req.valid('param')
    const q = c.req.valid('query')
    const principal = c.get('principal')
    try {
      const d = await diffVersions(deps.archive, id, q.from, q.to, principal.access)
      if (!d) return missing(principal, 'diff', id)
      await deps.reads.charge(principal, 'read', 1)
      return c.json(d, 200)
    } catch (error) {
      if (error instanceof VersionNotFoundError) throw new HttpProblem('INVALID', error.message)
      if (error instanceof ReadInPartError) throw new HttpProblem('FORBIDDEN', error.message)
      throw error
    }
  })
  app.openapi(routes.route, async (c) => {
    const { id } = c.req.valid('param')
    const principal = c.get('principal')
    const directory = deps.messaging ? messagingDirectory(deps.messaging.ctx.store) : shippedDirectory()
    const route = await routeWith(deps.archive, id, directory, principal.access)
    if (!route) return missing(principal, 'route', id)
    await deps.reads.charge(principal, 'read', 1)
    return c.json(route, 200)
  })
  app.openapi(routes.redact, async (c) => {
    const { id } = c.req.valid('param')
    let target
    try {
      target = clearanceSpec(c.req.valid('query').for)
    } catch (error) {
      throw new HttpProblem('INVALID', `for: ${(error as Error).message}`)
    }
    const principal = c.get('principal')
    let rendering
    try {
      rendering = await redactStoredCable(deps.archive, id, target, principal.access)
    } catch (error) {
      // read in part: 403 with the service's words, never "not in the archive" (QA 10 F2)
      if (error instanceof ReadInPartError) throw new HttpProblem('FORBIDDEN', error.message)
      throw error
    }
    if (!rendering) return missing(principal, 'redact', id)
    await deps.reads.charge(principal, 'read', 1)
    return c.json(rendering, 200)
  })
  app.openapi(routes.saveSnapshot, async (c) => {
    if (deps.readOnlyArchive) {
      throw new HttpProblem('FORBIDDEN', 'this public archive is served read-only: its keeper saves snapshots with `cable snapshot save`; saved ones can be read and verified here')
    }
    const principal = c.get('principal')
    const s = await saveSnapshot(deps.archive, c.req.valid('json').query, principal.access)
    await deps.reads.charge(principal, 'export', s.count)
    return c.json(s, 200)
  })
  app.openapi(routes.snapshot, async (c) => {
    try {
      const s = await loadSnapshot(deps.archive, c.req.valid('param').id, c.get('principal').access)
      if (!s) throw new HttpProblem('NOT_FOUND', `no snapshot ${c.req.valid('param').id}`)
      return c.json(s, 200)
    } catch (error) {
      if (error instanceof SnapshotError) throw snapshotProblem(error)
      throw error
    }
  })
  app.openapi(routes.verify, async (c) => {
    const principal = c.get('principal')
    try {
      const s = await loadSnapshot(deps.archive, c.req.valid('param').id, principal.access)
      if (!s) throw new HttpProblem('NOT_FOUND', `no snapshot ${c.req.valid('param').id}`)
      const check = await verifySnapshot(deps.archive, s, principal.access)
      await deps.reads.charge(principal, 'export', check.count)
      return c.json(check, 200)
    } catch (error) {
      if (error instanceof SnapshotError) throw snapshotProblem(error)
      throw error
    }
  })
  app.openapi(routes.gaps, async (c) => {
    const q = c.req.valid('query')
    try {
      return c.json(await gapMap(deps.archive, { origin: q.origin, year: q.year, access: c.get('principal').access }), 200)
    } catch (error) {
      if (error instanceof GapOptionError) throw new HttpProblem('INVALID', error.message)
      throw error
    }
  })
  app.openapi(routes.people, async (c) => {
    const people = await archivePeople(deps.archive, c.get('principal').access, deps.messaging?.ctx.store ?? null)
    return c.json(people.slice(0, c.req.valid('query').limit), 200)
  })
  app.openapi(routes.person, async (c) => {
    const { key } = c.req.valid('param')
    const person = await archivePerson(deps.archive, key, c.get('principal').access, deps.messaging?.ctx.store ?? null)
    if (!person) throw new HttpProblem('NOT_FOUND', `no person ${key} in the cables you may read`)
    return c.json(person, 200)
  })
  app.openapi(routes.network, async (c) => {
    const q = c.req.valid('query')
    // the directory the routing replay reads addressees with (the route above): one reading of an address line
    const g = await cableNetwork(deps.archive, c.get('principal').access, q.year, deps.messaging ? messagingDirectory(deps.messaging.ctx.store) : shippedDirectory())
    if (q.format === 'dot') return c.body(networkDot(g), 200, { 'content-type': 'text/vnd.graphviz; charset=utf-8' })
    if (q.format === 'csv') return c.body(networkCsv(g), 200, { 'content-type': 'text/csv; charset=utf-8' })
    return c.json(networkExport(g), 200)
  })
}

/**
 * A snapshot refusal as its problem: 403 for one the reader may not see or check (saved with more access; one
 * saved by another user under need to know never gets here, `loadSnapshot` gives null for it: 404), 409 for a stored snapshot that no longer holds what its id says (its copy in
 * the archive was changed), which no request of his can mend.
 */
function snapshotProblem(error: SnapshotError): HttpProblem {
  return new HttpProblem(error instanceof SnapshotAccessError ? 'FORBIDDEN' : error instanceof SnapshotIdError ? 'INVALID' : 'CONFLICT', error.message)
}
