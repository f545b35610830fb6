import type { TextBlock } from '../format/model.js'

/**
 * Text characters per section. SMART cut telegrams into sections of a few pages; 4,000 characters of
 * text keeps a section within two 55-column pages' worth of paragraphs as the seed's first section shows.
 */
export const SECTION_BUDGET = 4000

const size = (b: TextBlock): number => {
  switch (b.type) {
    case 'para':
      return b.text.length + 8
    case 'lines':
    case 'captions':
    case 'signature':
      return b.lines.join('\n').length + 2
    case 'subject':
      return b.text.length + 14
    case 'tags':
      return b.tags.join(' ').length + 8
    case 'pageHeader':
      return 0
    default:
      return 'text' in b ? b.text.length + 2 : 0
  }
}

/**
 * Splits text blocks into sections of at most `budget` characters, cutting only between blocks so a
 * paragraph is never split; a single block longer than the budget gets a section of its own.
 *
 * @example
 *   splitSections(blocks, 4000).length // 2 for a 6,500-character text
 */
export function splitSections(blocks: TextBlock[], budget: number = SECTION_BUDGET): TextBlock[][] {
  const sections: TextBlock[][] = [[]]
  let used = 0
  for (const block of blocks) {
    const n = size(block)
    const current = sections[sections.length - 1]
    if (current.length > 0 && used + n > budget) {
      sections.push([block])
      used = n
    } else {
      current.push(block)
      used += n
    }
  }
  return sections
}
