import { describe, expect, it } from 'vitest'
import { packRecordText, packText, textSha256, unpackText } from '../../src/store/pack-text.js'

describe('stored cable text', () => {
  const text = 'UNCLAS ROME 000001\n\n1. (U) Café talks – “sample”, not a real cable.\n'.repeat(40)

  it('hashes the same whether the import worker packed it or the writer does', () => {
    const packed = packRecordText(text)
    expect(packed.sha256).toBe(textSha256(text))
    expect(unpackText(packed.deflated)).toBe(text)
    expect(unpackText(packText(text))).toBe(text)
    expect(textSha256(`${text} `)).not.toBe(packed.sha256)
  })

  it('posts an exact-size buffer, not the deflater’s whole output chunk', () => {
    const { deflated } = packRecordText(text)
    expect(deflated.buffer.byteLength).toBe(deflated.byteLength)
    expect(deflated.byteLength).toBeLessThan(Buffer.byteLength(text) / 3)
  })
})
