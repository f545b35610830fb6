import type { Cable } from '../format/model.js'

/**
 * The TAGS of a parsed cable as the archive stores them (upper case, inner blanks as `-`, each once): what
 * `tag:` selects and the tag facet counts.
 */
export function recordTags(cable: Cable): string[] {
  return [...new Set(cable.tags.map((t) => t.trim().toUpperCase().replace(/\s+/g, '-')).filter(Boolean))]
}

/** The captions of a parsed cable as the archive stores them (upper case, blanks collapsed, each once). */
export function recordCaptions(cable: Cable): string[] {
  return [...new Set(cable.captions.map((c) => c.trim().toUpperCase().replace(/\s+/g, ' ')).filter(Boolean))]
}
