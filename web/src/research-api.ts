import { ApiError, apiPath, request } from './api.js'
// Type-only imports of the service layer's answers (erased from the bundle), from modules whose own imports stay
// browser-safe: the answer types of the research tools live in type-only modules for this reason
import type { CableVersion } from '../../src/store/store.js'
import type { VersionDiff } from '../../src/archive/cable-versions.js'
import type { Redaction as ServiceRedaction } from '../../src/archive/redact.js'
import type { GapRow, Person, Snapshot, SnapshotCheck } from '../../src/archive/research-answers.js'
import type { CableRoute, RouteReceipt } from '../../src/messaging/route-answers.js'

export type { CableRoute, CableVersion, GapRow, Person, RouteReceipt, Snapshot, SnapshotCheck, VersionDiff }

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

/** The MRN gap map, per origin and year, optionally for one origin and/or one year. */
export function getGaps(origin: string | null, year: string | null, signal?: AbortSignal): Promise<GapRow[]> {
  return request('GET', apiPath('/api/gaps', { origin, year }), undefined, signal)
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
