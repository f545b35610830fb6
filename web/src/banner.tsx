import { createContext } from 'preact'
import { useContext, useEffect } from 'preact/hooks'
import { bannerFor, type Banner } from './classification.js'

/** Each screen reports the classifications it shows; the shell draws the banner of the highest. */
export const OnScreen = createContext<(classifications: (string | null)[]) => void>(() => {})

/** Declares what the current screen shows (re-declared whenever it changes). */
export function useOnScreen(classifications: (string | null)[]): void {
  const report = useContext(OnScreen)
  const key = JSON.stringify(classifications)
  useEffect(() => report(classifications), [key])
}

/** The classification banner, drawn at the top and the bottom of every screen. */
export function ClassificationBanner({ banner, position }: { banner: Banner; position: 'top' | 'bottom' }) {
  return (
    <div class={`banner banner-${position} tone-${banner.tone}`} role="status" aria-label={`Classification of this screen (${position})`} data-testid={`banner-${position}`}>
      {banner.text}
    </div>
  )
}

export { bannerFor }
