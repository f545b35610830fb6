import { ApiError, apiPath, request } from './api.js'
// Type-only imports of the service layer's answers (erased from the bundle). Only modules whose imports stay
// browser-safe are named here; Snapshot, GapRow, Person and CableRoute live in modules that import node:*
// or untyped packages, so their shapes are mirrored below.
import type { CableVersion } from '../../src/store/store.js'
import type { VersionDiff } from '../../src/archive/cable-versions.js'
import type { Redaction as ServiceRedaction } from '../../src/archive/redact.js'

export type { CableVersion, VersionDiff }

/**
 * The research routes (docs/research.md, docs/http.md): versions and word diffs, routing replay, releasable
 * renderings, query snapshots, the MRN gap map, people and the origin→addressee network. Shapes mirror the
 * service layer's answers; every value is computed on the server with the reader's access.
 */

/** Every text of a cable, oldest first; `current` marks the one the archive shows. */
export async function getVersions(id: string, signal?: AbortSignal): Promise<CableVersion[]> {
  const answer = await request<{ versions: CableVersion[] }>('GET', `/api/cables/${encodeURIComponent(id)}/versions`, undefined, signal)
  return answer.versions
}

/** The word diff between versions `from` and `to` (the first and the last when left out). */
export function getDiff(id: string, from: number | null, to: number | null, signal?: AbortSignal): Promise<VersionDiff> {
  return request('GET', apiPath(`/api/cables/${encodeURIComponent(id)}/diff`, { from, to }), undefined, signal)
}

export interface RouteReceipt {
  post: string
  route: string | null
  role: 'action' | 'info'
  precedence: string
  certainty: 'certain' | 'inferred'
  precedenceFrom: string
  via: string[]
}

export interface CableRoute {
  key: string
  id: string | null
  directory: string
  recipients: RouteReceipt[]
  excluded: { post: string; collective: string }[]
  unresolved: { role: string; name: string; route: string | null }[]
  profile: { post: string; matched: string[] }[]
  profileNamed: boolean
  noRecipientsBecause: string | null
  deliveries: { post: string; role: string; precedence: string }[] | null
  matchesDeliveries: boolean | null
}

/** The routing replay of a cable: who received it, how, and how certain that is. */
export function getRoute(id: string, signal?: AbortSignal): Promise<CableRoute> {
  return request('GET', `/api/cables/${encodeURIComponent(id)}/route`, undefined, signal)
}

/** A releasable rendering as the route answers it: the service's rendering with the cable's key. */
export type Redaction = ServiceRedaction & { key: string }

/** The cable as a reader cleared for `forSpec` (`CONFIDENTIAL`, `SECRET,NOFORN`) may see it. */
export function getRedaction(id: string, forSpec: string, signal?: AbortSignal): Promise<Redaction> {
  return request('GET', apiPath(`/api/cables/${encodeURIComponent(id)}/redact`, { for: forSpec }), undefined, signal)
}

export interface Snapshot {
  format: number
  id: string
  query: string
  savedAt: string
  access: { level: number; caveats: string[] } | null
  archiveHash: string
  archiveCables: number
  resultHash: string
  count: number
  cables: { key: string; texts: string[] }[]
}

export interface SnapshotCheck {
  id: string
  query: string
  identical: boolean
  sameArchive: boolean
  count: number
  savedCount: number
  added: string[]
  removed: string[]
  changed: string[]
}

/** Saves a snapshot of a query's result; a read-only (public) server answers 403 with the reason. */
export function saveSnapshot(query: string): Promise<Snapshot> {
  return request('POST', '/api/snapshots', { query })
}

export function getSnapshot(id: string, signal?: AbortSignal): Promise<Snapshot> {
  return request('GET', `/api/snapshots/${encodeURIComponent(id)}`, undefined, signal)
}

/** Runs a snapshot's query again and compares: identical, or the cables added, removed and changed. */
export function verifySnapshot(id: string, signal?: AbortSignal): Promise<SnapshotCheck> {
  return request('GET', `/api/snapshots/${encodeURIComponent(id)}/verify`, undefined, signal)
}

export interface GapRow {
  origin: string
  year: number
  first: number
  last: number
  held: number
  cited: number
  missing: number
  coverage: number
  /** Per month: held, estimated missing (cited included) and, of those, cited but not held. */
  byMonth: { month: string; held: number; missing: number; cited: number }[]
  citedMissing: string[]
  /**
   * Cited serials that cannot be cables of the origin-year, with why (`fence`: far outside the year's serials;
   * `scale`: out of scale with the post's other serials; `date`: issued after every cable citing it) and the
   * cables citing them; not counted. A row whose every serial is one has first = last = 0.
   */
  outliers: { id: string; serial: number; reason: 'fence' | 'scale' | 'date'; citedBy: string[] }[]
}

/** The MRN gap map, per origin and year, optionally for one origin and/or one year. */
export function getGaps(origin: string | null, year: string | null, signal?: AbortSignal): Promise<GapRow[]> {
  return request('GET', apiPath('/api/gaps', { origin, year }), undefined, signal)
}

export interface Person {
  key: string
  name: string
  titles: string[]
  roles: string[]
  cables: string[]
  mentions: { cable: string; role: string; written: string; title: string | null }[]
}

/** People in the cables the reader may see, most cables first (at most `limit`). */
export function getPeople(limit: number, signal?: AbortSignal): Promise<Person[]> {
  return request('GET', apiPath('/api/people', { limit }), undefined, signal)
}

/**
 * One person by key (`QUINT P`), from the cables the reader may see; null when none of them names him (the
 * route's 404).
 */
export async function getPerson(key: string, signal?: AbortSignal): Promise<Person | null> {
  try {
    return await request<Person>('GET', `/api/people/${encodeURIComponent(key)}`, undefined, signal)
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null
    throw e
  }
}

/** graphology's serialisation of the origin→addressee network. */
export interface NetworkJson {
  nodes: { key: string; attributes: { sent: number; received: number } }[]
  edges: { key?: string; source: string; target: string; attributes: { weight: number; years: Record<string, number>; action: number; info: number } }[]
}

export function getNetwork(year: string | null, signal?: AbortSignal): Promise<NetworkJson> {
  return request('GET', apiPath('/api/network', { year, format: 'json' }), undefined, signal)
}

/**
 * The classifications of the cables a query selects (its classification facet over the whole result) and
 * how many it selects, for the banner of a screen whose content is derived from those cables: names, ids,
 * counts. `(none)` is read as an unknown classification, so the banner fails closed.
 */
export async function classificationsOf(query: string, signal?: AbortSignal): Promise<{ total: number; classifications: (string | null)[] }> {
  const answer = await request<{ total: number; facets?: { classification?: { value: string }[] } | null }>('GET', apiPath('/api/search', { q: query, limit: 0, facets: true }), undefined, signal)
  return { total: answer.total, classifications: (answer.facets?.classification ?? []).map((f) => (f.value === '(none)' ? null : f.value)) }
}
