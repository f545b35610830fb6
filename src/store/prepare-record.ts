import { packRecordText } from './pack-text.js'
import { preparePgIndex } from './postgres/pg-tsvector.js'
import type { CableRecord } from './store.js'

/**
 * Computes ahead what the engine named `engine` (a `Store.engine`) would compute from the record itself
 * when writing it: the packed text for every engine, and PostgreSQL's word vectors. The import's parse
 * worker calls it so the thread that writes the database only writes; a record written without it is
 * stored the same.
 *
 * @example
 *   prepareRecord(store.engine, record) // record.packed, and record.prepared on PostgreSQL
 */
export function prepareRecord(engine: string, r: CableRecord): void {
  r.packed = packRecordText(r.text)
  if (engine === 'postgres') r.prepared = preparePgIndex(r)
}
