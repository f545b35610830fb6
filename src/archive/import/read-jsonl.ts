import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Cable } from '../../format/model.js'
import type { BytesRead, ImportItem, ImportProblem, InputFile } from './import-types.js'

/**
 * Streams JSON Lines of the parsed model (`cable parse` output), one Cable per line. The lossless text is
 * rebuilt from the segments, so a line without them cannot be archived and is reported instead.
 */
export async function* readJsonl(file: InputFile, onBytes: BytesRead): AsyncGenerator<ImportItem | ImportProblem> {
  const lines = createInterface({ input: createReadStream(file.path, 'utf8'), crlfDelay: Infinity })
  let n = 0
  for await (const line of lines) {
    n++
    onBytes(Buffer.byteLength(line, 'utf8') + 1)
    if (line.trim() === '') continue
    const locator = `${file.path}#line=${n}`
    let cable: Cable
    try {
      cable = JSON.parse(line) as Cable
    } catch (error) {
      yield { locator, reason: `not JSON: ${(error as Error).message}` }
      continue
    }
    if (!cable || typeof cable !== 'object' || !Array.isArray(cable.segments) || !Array.isArray(cable.diagnostics)) {
      yield { locator, reason: 'not a parsed cable: the object needs the "segments" and "diagnostics" of the full model' }
      continue
    }
    const filled = withDefaults(cable)
    yield {
      locator,
      rendering: 'jsonl',
      sha256: createHash('sha256').update(line).digest('hex'),
      cable: filled,
      text: filled.segments.map((s) => String(s.raw)).join(''),
      metadata: {},
    }
  }
}

/** Lists a hand-written or older JSON line may lack, so the record mapping never meets `undefined`. */
function withDefaults(c: Cable): Cable {
  return {
    ...c,
    id: c.id ?? null,
    rawId: c.rawId ?? null,
    date: c.date ?? null,
    dateSource: c.dateSource ?? null,
    origin: c.origin ?? null,
    precedence: c.precedence ?? null,
    classification: c.classification ?? null,
    captions: c.captions ?? [],
    tags: c.tags ?? [],
    subject: c.subject ?? null,
    to: c.to ?? null,
    info: c.info ?? null,
    references: c.references ?? [],
    paragraphs: c.paragraphs ?? [],
    subjectMarking: c.subjectMarking ?? null,
    unavailable: c.unavailable ?? null,
    trailer: c.trailer ?? null,
    container: c.container ?? null,
  }
}
