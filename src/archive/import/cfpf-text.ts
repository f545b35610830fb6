import { readCsvRecord } from '../../format/csv-record.js'
import { cfpfShapeOf } from './cfpf-columns.js'
import type { ImportItem, ImportProblem } from './import-types.js'
import { cfpfItem } from './read-cfpf.js'
import { csvItems } from './read-csv.js'
import { jsonArrayItems } from './read-json.js'
import { jsonlItems } from './read-jsonl.js'

const ignoreBytes = () => {}

/** The first row of a cables.csv: a row number and a `M/D/YYYY H:MM` date (container.ts reads one row alone). */
const CABLES_CSV_ROW = /^"?\d+"?,"?\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}"?,/

/** The header row some copies of cables.csv carry (`id,date,refid,…,body`), as `csvItems` takes it. */
function isCablesCsvHeader(fields: readonly string[]): boolean {
  return fields[0]?.trim().toLowerCase() === 'id' && fields.includes('body')
}

/** The keys of the first JSON object in `text` (an array's first element or a line), or null. */
function firstObjectKeys(value: unknown): string[] | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : null
}

/**
 * The records of a whole text read from `path` (`cable parse FILE`), through the very readers `cable import`
 * uses, so a record reads the same either way (one decoder per container): an AAD or History Lab CSV with its
 * header row (`csvItems`), a JSON array of records (`jsonArrayItems`), JSON Lines of records (`jsonlItems`), one
 * JSON object, or a cables.csv of several rows or with a header row (`csvItems`: each row a cable). Null when the
 * text is none of these (a telegram, a Cablegate page, a single cables.csv row: the parser reads those itself).
 * Records that cannot be read are problems at `path:line` (CFPF) or `path#row=N` (cables.csv).
 *
 * @example
 *   const found = await cfpfTextItems(readFileSync('aad.csv', 'utf8'), 'aad.csv')
 *   // { items: [{ locator: 'aad.csv#row=2', cable, … }], problems: [] }
 */
export async function cfpfTextItems(text: string, path: string): Promise<{ items: ImportItem[]; problems: ImportProblem[] } | null> {
  const head = text.trimStart()
  let source: AsyncIterable<ImportItem | ImportProblem> | Iterable<ImportItem | ImportProblem> | null = null
  if (head.startsWith('{')) {
    const whole = tryJson(head)
    const wholeShape = whole === undefined ? null : cfpfShapeOf(firstObjectKeys(whole) ?? [])
    if (wholeShape && !('segments' in (whole as object))) {
      source = [cfpfItem(path, 'jsonl', wholeShape, whole as Record<string, unknown>)]
    } else {
      const first = tryJson(head.split('\n', 1)[0])
      const keys = firstObjectKeys(first)
      if (keys && !keys.includes('segments') && cfpfShapeOf(keys)) source = jsonlItems(path, text.split('\n'), ignoreBytes)
    }
  } else if (head.startsWith('[')) {
    const start = head.indexOf('{')
    const first = start < 0 ? null : firstElement(head.slice(start))
    const keys = firstObjectKeys(first)
    if (keys && cfpfShapeOf(keys)) source = jsonArrayItems(path, text)
  } else {
    const step = readCsvRecord(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, true)
    const fields = step && 'fields' in step ? step.fields : null
    // a CFPF export, or a cables.csv of several rows (or with its header row): every row a cable, as import reads it
    const cablesCsv = fields !== null && (isCablesCsvHeader(fields) || (CABLES_CSV_ROW.test(head) && /\S/.test(text.slice(step!.next))))
    if (fields && (cfpfShapeOf(fields) || cablesCsv)) source = csvItems(path, once(Buffer.from(text, 'utf8')), Buffer.byteLength(text, 'utf8'), ignoreBytes)
  }
  if (!source) return null
  const items: ImportItem[] = []
  const problems: ImportProblem[] = []
  for await (const x of source) {
    if ('cable' in x) items.push(x)
    else problems.push(x)
  }
  return { items, problems }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The first element of a JSON array body starting at `{`, parsed; undefined when it does not parse. */
function firstElement(text: string): unknown {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if ((c === '}' || c === ']') && --depth === 0) return tryJson(text.slice(0, i + 1))
  }
  return undefined
}

async function* once(chunk: Buffer): AsyncIterable<Buffer> {
  yield chunk
}
