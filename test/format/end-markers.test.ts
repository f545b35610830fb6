import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// End-of-message markers and text-unavailable statements are never a signer (spec §5.11; QA 13, new-user checks).
// Synthetic telegrams of an invented post.
const body = 'R 151646Z OCT 75\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC PRIORITY 1234\nBT\nUNCLAS QUORIN 000123\n\nSUBJECT: INVENTED\n\n1. TEXT OF PARA.\n\n'

describe('an end-of-message marker glued to the signature', () => {
  it.each(['DOE NNNN', 'DOE NNN', 'DOE NNNNMAFVVZCZ'])('should read %j as the signer DOE', (last) => {
    const text = `${body}${last}\n`
    const c = parseCable(text)
    expect(c.signers).toEqual(['DOE'])
    expect(renderLossless(c)).toBe(text)
  })

  it('should keep a name that only ends like a marker', () => {
    expect(parseCable(`${body}J. BRENNAN\n`).signers).toEqual(['J. BRENNAN'])
  })
})

describe('a text-unavailable statement', () => {
  it('should not be read as a signature where it stands alone', () => {
    const c = parseCable('TEXT ON MICROFILM\n')
    expect(c.unavailable).toBe('TEXT ON MICROFILM')
    expect(c.signers).toEqual([])
    expect(c.spans.signature).toBeUndefined()
  })
})
