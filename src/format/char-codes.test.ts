import { describe, expect, it } from 'vitest'
import { firstNonSpaceCode, foldAsciiCode, isDigitCode, isSpaceCode, isWordCode } from './char-codes.js'

describe('character classes', () => {
  it('agree with \\s, \\w, \\d and an i pattern (no u flag) on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      if (isSpaceCode(c) !== /\s/.test(ch)) throw new Error(`isSpaceCode(${c.toString(16)})`)
      if (isWordCode(c) !== /\w/.test(ch)) throw new Error(`isWordCode(${c.toString(16)})`)
      if (isDigitCode(c) !== /\d/.test(ch)) throw new Error(`isDigitCode(${c.toString(16)})`)
      // for every ASCII letter: the i pattern of it matches exactly the codes that fold to it
      const folded = foldAsciiCode(c)
      if ((folded >= 97 && folded <= 122) !== /[a-z]/i.test(ch)) throw new Error(`foldAsciiCode(${c.toString(16)})`)
    }
    expect(isSpaceCode(Number.NaN)).toBe(false)
  })

  it('firstNonSpaceCode is the character a pattern opening with ^\\s* meets first', () => {
    for (const line of ['', '   ', '\t\f\u00a0X', '  UNCLAS STATE 1', 'BT', ' \u2028 7', '\u3000\u00e9']) {
      const m = /^\s*(\S)/.exec(line)
      expect(firstNonSpaceCode(line)).toBe(m ? m[1].charCodeAt(0) : -1)
    }
  })
})
