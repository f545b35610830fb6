import { useEffect, useState } from 'preact/hooks'
import { useOnScreen } from '../banner.js'
import { quoteValue } from '../archive/query-state.js'
import { classificationsOf } from '../research-api.js'

/**
 * Reports to the banner the classifications of the cables a screen's content is derived from (people's names,
 * cited ids, network edges come out of cable texts and headers). Until they are known, when the lookup fails,
 * or when the query finds fewer cables than `expected`, the screen reports an unknown classification too:
 * the banner fails closed.
 */
export function useScopeOnScreen(query: string | null, expected = 0): void {
  const [scope, setScope] = useState<(string | null)[]>([null])
  useEffect(() => {
    if (query === null) return
    const abort = new AbortController()
    setScope([null])
    classificationsOf(query, abort.signal).then(
      (s) => setScope(s.total < expected ? [...s.classifications, null] : s.classifications),
      () => !abort.signal.aborted && setScope([null]),
    )
    return () => abort.abort()
  }, [query, expected])
  useOnScreen(query === null ? [] : scope)
}

/** A query selecting exactly these cables by id or key. */
export function idsQuery(keys: string[]): string {
  return keys.map((k) => `id:${quoteValue(k)}`).join(' OR ')
}
