/**
 * Which compose-form field a line of the draft's telegram preview shows, so a lint finding reported at a
 * line can be shown beside the field that produced it. Reads the rendered telegram's own labels (spec §5:
 * TO/INFO lines, class line, captions, E.O., TAGS, SUBJECT, REF, numbered paragraphs); a line it cannot
 * place is `general`. Paragraph lines map to `body[i]` (0-based), continuation lines to their paragraph.
 */
export function fieldOfLine(text: string, line: number): string {
  const lines = text.split('\n')
  let field = 'general'
  let paragraph = -1
  let afterClassLine = false
  for (let i = 0; i < Math.min(line, lines.length); i++) {
    const l = lines[i].trim()
    if (/^TO\s/.test(l)) field = 'to'
    else if (/^INFO\s/.test(l)) field = 'info'
    else if (/^(FM|FROM)\s/.test(l)) field = 'general'
    else if (/^(UNCLAS|C\s?O\s?N\s?F|S\s?E\s?C\s?R\s?E\s?T|T\s?O\s?P\s|LIMITED|SENSITIVE BUT)/.test(l)) {
      field = 'classification'
      afterClassLine = true
      continue
    } else if (/^E\.\s?O\./.test(l)) field = 'eo'
    else if (/^CLASSIFIED\s+BY/i.test(l)) field = 'classifiedBy'
    else if (/^TAGS:?/.test(l)) field = 'tags'
    else if (/^SUBJ(ECT)?:?/.test(l)) field = 'subject'
    else if (/^REF:?/.test(l)) field = 'references'
    else if (/^\d+\.\s/.test(l)) {
      paragraph = Number(/^(\d+)\./.exec(l)![1]) - 1
      field = `body[${paragraph}]`
    } else if (/^\([A-Z][A-Z/ ]{0,14}\)\s/.test(l)) {
      // an unnumbered paragraph (a single-paragraph cable) starts at its portion mark
      paragraph++
      field = `body[${paragraph}]`
    } else if (afterClassLine && field === 'classification' && /^[A-Z ]+$/.test(l) && l !== '') field = 'captions'
    else if (l === '' && (field === 'tags' || field === 'subject' || field === 'references')) field = 'general'
    afterClassLine = afterClassLine && field === 'classification'
  }
  return field
}
