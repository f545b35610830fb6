import type { ComponentType, FunctionComponent } from 'preact'
import { useEffect, useState } from 'preact/hooks'

/**
 * A screen whose code is fetched on first use (a separate chunk), so the initial bundle holds only the
 * search and cable screens. The module loads once; later renders use it directly.
 */
export function lazyPage<P extends object>(what: string, load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | null = null
  let pending: Promise<ComponentType<P>> | null = null
  return function LazyPage(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded) // a function: useState would call it as an initialiser
    const [error, setError] = useState<Error | null>(null)
    useEffect(() => {
      if (component) return
      let live = true
      pending ??= load().then((c) => (loaded = c))
      pending.then(
        (c) => live && setComponent(() => c),
        (e: unknown) => {
          pending = null // a failed chunk download may succeed on the next visit
          if (live) setError(e instanceof Error ? e : new Error(String(e)))
        },
      )
      return () => {
        live = false
      }
    }, [])
    if (error)
      return (
        <p class="error" role="alert">
          Could not load the {what} screen: {error.message}
        </p>
      )
    if (!component) return <p aria-busy="true">Loading {what}…</p>
    const Component = component
    return <Component {...props} />
  }
}
