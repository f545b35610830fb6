import type { CableRecord, Store } from '../../store/store.js'
import { toCableRecord } from '../cable-record.js'
import { findInputs } from './find-inputs.js'
import type { ImportItem, ImportProblem, InputFile } from './import-types.js'
import { readCsv } from './read-csv.js'
import { readJsonl } from './read-jsonl.js'
import { readPage } from './read-page.js'

export interface ImportProgress {
  bytesDone: number
  bytesTotal: number
  cables: number
}

export interface ImportOptions {
  /** Cables per transaction: a kill loses at most one uncommitted batch, which the next run redoes. */
  batchSize?: number
  onProgress?: (p: ImportProgress) => void
  /** Clock for source timestamps (tests pin it). */
  now?: () => Date
}

export interface ImportReport {
  files: number
  cables: number
  inserted: number
  replaced: number
  unchanged: number
  sourcesAdded: number
  withErrors: number
  bytes: number
  seconds: number
  problems: ImportProblem[]
}

const isProblem = (x: ImportItem | ImportProblem): x is ImportProblem => 'reason' in x

async function* itemsOf(file: InputFile, onBytes: (n: number) => void): AsyncGenerator<ImportItem | ImportProblem> {
  if (file.kind === 'csv') yield* readCsv(file, onBytes)
  else if (file.kind === 'jsonl') yield* readJsonl(file, onBytes)
  else {
    yield readPage(file)
    onBytes(file.bytes)
  }
}

/**
 * Imports files and directories into the store: every cable upserted by canonical id with its source,
 * in batched transactions; every unreadable input listed in the report, never fatal. Running it again over
 * the same inputs changes nothing, and completes an import that was killed midway.
 *
 * @example
 *   const report = await importArchive(store, ['corpus/cables', 'cables.csv'], { onProgress })
 */
export async function importArchive(store: Store, paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now()
  const batchSize = options.batchSize ?? 2000
  const now = options.now ?? (() => new Date())
  const { files, problems } = findInputs(paths)
  const report: ImportReport = { files: files.length, cables: 0, inserted: 0, replaced: 0, unchanged: 0, sourcesAdded: 0, withErrors: 0, bytes: 0, seconds: 0, problems }
  const progress: ImportProgress = { bytesDone: 0, bytesTotal: files.reduce((n, f) => n + f.bytes, 0), cables: 0 }
  let batch: CableRecord[] = []
  let lastTick = 0
  const flush = async () => {
    if (batch.length === 0) return
    const outcome = await store.upsertCables(batch)
    report.inserted += outcome.inserted
    report.replaced += outcome.replaced
    report.unchanged += outcome.unchanged
    report.sourcesAdded += outcome.sourcesAdded
    batch = []
  }
  const onBytes = (n: number) => {
    progress.bytesDone += n
    const t = Date.now()
    if (options.onProgress && t - lastTick > 100) {
      lastTick = t
      options.onProgress({ ...progress })
    }
  }
  for (const file of files) {
    for await (const item of itemsOf(file, onBytes)) {
      if (isProblem(item)) {
        problems.push(item)
        continue
      }
      const importedAt = now().toISOString()
      const record = toCableRecord(item.cable, item.text, { locator: item.locator, rendering: item.rendering, sha256: item.sha256, importedAt, metadata: item.metadata })
      if (record.errorCount > 0) report.withErrors++
      batch.push(record)
      report.cables++
      progress.cables++
      if (batch.length >= batchSize) await flush()
    }
  }
  await flush()
  options.onProgress?.({ ...progress })
  report.bytes = progress.bytesDone
  report.seconds = (Date.now() - started) / 1000
  return report
}
