import { createHash } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { PackedText } from './store.js'

/**
 * Cable text is stored deflated: telegrams compress about 3:1, which is what keeps the database under the
 * size of the raw text even with a full-text index beside it. Level 1 because import speed matters more
 * than the last few percent; a 13-bit window and memLevel 5 give the same size for texts of a few KB with
 * less state to set up per call, which is most of the cost at this size.
 */
const DEFLATE = { level: 1, windowBits: 13, memLevel: 5 } as const

export function packText(text: string): Buffer {
  return deflateRawSync(Buffer.from(text, 'utf8'), DEFLATE)
}

export function unpackText(blob: Uint8Array): string {
  return inflateRawSync(blob).toString('utf8')
}

/** SHA-256 (hex) of a text's UTF-8: what tells a re-imported cable from a changed one. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * The hash and the deflated bytes of a text, in one pass over its UTF-8: the costly part of storing a cable
 * that needs no database, so the import worker computes it while the writing thread writes.
 */
export function packRecordText(text: string): PackedText {
  const bytes = Buffer.from(text, 'utf8')
  const deflated = deflateRawSync(bytes, DEFLATE)
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    // zlib returns a view of its 16 KB output chunk, and a view posted to another thread takes its whole
    // buffer along: an exact-size copy sends the 2 KB of deflated text and nothing more
    deflated: deflated.byteLength === deflated.buffer.byteLength ? deflated : new Uint8Array(deflated),
  }
}
