import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { idFromFileName } from '../../format/file-id.js'
import { parseCable } from '../../format/parse.js'
import type { ImportItem, ImportProblem, InputFile } from './import-types.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Why bytes are not cable text (empty, binary, not UTF-8), or null when they are.
 * A NUL in the first 8 KB or bytes that do not decode as UTF-8 mean the file is no telegram.
 */
export function unreadableReason(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'empty file'
  if (bytes.subarray(0, 8192).includes(0)) return 'binary file (contains NUL bytes)'
  try {
    utf8.decode(bytes)
  } catch {
    return 'not UTF-8 text'
  }
  return null
}

/** Reads one text or Cablegate HTML file as a cable, or says why it cannot. */
export function readPage(file: InputFile): ImportItem | ImportProblem {
  let bytes: Buffer
  try {
    bytes = readFileSync(file.path)
  } catch (error) {
    return { locator: file.path, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }
  }
  const reason = unreadableReason(bytes)
  if (reason) return { locator: file.path, reason }
  const raw = bytes.toString('utf8')
  const cable = parseCable(raw, { hint: { id: idFromFileName(file.path) } })
  const container = cable.container
  // Segments tile the telegram text; for an HTML page that is the telegram inside it, not the page.
  const text = cable.segments.map((s) => s.raw).join('')
  return {
    locator: file.path,
    // parseCable unwraps pages and rows only: a CFPF record (`cfpf`) is never the container of a file read here
    rendering: container && container.rendering !== 'cfpf' ? container.rendering : file.kind === 'html' ? 'html' : 'text',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    cable,
    text,
    metadata: { ...(container ? smallFields(container.metadata) : {}), ...fileId(file.path) },
  }
}

/** The id the file is named by, kept as source metadata: the fallback id of a cable whose text states none. */
function fileId(path: string): Record<string, string> {
  const id = idFromFileName(path)
  return id ? { file_id: id } : {}
}

/** Container fields worth keeping as source metadata: short ones (never a copy of the text), keys lower-cased. */
export function smallFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) if (v.length <= 500) out[k.toLowerCase()] = v
  return out
}
