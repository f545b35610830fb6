import type { Command } from 'commander'
import { canonicalId, isTelegramWord, originRepairOf } from '../../format/ids.js'
import type { Io } from '../io.js'
import { oneOf } from '../option-values.js'
import type { SetExit } from './index.js'

/** What `cable id` says about one input: its canonical id, or why it is none, and any repair of its origin. */
export interface IdResult {
  input: string
  id?: string
  error?: string
  /** The origin as written and the station it was read as, when the directory repaired it. */
  repaired?: { from: string; to: string; how: 'truncation' | 'spelling' }
  /** Stations equally close to an origin the directory does not know: left as written. */
  ambiguous?: string[]
}

/** Canonical id of one input as `cable id` reports it. */
export function idResult(input: string): IdResult {
  const id = canonicalId(input)
  const written = /^(?:\d{2}|\d{4})([A-Z]+?)(?:\d|$)/i.exec(input.replace(/[\s-]+/g, '').toUpperCase())
  if (!id && written && isTelegramWord(written[1])) {
    return { input, error: `${written[1]} is a telegram-type word (whose telegram: the Department's, a post's), not an origin: no id is built from it` }
  }
  if (!id) return { input, error: 'not a reference id (expected year, origin and serial, e.g. 09STATE99704)' }
  const out: IdResult = { input, id }
  if (written) {
    const r = originRepairOf(written[1])
    if (r.kind === 'repaired') out.repaired = { from: written[1], to: r.origin, how: r.how }
    else if (r.kind === 'ambiguous') out.ambiguous = r.candidates
  }
  return out
}

export function registerId(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('id')
    .description('print the canonical reference id of each id given (repairs malformed ids such as 08SCTION02OF02SAOPAULO335, NARA document numbers such as 1974KINSHA01234)')
    .argument('<id...>', 'reference ids as found in texts or archives')
    .option('--format <format>', 'text (one id a line, errors on stderr) or json (one object a line per input: input, id or error)', 'text')
    .action((ids: string[], opts: { format: string }) => {
      const format = oneOf('--format', opts.format, ['text', 'json'] as const)
      for (const raw of ids) {
        const r = idResult(raw)
        if (r.error) setExit(1)
        if (format === 'json') io.stdout.write(`${JSON.stringify(r)}\n`)
        else if (r.id) io.stdout.write(`${r.id}\n`)
        else io.stderr.write(`cable id: ${raw}: ${r.error}\n`)
        if (format === 'text' && r.ambiguous) io.stderr.write(`cable id: ${raw}: the origin is equally close to ${r.ambiguous.join(', ')}: left as written\n`)
      }
    })
}
