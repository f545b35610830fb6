import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { synthCables, type SynthCable } from './synth-cable.js'

export type SynthFormat = 'txt' | 'csv'

/** A `cables.csv` field: `"`-quoted, with `\` escaping quotes and backslashes, as the community file does. */
export function csvField(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** One `cables.csv` row: id, date, refid, origin, classification, references, header, body. */
export function csvLine(n: number, c: SynthCable): string {
  return [String(n), c.date, c.id, c.origin, c.classification, c.references.join(','), c.header, c.body].map(csvField).join(',') + '\n'
}

/** The text a `.txt` file holds: header, an empty line, body (as the corpus files are made). */
export function cableText(c: SynthCable): string {
  return `${c.header}\n\n${c.body}`
}

/**
 * Writes `count` synthetic cables: `txt` as `<dir>/<ID>.txt` files, `csv` as one `cables.csv`-style file,
 * streamed so any count fits in memory. Resolves to the number of bytes of cable text written.
 *
 * @example
 *   await writeSynth('/tmp/corpus.csv', 250_000, 1, 'csv')
 */
export async function writeSynth(out: string, count: number, seed: number, format: SynthFormat): Promise<number> {
  let bytes = 0
  if (format === 'txt') {
    mkdirSync(out, { recursive: true })
    for (const c of synthCables(count, seed)) {
      const text = cableText(c)
      bytes += Buffer.byteLength(text)
      writeFileSync(join(out, `${c.id}.txt`), text)
    }
    return bytes
  }
  const stream = createWriteStream(out)
  let n = 0
  for (const c of synthCables(count, seed)) {
    bytes += Buffer.byteLength(cableText(c))
    if (!stream.write(csvLine(++n, c))) await once(stream, 'drain')
  }
  stream.end()
  await once(stream, 'finish')
  return bytes
}
