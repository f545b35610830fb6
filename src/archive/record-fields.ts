import type { Cable } from '../format/model.js'

/**
 * The TAGS of a parsed cable as the archive stores them: upper case, each run of white space inside one blank,
 * each once (`Human  Rights` → `HUMAN RIGHTS`, as written; a hyphen stays a hyphen). What `tag:` selects (its value
 * normalised the same way, `tagCaptionValue`), the tag facet counts and `show` prints.
 */
export function recordTags(cable: Cable): string[] {
  return [...new Set(cable.tags.map((t) => t.trim().toUpperCase().replace(/\s+/g, ' ')).filter(Boolean))]
}

/** The captions of a parsed cable as the archive stores them (upper case, blanks collapsed, each once). */
export function recordCaptions(cable: Cable): string[] {
  return [...new Set(cable.captions.map((c) => c.trim().toUpperCase().replace(/\s+/g, ' ')).filter(Boolean))]
}

/**
 * A stored TAGS list as one line of text (`show`, CSV export): space-joined as TAGS lines of codes are written
 * (`PREL PGOV XY`), comma-joined when an entry holds a blank (`PHUM, XY, HUMAN RIGHTS`) so its words read as one.
 */
export function tagListText(tags: readonly string[]): string {
  return tags.join(tags.some((t) => t.includes(' ')) ? ', ' : ' ')
}
