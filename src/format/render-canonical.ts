import { formatAddressee } from './addressee.js'
import { classWordFor } from './classification.js'
import type { Addressee, Cable, Envelope, TextBlock } from './model.js'

/** Drafted telegram text is 55 characters wide (5 FAH-1 H-246.1). */
export const LINE_WIDTH = 55

/**
 * Writes a correct telegram from the structured fields alone (envelope, addressees, body blocks, layout),
 * ignoring the original text. For the seed's fields it reproduces the seed byte for byte.
 *
 * @example
 *   renderCanonical(parseCable(seedText)) === seedText // true
 */
export function renderCanonical(cable: Cable): string {
  const web = cable.layout.profile === 'web'
  const header = renderHeader(cable)
  let out = '\n'.repeat(cable.layout.leadingEmptyLines)
  if (header.length) out += header.join('\n') + (cable.body.length ? '\n\n' : '')
  cable.body.forEach((block, i) => {
    if (i > 0) out += block.tight ? '\n' : '\n\n'
    out += renderBlock(block, web).join('\n')
  })
  if (cable.layout.finalNewline) out += '\n'
  return cable.layout.crlf ? out.replace(/\n/g, '\r\n') : out
}

export function renderHeader(cable: Cable): string[] {
  const lines = renderEnvelope(cable.envelope)
  if (cable.origin) lines.push(`FM ${cable.origin}`)
  addressLines(lines, 'TO', cable.to)
  addressLines(lines, 'INFO', cable.info)
  return lines
}

export function renderEnvelope(e: Envelope): string[] {
  const lines: string[] = []
  if (e.transmission) lines.push(`VZCZC${e.transmission.channel}${e.transmission.sequence}`)
  if (e.routing) lines.push(`${e.routing.prosign} ${e.routing.routes.join(' ')}`)
  if (e.station) lines.push(`DE ${e.station.route} #${e.station.serial}${e.station.section ? `/${e.station.section}` : ''} ${e.station.filed}`)
  if (e.security) lines.push([e.security.opsig, e.security.group, ...e.security.signals].join(' '))
  if (e.dtg) {
    const d = e.dtg
    lines.push([...d.precedence, `${d.day}${d.time}Z`, d.month, d.year, ...d.signals].join(' '))
  }
  return lines
}

function addressLines(lines: string[], label: string, list: Addressee[] | null) {
  if (!list) return
  list.forEach((a, i) => {
    lines.push(i === 0 ? `${label} ${formatAddressee(a)}` : formatAddressee(a))
    a.excluded?.forEach((x, j) => lines.push(j === 0 ? `XMT ${x}` : x))
  })
}

function renderBlock(b: TextBlock, web: boolean): string[] {
  switch (b.type) {
    case 'classLine': {
      const section = b.section ? ` SECTION ${b.section.number} OF ${b.section.of}` : ''
      return [`${classWordFor(b.level, b.spaced)}${b.controls ? `//${b.controls}` : ''}${section} ${b.origin} ${b.serial}${b.extra ? ` ${b.extra}` : ''}`]
    }
    case 'captions':
    case 'lines':
    case 'signature':
      return b.lines
    case 'eo':
    case 'ref':
    case 'classifiedBy':
      return web ? [b.text] : wrap(b.text, LINE_WIDTH)
    case 'tags':
      // an entry of several words (`HUMAN RIGHTS`) needs the comma-delimited form to read back as one (spec §5.7)
      return [`TAGS: ${b.tags.map((t) => (b.links ? `[${t}](#)` : t)).join(!b.links && b.tags.some((t) => /\s/.test(t)) ? ', ' : ' ')}`]
    case 'subject':
      // the keyword as written (`SUBJ:`, `UBJECT:`) is not kept: a correct telegram says SUBJECT:
      return wrap(`SUBJECT: ${b.marking ? `(${b.marking}) ` : ''}${b.text}`, LINE_WIDTH)
    case 'para': {
      const head = `${web && b.pilcrow ? '¶' : ''}${b.number}. ${b.marking ? `(${b.marking}) ` : ''}`
      return web ? [head + b.text] : wrap(head + b.text, LINE_WIDTH)
    }
    case 'pageHeader':
      return [b.text]
  }
}

/** Greedy word wrap: words are never split; a word longer than the width gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const words = text.split(' ').filter((w) => w !== '')
  const lines: string[] = []
  let line = ''
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line)
      line = w
    } else line = line ? `${line} ${w}` : w
  }
  if (line || lines.length === 0) lines.push(line)
  return lines
}
