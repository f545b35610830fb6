import { parentPort, workerData } from 'node:worker_threads'
import { prepareRecord } from '../../store/prepare-record.js'
import type { CableRecord } from '../../store/store.js'
import type { ImportProblem, InputFile } from './import-types.js'
import { isProblem, readRecords } from './read-records.js'

/** A message from the parse worker: records and problems in input order, and bytes read meanwhile. */
export interface WorkerBatch {
  records: CableRecord[]
  problems: ImportProblem[]
  bytes: number
  done: boolean
}

/** Batches in flight before the worker waits for the writer: bounds memory when parsing outruns writing. */
const MAX_IN_FLIGHT = 4
const BATCH = 500

/*
 * The parse half of an import, run in a worker thread so that reading and parsing the next cables overlaps
 * writing the previous ones. Only the main thread touches the database.
 */
async function run(files: InputFile[], engine: string): Promise<void> {
  const port = parentPort!
  let inFlight = 0
  let wake: (() => void) | null = null
  port.on('message', () => {
    inFlight--
    wake?.()
  })
  let batch: WorkerBatch = { records: [], problems: [], bytes: 0, done: false }
  const send = async (done: boolean) => {
    // The writer still has a batch to write: it is the slower side, so this thread does for it the costly
    // part of a write that needs no database (hash and deflate the texts; on PostgreSQL, build the word
    // vectors). When the writer is waiting, the batch goes as it is and the writer does that work itself,
    // so neither thread idles while the other has work.
    if (inFlight > 0) for (const r of batch.records) prepareRecord(engine, r)
    batch.done = done
    port.postMessage(batch)
    inFlight++
    batch = { records: [], problems: [], bytes: 0, done: false }
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve))
    wake = null
  }
  for await (const x of readRecords(files, (n) => (batch.bytes += n), () => new Date())) {
    if (isProblem(x)) batch.problems.push(x)
    else batch.records.push(x)
    if (batch.records.length >= BATCH) await send(false)
  }
  await send(true)
}

if (parentPort) {
  run(workerData.files as InputFile[], workerData.engine as string).catch((error: unknown) => {
    parentPort!.postMessage({ records: [], problems: [], bytes: 0, done: true, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  })
}
