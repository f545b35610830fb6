import type { Cable } from './model.js'

/**
 * Writes the cable back exactly as it was read: the segments tile the input, and a cable that came
 * wrapped in an HTML page or a CSV row gives back the whole container.
 *
 * @example
 *   renderLossless(parseCable(text)) === text // true, byte for byte
 */
export function renderLossless(cable: Cable): string {
  if (cable.container) return cable.container.raw
  let out = ''
  for (const s of cable.segments) out += s.raw
  return out
}
