import { useEffect, useState } from 'preact/hooks'

/**
 * Loads `load` whenever `deps` change: the value and error start over as null, and an answer that arrives after
 * the screen moved on (aborted) is dropped. The research screens' one loading mechanism.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): { value: T | null; error: Error | null } {
  const [value, setValue] = useState<T | null>(null)
  const [error, setError] = useState<Error | null>(null)
  useEffect(() => {
    const abort = new AbortController()
    setValue(null)
    setError(null)
    load(abort.signal).then(setValue, (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))))
    return () => abort.abort()
  }, deps)
  return { value, error }
}

/** A load's error as an alert, its message the server's words. */
export function Failure({ error }: { error: Error }) {
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  )
}
