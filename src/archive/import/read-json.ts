import { readFileSync } from 'node:fs'
import { cfpfShapeOf } from './cfpf-columns.js'
import type { BytesRead, ImportItem, ImportProblem, InputFile } from './import-types.js'
import { unreadableReason } from './read-page.js'
import { cfpfItem } from './read-cfpf.js'
import { readJsonl } from './read-jsonl.js'

/**
 * Reads a `.json` file: a JSON array of NARA CFPF records (History Lab's PostgREST API answers so) or, when
 * it starts with an object, JSON Lines (`row_to_json` dumps are one object per line; read by `readJsonl`).
 * An array is held in memory (use JSON Lines for exports of millions of records); each element is parsed on its
 * own, so a broken element is a problem at `path:line` and the others are read.
 */
export async function* readJson(file: InputFile, onBytes: BytesRead): AsyncGenerator<ImportItem | ImportProblem> {
  let bytes: Buffer
  try {
    bytes = readFileSync(file.path)
  } catch (error) {
    yield { locator: file.path, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }
    return
  }
  const reason = unreadableReason(bytes)
  if (reason) {
    onBytes(file.bytes)
    yield { locator: file.path, reason }
    return
  }
  const text = bytes.toString('utf8')
  if (!/^\s*\[/.test(text)) {
    yield* readJsonl(file, onBytes)
    return
  }
  onBytes(file.bytes)
  yield* jsonArrayItems(file.path, text)
}

/**
 * The CFPF records of a JSON array `text` read from `path` (`readJson` after the file is read; `cable parse`
 * on a text in memory): each element a record, or a problem at `path:line`.
 */
export function* jsonArrayItems(path: string, text: string): Generator<ImportItem | ImportProblem> {
  const file = { path }
  const split = arrayElements(text)
  let k = 0
  for (const el of split.elements) {
    k++
    const where = `${file.path}:${el.line}`
    let value: unknown
    try {
      value = JSON.parse(el.text)
    } catch (error) {
      yield { locator: where, reason: `not JSON: ${(error as Error).message}` }
      continue
    }
    const shape = value && typeof value === 'object' && !Array.isArray(value) ? cfpfShapeOf(Object.keys(value)) : null
    if (!shape) {
      yield { locator: where, reason: 'not a CFPF record: the object needs a document number (doc_nbr, doc_id, Document Number) and date, from, to, subject, body… keys' }
      continue
    }
    yield cfpfItem(`${file.path}#record=${k}`, 'jsonl', shape, value as Record<string, unknown>)
  }
  if (split.error) yield { locator: `${file.path}:${split.error.line}`, reason: `JSON array: ${split.error.message}` }
}

/**
 * The top-level elements of a JSON array, each with the line it starts on, found by a scan that only tracks
 * strings and nesting (each element is then parsed by JSON.parse). A text that ends inside the array (a
 * truncated download) yields the elements before and an error at the broken one.
 */
export function arrayElements(text: string): { elements: { text: string; line: number }[]; error: { line: number; message: string } | null } {
  const elements: { text: string; line: number }[] = []
  let line = 1
  let i = text.indexOf('[')
  for (let j = 0; j < i; j++) if (text[j] === '\n') line++
  i++
  let depth = 0
  let start = -1
  let startLine = line
  let inString = false
  for (; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') line++
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (start < 0 && !/\s/.test(c) && c !== ',' && c !== ']') {
      start = i
      startLine = line
    }
    if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') {
      if (depth === 0) {
        // the closing bracket of the array
        if (start >= 0) elements.push({ text: text.slice(start, i).trimEnd(), line: startLine })
        return { elements, error: /\S/.test(text.slice(i + 1)) ? { line, message: 'text after the closing ]' } : null }
      }
      depth--
    } else if (c === ',' && depth === 0) {
      if (start >= 0) elements.push({ text: text.slice(start, i).trimEnd(), line: startLine })
      start = -1
    }
  }
  return { elements, error: { line: start >= 0 ? startLine : line, message: 'the array is not closed before the end of the file (truncated?)' } }
}
