import { deflateRawSync, inflateRawSync } from 'node:zlib'

/**
 * Cable text is stored deflated: telegrams compress about 3:1, which is what keeps the database under the
 * size of the raw text even with a full-text index beside it. Level 1 because import speed matters more
 * than the last few percent.
 */
export function packText(text: string): Buffer {
  return deflateRawSync(Buffer.from(text, 'utf8'), { level: 1 })
}

export function unpackText(blob: Buffer): string {
  return inflateRawSync(blob).toString('utf8')
}
