/**
 * The class line's marking (QA 14 round 9, F2): the controls a class line joins to its class word with `//` are read
 * by the one marking parser, spaced class word or not. Synthetic lines (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { classLineMarking, splitClassWord } from '../../src/format/class-line.js'
import { CLASS_LINE } from '../../src/format/classification.js'
import { parseMarking } from '../../src/format/marking.js'
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

// issue 15, eighteenth mutation run: the class word and controls each way they are written, and what the parse of
// the cable keeps of them
describe('splitClassWord and classLineMarking, each way of writing the controls', () => {
  it('cuts the controls after one slash or two, blanks around them left out', () => {
    expect(splitClassWord('S E C R E T/NF')).toEqual({ word: 'S E C R E T', controls: 'NF', controlsStart: 12 })
    expect(splitClassWord('SECRET // NF')).toEqual({ word: 'SECRET', controls: 'NF', controlsStart: 10 })
    expect(splitClassWord('SECRET \t/ \tNF')).toEqual({ word: 'SECRET', controls: 'NF', controlsStart: 11 })
  })

  it.each([
    ['S E C R E T/NF', 'SECRET//NF'],
    ['SECRET//ORCON  /  NF', 'SECRET//ORCON/NF'],
    ['SECRET//NOFORN \t// \tSI', 'SECRET//NOFORN//SI'],
    ['SECRET//orcon/nf', 'SECRET//ORCON/NF'],
    ['LIMITED OFFICIAL USE//NF', 'LIMITED OFFICIAL USE//NF'],
    ['UNCLAS//NF', 'UNCLASSIFIED//NF'],
    ['UNCLAS E F T O//NF', 'UNCLASSIFIED//NF'],
    ['TOP SECRET//NODIS', 'TOP SECRET//NODIS'],
  ])('writes %j as the marking %s', (written, marking) => {
    expect(classLineMarking(written)?.marking).toBe(marking)
  })

  it('reads the level the marking parser gives: LIMITED OFFICIAL USE and UNCLASSIFIED//FOR OFFICIAL USE ONLY are SBU', () => {
    expect(classLineMarking('LIMITED OFFICIAL USE//NF')?.parts).toEqual({ level: 'SBU', caveats: ['NOFORN'], releasableTo: null })
    expect(classLineMarking('UNCLASSIFIED//FOR OFFICIAL USE ONLY')?.parts).toEqual({ level: 'SBU', caveats: [], releasableTo: null })
  })
})

describe('the parsed cable of a class line joining controls', () => {
  const text = (cl: string) => `O 241936Z SEP 08\nFM AMEMBASSY QUORIN\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1302\n\n${cl} QUORIN 000711\n\nSUBJECT: (U) TALKS\n\n1. (S) Text.\n\nNOBODY\n`

  it('refuses controls nobody reads with an error at them, the class line indented', () => {
    const written = text('   S E C R E T//SI')
    const cable = parseCable(written, { plain: true })
    expect(cable.classification).toBe('SECRET//SI')
    const bad = cable.diagnostics.filter((d) => d.code === 'BAD_MARKING')
    expect(bad).toHaveLength(1)
    expect(bad[0].severity).toBe('error')
    expect(bad[0].message).toBe('Class-line marking SECRET//SI cannot be read: a control after // is none the marking parser knows; the cable is held at the highest level')
    expect(written.slice(bad[0].span.start.offset, bad[0].span.end.offset)).toBe('SI')
  })

  it('files the level the marking states: UNCLASSIFIED//FOR OFFICIAL USE ONLY is SBU, no caption', () => {
    const cable = parseCable(text('UNCLASSIFIED//FOR OFFICIAL USE ONLY'), { plain: true })
    expect(cable.classification).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    expect(cable.captions).toEqual([])
  })

  it('takes each restricting caveat as a caption of the class line, a caveat restricting nobody not', () => {
    expect(parseCable(text('S E C R E T//ORCON/NF'), { plain: true }).captions).toEqual(['ORCON', 'NOFORN'])
    // a caption restricting nobody is a caption of the class line all the same (EFTO: encrypted for transmission only)
    expect(parseCable(text('S E C R E T//EFTO'), { plain: true }).captions).toEqual(['EFTO'])
    const fgi = parseCable(text('SECRET//FGI'), { plain: true })
    expect([fgi.classification, fgi.captions]).toEqual(['SECRET', []])
  })
})

describe('a marking ending in a separator', () => {
  it.each(['S//', 'S //', 'SECRET/', 'TS //', 'C/'])('refuses %j: a level and a separator name no control', (written) => {
    const r = parseMarking(written)
    expect(r.ok).toBe(false)
  })

  // markings no other test reads: the parser memoises its readings, so a test reading one another test read first
  // is not counted as covering the lines that read it
  it('says which separator after which level names nothing', () => {
    expect(parseMarking('C //')).toEqual({ ok: false, error: { message: '"//" after CONFIDENTIAL names no control', start: 2, end: 4 } })
    expect(parseMarking(' / ')).toEqual({ ok: false, error: { message: '"/" names no level or control', start: 1, end: 2 } })
  })

  it.each([
    ['S//NF//', { level: 'SECRET', caveats: ['NOFORN'], releasableTo: null }],
    ['C//REL TO USA, GBR//', { level: 'CONFIDENTIAL', caveats: [], releasableTo: ['USA', 'GBR'] }],
    ['NF//', { level: null, caveats: ['NOFORN'], releasableTo: null }],
  ])('reads %j, whose closing separator follows a control', (written, parts) => {
    expect(parseMarking(written)).toEqual({ ok: true, parts })
  })
})
