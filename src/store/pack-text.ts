import { createHash } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { PackedText } from './store.js'

/**
 * Cable text is stored deflated: telegrams compress about 3:1, which is what keeps the database under the
 * size of the raw text even with a full-text index beside it. Level 1 because import speed matters more
 * than the last few percent; a 13-bit window and memLevel 5 give the same size for texts of a few KB with
 * less state to set up per call, which is most of the cost at this size.
 */
export function packText(text: string): Buffer {
  return deflateRawSync(Buffer.from(text, 'utf8'), { level: 1, windowBits: 13, memLevel: 5 })
}

export function unpackText(blob: Uint8Array): string {
  return inflateRawSync(blob).toString('utf8')
}

/**
 * The hash and the deflated bytes of a text, in one pass over its UTF-8: the costly part of storing a cable
 * that needs no database, so the import worker computes it while the writing thread writes.
 */
export function packRecordText(text: string): PackedText {
  const bytes = Buffer.from(text, 'utf8')
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    deflated: deflateRawSync(bytes, { level: 1, windowBits: 13, memLevel: 5 }),
  }
}
