/**
 * The one place the browser talks to `cable serve`. Every screen goes through these functions; the UI never
 * decides access: what the API returns is what the reader may see.
 */

/** An RFC 9457 problem returned by the API (`code` is the stable name: QUERY_SYNTAX, FORBIDDEN, …). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problem: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** 1-based column of a query syntax error, when the problem names one. */
  get column(): number | null {
    const c = this.problem.column
    return typeof c === 'number' ? c : null
  }
}

let csrfToken: string | null = null

/** Remembers the CSRF token the session route handed out; sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Called when a request comes back 401 (session expired or revoked): the app shows the login screen. */
let onUnauthorized: ((e: ApiError) => void) | null = null
export function setUnauthorizedHandler(handler: ((e: ApiError) => void) | null): void {
  onUnauthorized = handler
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {}
  try {
    body = (await res.json()) as Record<string, unknown>
  } catch {
    // a non-JSON error body (a proxy's page): keep the status line
  }
  const code = typeof body.code === 'string' ? body.code : `HTTP_${res.status}`
  const message = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : res.statusText
  return new ApiError(res.status, code, message, body)
}

/** Sends a request and parses the JSON answer; throws `ApiError` for a problem response. */
export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  })
  if (!res.ok) {
    const err = await problemOf(res)
    if (res.status === 401 && onUnauthorized) onUnauthorized(err)
    throw err
  }
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

/** `/api/path?k=v` with empty values left out. */
export function apiPath(path: string, params: Record<string, string | number | boolean | undefined | null> = {}): string {
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v))
  const qs = search.toString()
  return path + (qs ? '?' + qs : '')
}
