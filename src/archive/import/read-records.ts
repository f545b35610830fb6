import type { CableRecord } from '../../store/store.js'
import { toCableRecord } from '../cable-record.js'
import type { BytesRead, ImportItem, ImportProblem, InputFile } from './import-types.js'
import { readCsv } from './read-csv.js'
import { readJson } from './read-json.js'
import { readJsonl } from './read-jsonl.js'
import { readPage } from './read-page.js'

async function* itemsOf(file: InputFile, onBytes: BytesRead): AsyncGenerator<ImportItem | ImportProblem> {
  if (file.kind === 'csv') yield* readCsv(file, onBytes)
  else if (file.kind === 'jsonl') yield* readJsonl(file, onBytes)
  else if (file.kind === 'json') yield* readJson(file, onBytes)
  else {
    yield readPage(file)
    onBytes(file.bytes)
  }
}

export const isProblem = (x: object): x is ImportProblem => 'reason' in x

/**
 * Every cable of the files as a record ready to store, or a problem saying why an input is not one,
 * in file order. Runs in the importing thread or in the parse worker alike.
 */
export async function* readRecords(files: InputFile[], onBytes: BytesRead, now: () => Date): AsyncGenerator<CableRecord | ImportProblem> {
  for (const file of files) {
    for await (const item of itemsOf(file, onBytes)) {
      if (isProblem(item)) {
        yield item
        continue
      }
      const source = { locator: item.locator, rendering: item.rendering, sha256: item.sha256, importedAt: now().toISOString(), metadata: item.metadata }
      yield toCableRecord(item.cable, item.text, source)
    }
  }
}
