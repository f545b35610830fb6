/**
 * The caption lines spelt past the caption reader, one line at a time (src/format/caption-spellings.ts; issue 15,
 * eighteenth mutation run): which captions a line spelt with separators between its letters names, and which lines
 * state only controls nobody here reads. The cables these decide are in test/research/caption-spellings.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { controlsNobodyReads, spelledCaptions } from '../../src/format/caption-spellings.js'

describe('spelledCaptions', () => {
  it.each([
    ['N.O.F.O.R.N', ['NOFORN']],
    ['N/O/D/I/S', ['NODIS']],
    ['n.o.f.o.r.n', ['NOFORN']],
    ['N_O_F_O_R_N', ['NOFORN']],
    ['N-O-F-O-R-N', ['NOFORN']],
    ['N\u2013O\u2013F\u2013O\u2013R\u2013N', ['NOFORN']],
    ['E X D I S', ['EXDIS']],
    ['N.O.F.O.R.N SIPDIS', ['NOFORN', 'SIPDIS']],
    ['S/P/E/C/A/T', ['SPECAT']],
    ['S.P.E.C.A.T E.X.C.L.U.S.I.V.E', ['SPECAT EXCLUSIVE']],
    ['S.E.N.S.I.T.I.V.E', ['SENSITIVE']],
    // a letter of another script that a screen shows as the Latin one (Cyrillic О)
    ['N.\u041e.F.O.R.N', ['NOFORN']],
  ])('reads %j as %j', (line, captions) => {
    expect(spelledCaptions(line)).toEqual(captions)
  })

  it('reads ten captions spelt out, sixty letters', () => {
    const line = Array.from({ length: 10 }, () => 'N.O.F.O.R.N').join(' ')
    expect(spelledCaptions(line)).toEqual(Array.from({ length: 10 }, () => 'NOFORN'))
  })

  it('reads none in a line of more than sixty letters: the bound of the walk (a caption line is short)', () => {
    expect(spelledCaptions(Array.from({ length: 11 }, () => 'N.O.F.O.R.N').join(' '))).toEqual([])
  })

  it.each(['', ' . / ', 'NO. 5 FORN', 'NOFORNX', 'XNOFORN', 'NODISCUSSION', 'E.O. 12958', 'FOR NOFORN READERS', 'N.O.F.O.R.N.!'])(
    'reads no caption in %j',
    (line) => {
      expect(spelledCaptions(line)).toEqual([])
    },
  )
})

describe('controlsNobodyReads', () => {
  it.each(['SI', 'TK', 'HCS', 'SCI', 'SI/TK', 'SI//TK', 'SI.TK', 'SI,TK', 'SI_TK', 'SI-TK', 'SI TK', 'SI\tTK', '  SI  ', '//SI', 'SI/'])('refuses %j', (line) => {
    expect(controlsNobodyReads(line)).toBe(true)
  })

  it.each(['', '  ', '/', 'SIPDIS', 'NF', 'Si', 'si', 'SI TALKS', 'TALKS SI', 'FGI', 'S/NF', 'SI/NF', 'SI:TK'])('leaves %j alone', (line) => {
    expect(controlsNobodyReads(line)).toBe(false)
  })
})
