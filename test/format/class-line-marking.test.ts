/**
 * The class line's marking (QA 14 round 9, F2): the controls a class line joins to its class word with `//` are read
 * by the one marking parser, spaced class word or not. Synthetic lines (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { classLineMarking, splitClassWord } from '../../src/format/class-line.js'
import { CLASS_LINE } from '../../src/format/classification.js'
import { parseCable } from '../../src/format/parse.js'

const word = (line: string) => CLASS_LINE.exec(line)?.[2] ?? null

describe('classLineMarking', () => {
  it.each([
    ['S E C R E T//NF QUORIN 000711', 'SECRET//NF', 'SECRET', ['NOFORN']],
    ['S E C R E T//OC QUORIN 000711', 'SECRET//OC', 'SECRET', ['ORCON']],
    ['S E C R E T//ORCON/NF QUORIN 000711', 'SECRET//ORCON/NF', 'SECRET', ['ORCON', 'NOFORN']],
    ['SECRET//NOFORN QUORIN 000711', 'SECRET//NOFORN', 'SECRET', ['NOFORN']],
    ['C O N F I D E N T I A L // NF QUORIN 000711', 'CONFIDENTIAL//NF', 'CONFIDENTIAL', ['NOFORN']],
    ['T O P S E C R E T//NODIS QUORIN 000711', 'TOP SECRET//NODIS', 'TOP SECRET', ['NODIS']],
    ['UNCLASSIFIED//FOR OFFICIAL USE ONLY QUORIN 000711', 'UNCLASSIFIED//FOR OFFICIAL USE ONLY', 'SBU', []],
  ] as const)('reads %j as the marking %s', (line, marking, level, caveats) => {
    const read = classLineMarking(word(line)!)
    expect(read?.marking).toBe(marking)
    expect(read?.parts).toMatchObject({ level, caveats })
  })

  it.each(['S E C R E T//SI QUORIN 000711', 'S E C R E T//ZZ QUORIN 000711', 'SECRET//SI QUORIN 000711', 'S E C R E T//NOFORN//SI QUORIN 000711'])(
    'reads %j as a marking nobody can read',
    (line) => {
      expect(classLineMarking(word(line)!)).toMatchObject({ parts: null })
    },
  )

  it('is null for a class word joining no controls, which keeps its origin', () => {
    expect(classLineMarking(word('S E C R E T QUORIN 000711')!)).toBeNull()
    expect(splitClassWord('S E C R E T//ORCON/NF')).toEqual({ word: 'S E C R E T', controls: 'ORCON/NF', controlsStart: 13 })
    expect(splitClassWord('S E C R E T')).toEqual({ word: 'S E C R E T', controls: null, controlsStart: 11 })
  })

  it('leaves the origin and serial to the class line', () => {
    const m = CLASS_LINE.exec('S E C R E T//NOFORN PORT OF SPAIN 000711')!
    expect([m[2], m[5], m[6]]).toEqual(['S E C R E T//NOFORN', 'PORT OF SPAIN', '000711'])
  })

  it('files the parsed cable under the controls, the unreadable ones as written, positioned at the controls', () => {
    const text = (cl: string) => `O 241936Z SEP 08\nFM AMEMBASSY QUORIN\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1302\n\n${cl} QUORIN 000711\n\nSUBJECT: (U) TALKS\n\n1. (S) Text.\n\nNOBODY\n`
    const nf = parseCable(text('S E C R E T//NF'), { plain: true })
    expect(nf.classification).toBe('SECRET//NOFORN')
    expect(nf.captions).toContain('NOFORN')
    const si = parseCable(text('S E C R E T//SI'), { plain: true })
    expect(si.classification).toBe('SECRET//SI')
    const bad = si.diagnostics.find((d) => d.code === 'BAD_MARKING')!
    expect(text('S E C R E T//SI').slice(bad.span.start.offset, bad.span.end.offset)).toBe('SI')
  })
})
