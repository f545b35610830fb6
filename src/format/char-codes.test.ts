import { describe, expect, it } from 'vitest'
import { codeAt, firstNonSpaceCode, foldAsciiCode, hasLowerCase, hasUpperCase, isDigitCode, isSpaceCode, isWordCode } from './char-codes.js'

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

  it('hasUpperCase and hasLowerCase say what comparing with toLowerCase and toUpperCase says', () => {
    const texts = ['', 'PREL PGOV', 'prel', 'Prel', '1975 / 12:', 'É', 'é', 'ÉCOLE', 'straße', 'STRASSE', 'ǅ', 'İ', 'µ', 'ÿ', '\u2014 PREL', 'PREL \u2014', 'prel \u2014 ']
    // and every code unit alone, after ASCII capitals and after ASCII small letters
    for (let c = 0; c <= 0xffff; c++) texts.push(String.fromCharCode(c), `AB${String.fromCharCode(c)}`, `ab${String.fromCharCode(c)}`)
    for (const s of texts) {
      if (hasUpperCase(s) !== (s !== s.toLowerCase())) throw new Error(`hasUpperCase(${JSON.stringify(s)})`)
      if (hasLowerCase(s) !== (s !== s.toUpperCase())) throw new Error(`hasLowerCase(${JSON.stringify(s)})`)
    }
    expect(hasUpperCase('tags: Prel')).toBe(true)
    expect(hasLowerCase('TAGS: PREL')).toBe(false)
  })

  it('codeAt is charCodeAt, NaN past the end', () => {
    for (const s of ['', 'a', 'PREL \u2014', 'x'.repeat(20).slice(3)]) for (let i = -1; i <= s.length; i++) expect(codeAt(s, i)).toEqual(s.charCodeAt(i))
  })
})
