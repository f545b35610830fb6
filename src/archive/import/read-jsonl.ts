import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Cable } from '../../format/model.js'
import { parseCable, parseRecordText } from '../../format/parse.js'
import { cfpfShapeOf } from './cfpf-columns.js'
import type { BytesRead, ImportItem, ImportProblem, InputFile } from './import-types.js'
import { cfpfItem } from './read-cfpf.js'

/**
 * Streams JSON Lines of the parsed model (`cable parse` output), one Cable per line. The lossless text is
 * rebuilt from the segments, so a line without them cannot be archived and is reported instead; the cable is
 * then parsed again from that text (markings, ids, fields), never taken from the model's own fields.
 * A line whose keys make a NARA CFPF record (History Lab's `doc_nbr`, `from_field`, `body`…; `cfpfShapeOf`)
 * is read as that record (`cfpfItem`). A UTF-8 byte order mark before the first line is no part of it.
 */
export async function* readJsonl(file: InputFile, onBytes: BytesRead): AsyncGenerator<ImportItem | ImportProblem> {
  yield* jsonlItems(file.path, createInterface({ input: createReadStream(file.path, 'utf8'), crlfDelay: Infinity }), onBytes)
}

/**
 * `readJsonl` over the lines of the file `path` from any source: the one reader of JSON Lines cables, for
 * `cable import` (a streamed file) and `cable parse` (a text in memory, `cfpfTextItems`).
 */
export async function* jsonlItems(path: string, lines: AsyncIterable<string> | Iterable<string>, onBytes: BytesRead): AsyncGenerator<ImportItem | ImportProblem> {
  const file = { path }
  let n = 0
  for await (const line of lines) {
    n++
    onBytes(Buffer.byteLength(line, 'utf8') + 1)
    if (line.trim() === '') continue
    const locator = `${file.path}#line=${n}`
    let cable: Cable
    try {
      // a byte order mark opens the file, not the record (editors and Windows exports write one)
      cable = JSON.parse(n === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line) as Cable
    } catch (error) {
      yield { locator, reason: `not JSON: ${(error as Error).message}` }
      continue
    }
    const shape = cable && typeof cable === 'object' && !Array.isArray(cable) && !('segments' in cable) ? cfpfShapeOf(Object.keys(cable)) : null
    if (shape) {
      yield cfpfItem(locator, 'jsonl', shape, cable as unknown as Record<string, unknown>)
      continue
    }
    if (!cable || typeof cable !== 'object' || !Array.isArray(cable.segments) || !Array.isArray(cable.diagnostics)) {
      yield { locator, reason: 'not a parsed cable: the object needs the "segments" and "diagnostics" of the full model, or the keys of a CFPF record (doc_nbr or doc_id with date, from_field, to_field, subject, body…)' }
      continue
    }
    const text = cable.segments.map((s) => String(s?.raw ?? '')).join('')
    // the archive stores the text, so everything it knows (markings above all) is read from that text: the
    // model's own fields (`classification: "UNCLASSIFIED"` over a SECRET text) are never trusted. Metadata a
    // container stated (HTML table, CSV columns) is kept as the publisher's word: it can only raise the level.
    const metadata = containerMetadata(cable)
    yield {
      locator,
      rendering: 'jsonl',
      sha256: createHash('sha256').update(line).digest('hex'),
      cable: parsedAgain(text, metadata, cable.container?.rendering),
      text,
      metadata,
    }
  }
}

/**
 * The text of a parsed cable read again as `cable parse` read it: with the metadata of its container (a cables.csv
 * row's columns, an HTML page's table, a CFPF record's columns) filling what the text lacks, marked as from the
 * container (`parseRecordText`, the decoder `cable import` uses for those inputs), so a cable parsed and then
 * imported from JSON Lines keeps its container's id, date and origin, and a CFPF record its document number,
 * stated classification and text-unavailable state. Without metadata, the text alone.
 */
function parsedAgain(text: string, metadata: Record<string, string>, rendering: unknown): Cable {
  if (Object.keys(metadata).length === 0) return parseCable(text)
  const shape = rendering === 'cfpf' && (metadata.shape === 'nara-aad' || metadata.shape === 'history-lab') ? metadata.shape : null
  const cable = parseRecordText(text, metadata, shape ?? (rendering === 'html' || rendering === 'tsv' ? rendering : 'csv'))
  if (shape) cable.container = { rendering: 'cfpf', raw: text, metadata }
  return cable
}

/** String fields a container (HTML metadata table, CSV row) stated beside the text; {} when none. */
function containerMetadata(c: Cable): Record<string, string> {
  const m = c.container && typeof c.container === 'object' ? c.container.metadata : null
  if (!m || typeof m !== 'object') return {}
  return Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
