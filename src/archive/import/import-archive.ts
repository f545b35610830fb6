import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { CableRecord, Store } from '../../store/store.js'
import { findInputs } from './find-inputs.js'
import type { ImportProblem, InputFile } from './import-types.js'
import type { WorkerBatch } from './import-worker.js'
import { isProblem, readRecords } from './read-records.js'

export interface ImportProgress {
  bytesDone: number
  bytesTotal: number
  cables: number
}

export interface ImportOptions {
  /** Cables per transaction: a kill loses at most one uncommitted batch, which the next run redoes. */
  batchSize?: number
  onProgress?: (p: ImportProgress) => void
  /** Clock for source timestamps (tests pin it); only honoured when parsing in this thread. */
  now?: () => Date
  /** Parse in a worker thread while this one writes; default: when the compiled worker is available. */
  parallel?: boolean
}

export interface ImportReport {
  files: number
  cables: number
  inserted: number
  replaced: number
  /** Different texts of cables already stored, kept as new versions. */
  versionsAdded: number
  /** Sections of telegrams sent in sections that their cables lacked (`UpsertOutcome.sectionsAdded`). */
  sectionsAdded: number
  unchanged: number
  sourcesAdded: number
  /** Texts under the id of a cable released in this database, not stored (`UpsertOutcome.releasedKept`). */
  releasedKept: number
  withErrors: number
  bytes: number
  seconds: number
  problems: ImportProblem[]
}

const WORKER = new URL('./import-worker.js', import.meta.url)

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
  const { files, problems } = findInputs(paths)
  const report: ImportReport = { files: files.length, cables: 0, inserted: 0, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 0, sourcesAdded: 0, releasedKept: 0, withErrors: 0, bytes: 0, seconds: 0, problems }
  const progress: ImportProgress = { bytesDone: 0, bytesTotal: files.reduce((n, f) => n + f.bytes, 0), cables: 0 }
  let batch: CableRecord[] = []
  let lastTick = 0
  const flush = async () => {
    if (batch.length === 0) return
    const outcome = await store.upsertCables(batch)
    report.inserted += outcome.inserted
    report.replaced += outcome.replaced
    report.versionsAdded += outcome.versionsAdded
    report.sectionsAdded += outcome.sectionsAdded
    report.unchanged += outcome.unchanged
    report.sourcesAdded += outcome.sourcesAdded
    report.releasedKept += outcome.releasedKept
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
  const take = async (record: CableRecord) => {
    if (record.errorCount > 0) report.withErrors++
    batch.push(record)
    report.cables++
    progress.cables++
    if (batch.length >= batchSize) await flush()
    // parsing and SQLite writes are synchronous: let the event loop turn now and then, so a server (or a test
    // runner's worker) importing in its own thread still answers its timers and messages during a long import
    else if (report.cables % 256 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  const parallel = options.parallel ?? (options.now === undefined && existsSync(fileURLToPath(WORKER)))
  if (parallel && files.length > 0) {
    await inWorker(files, store.engine, async (b) => {
      problems.push(...b.problems)
      for (const r of b.records) await take(r)
      onBytes(b.bytes)
    })
  } else {
    for await (const x of readRecords(files, onBytes, options.now ?? (() => new Date()))) {
      if (isProblem(x)) problems.push(x)
      else await take(x)
    }
  }
  await flush()
  options.onProgress?.({ ...progress })
  report.bytes = progress.bytesDone
  report.seconds = (Date.now() - started) / 1000
  return report
}

/** Runs the parse worker, handing each of its batches to `consume` in order and acknowledging it after. */
function inWorker(files: InputFile[], engine: string, consume: (b: WorkerBatch) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { files, engine } })
    let chain = Promise.resolve()
    let finished = false
    worker.on('message', (b: WorkerBatch & { error?: string }) => {
      chain = chain.then(async () => {
        if (b.error) throw new Error(`import worker failed: ${b.error}`)
        await consume(b)
        if (b.done) {
          finished = true
          resolve()
          await worker.terminate()
        } else worker.postMessage('ack')
      })
      chain.catch((error: unknown) => {
        void worker.terminate()
        reject(error)
      })
    })
    worker.on('error', reject)
    worker.on('exit', (code) => finished || reject(new Error(`import worker stopped (exit code ${code}) before the end of the input`)))
  })
}
