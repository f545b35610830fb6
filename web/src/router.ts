import { useEffect, useState } from 'preact/hooks'

/**
 * All view state lives in the URL fragment (`#/search?q=tag:PREL&page=2`), so every screen is a permalink
 * and the browser's back button restores it. The fragment keeps the server simple: it serves `/` only.
 */
export interface Route {
  /** Path segments after `#/`, decoded: `#/cable/09STATE99704` → ['cable', '09STATE99704']. */
  segments: string[]
  params: URLSearchParams
}

/** Parses a location hash (`#/a/b?x=1`) into a route. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '')
  const q = body.indexOf('?')
  const path = q < 0 ? body : body.slice(0, q)
  const params = new URLSearchParams(q < 0 ? '' : body.slice(q + 1))
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), params }
}

/** The hash for a path and parameters; empty parameters are left out so URLs stay short. */
export function hrefFor(segments: string[], params: Record<string, string | number | undefined | null> | URLSearchParams = {}): string {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params)
  const search = new URLSearchParams()
  for (const [k, v] of entries) if (v !== undefined && v !== null && v !== '') search.append(k, String(v))
  const qs = search.toString()
  return '#/' + segments.map(encodeURIComponent).join('/') + (qs ? '?' + qs : '')
}

/** Goes to a route; `replace` rewrites the current history entry (typing, not a new view). */
export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}

/** The current route, re-rendered on every URL change. */
export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash)
  useEffect(() => {
    const update = () => setHash(location.hash)
    window.addEventListener('hashchange', update)
    window.addEventListener('popstate', update)
    return () => {
      window.removeEventListener('hashchange', update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  return parseHash(hash)
}
