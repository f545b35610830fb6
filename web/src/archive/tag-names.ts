import { useEffect, useState } from 'preact/hooks'
import { tagMeanings } from '../archive-api.js'

/**
 * The TAGS expansions for a screen: empty until the table arrives (codes show bare meanwhile), and empty
 * for good when it cannot be fetched — an expansion is a help, never a reason to fail a screen.
 */
export function useTagNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({})
  useEffect(() => {
    let live = true
    tagMeanings()
      .then((n) => {
        if (live) setNames(n)
      })
      .catch(() => {})
    return () => {
      live = false
    }
  }, [])
  return names
}
