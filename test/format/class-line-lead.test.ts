/**
 * The controls a class line writes after its class word separated by blanks (`SECRET NF QUORIN 000814`) or
 * letter-spaced after `//` (`S E C R E T // N O F O R N`): `leadOfOrigin`, `classLineStatedMarking`, `classLineMarking`
 * and the class-line block of `readFields` that files them (QA 14 round 10 F5, F7; c29e0ba; issue 15, nineteenth
 * mutation run). The cables these decide, filed, linted and searched on both engines, are in
 * test/research/class-line-caption-misses.test.ts, which the mutation sets leave out; these write each reading out.
 * Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { classLineMarking, classLineStatedMarking, leadOfOrigin } from '../../src/format/class-line.js'
import { CLASS_LINE } from '../../src/format/classification.js'
import { parseCable } from '../../src/format/parse.js'

describe('leadOfOrigin', () => {
  it.each([
    ['NF QUORIN', [], [['NF', 0, 2]], 3],
    ['NF  QUORIN', [], [['NF', 0, 2]], 4],
    ['NF/ QUORIN', [], [['NF', 0, 2]], 4],
    ['. NF QUORIN', [], [['NF', 2, 4]], 5],
    // letter-spaced: the control it spells, spanning its letters
    ['N F QUORIN', [], [['NF', 0, 3]], 4],
    ['NF/OC QUORIN', [], [['NF', 0, 2], ['OC', 3, 5]], 6],
    // controls nobody here reads are controls too
    ['SI QUORIN', [], [['SI', 0, 2]], 3],
    ['TK SI QUORIN', [], [['TK', 0, 2], ['SI', 3, 5]], 6],
    // captions and controls in either order
    ['NODIS NF QUORIN', [['NODIS', 0, 5]], [['NF', 6, 8]], 9],
    ['OC NODIS QUORIN', [['NODIS', 3, 8]], [['OC', 0, 2]], 9],
    ['NODIS QUORIN', [['NODIS', 0, 5]], [], 6],
    // a name the control does not make a station of
    ['NF PRAGUE', [], [['NF', 0, 2]], 3],
    ['PR AGUE X', [], [['PR', 0, 2]], 3],
    // the last word is the post name even when it could be a control
    ['OC NF', [], [['OC', 0, 2]], 3],
  ])('reads %j', (origin, captions, controls, originStart) => {
    expect(leadOfOrigin(origin)).toEqual({
      captions: captions.map(([caption, start, end]) => ({ caption, start, end })),
      controls: controls.map(([control, start, end]) => ({ control, start, end })),
      originStart,
    })
  })

  it.each([
    'QUORIN',
    // nothing of the post name would be left
    'NF',
    'NF ',
    'NODIS',
    // the whole name is a station of the directory (PRAGUE, SARAJEVO) once the blank is taken out
    'PR AGUE',
    'SAR AJEVO',
    // not a control: lower case, a word no marking reads, letters no control spells, a level word
    'nf QUORIN',
    'ZZ QUORIN',
    'N O QUORIN',
    'SECRET QUORIN',
  ])('takes nothing from %j', (origin) => {
    expect(leadOfOrigin(origin)).toEqual({ captions: [], controls: [], originStart: 0 })
  })
})

describe('classLineStatedMarking and classLineMarking', () => {
  const stated = (line: string) => {
    const m = CLASS_LINE.exec(line)
    expect(m).not.toBeNull()
    return classLineStatedMarking(m!)
  }

  it.each([
    ['SECRET NF QUORIN 000814', 'SECRET//NF', ['NOFORN']],
    ['S E C R E T NF QUORIN 000814', 'SECRET//NF', ['NOFORN']],
    ['SECRET N F QUORIN 000814', 'SECRET//NF', ['NOFORN']],
    ['SECRET//OC NF QUORIN 000814', 'SECRET//OC/NF', ['ORCON', 'NOFORN']],
    ['SECRET/OC NF QUORIN 000814', 'SECRET//OC/NF', ['ORCON', 'NOFORN']],
    ['CONFIDENTIAL NF OC QUORIN 000814', 'CONFIDENTIAL//NF/OC', ['NOFORN', 'ORCON']],
    ['SECRET NF SAN JOSE 000814', 'SECRET//NF', ['NOFORN']],
    ['SECRET//NF QUORIN 000814', 'SECRET//NF', ['NOFORN']],
    ['S E C R E T // N O F O R N QUORIN 000801', 'SECRET//NOFORN', ['NOFORN']],
  ])('reads %j as %s', (line, marking, caveats) => {
    const read = stated(line)
    expect(read?.marking).toBe(marking)
    expect(read?.parts?.caveats).toEqual(caveats)
  })

  it('reads a control nobody reads before the origin as a marking nobody reads, and none where none is written', () => {
    expect(stated('SECRET SI QUORIN 000814')).toEqual({ marking: 'SECRET//SI', parts: null })
    expect(stated('SECRET QUORIN 000814')).toBeNull()
    expect(stated('SECRET NODIS QUORIN 000814')).toBeNull()
  })

  it.each([
    ['S E C R E T//N O F O R N', 'SECRET//NOFORN'],
    ['SECRET//N O F O R N', 'SECRET//NOFORN'],
    ['SECRET//N O D I S/N F', 'SECRET//NODIS/NF'],
    // a run of single letters only: a word beside a letter stays as written
    ['SECRET//NO F', 'SECRET//NO F'],
    ['SECRET//A B', 'SECRET//AB'],
  ])('joins the letter-spaced controls of %j: %s', (written, marking) => {
    expect(classLineMarking(written)?.marking).toBe(marking)
  })
})

describe('the parsed cable of a class line with controls before the origin', () => {
  const text = (cl: string) => `O 241936Z SEP 08\nFM AMEMBASSY QUORIN\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1302\n\n${cl} 000711\n\nSUBJECT: (U) TALKS\n\n1. (S) Text.\n\nNOBODY\n`
  const BAD = (marking: string) => `Class-line marking ${marking} cannot be read: a control after // is none the marking parser knows; the cable is held at the highest level`

  it.each([
    ['SECRET NF QUORIN', 'SECRET//NOFORN', ['NOFORN']],
    ['SECRET//OC NF QUORIN', 'SECRET//ORCON/NOFORN', ['ORCON', 'NOFORN']],
    ['SECRET NODIS NF QUORIN', 'SECRET//NOFORN/NODIS', ['NODIS', 'NOFORN']],
    ['SECRET N F QUORIN', 'SECRET//NOFORN', ['NOFORN']],
  ])('files %j as %s with its captions, the origin QUORIN', (cl, classification, captions) => {
    const cable = parseCable(text(cl), { plain: true })
    expect(cable.classification).toBe(classification)
    expect(cable.captions).toEqual(captions)
    expect(cable.mrn).toEqual({ origin: 'QUORIN', serial: '000711' })
    expect(cable.diagnostics).toEqual([])
  })

  it('spans the controls from where the first stands in the origin, after a caption before it', () => {
    const written = text('SECRET NODIS SI QUORIN')
    const cable = parseCable(written, { plain: true })
    expect(cable.classification).toBe('SECRET//SI')
    expect(cable.diagnostics.map((d) => [d.code, written.slice(d.span.start.offset, d.span.end.offset)])).toEqual([['BAD_MARKING', 'SI']])
  })

  it.each([
    ['SECRET SI QUORIN', 'SECRET//SI', 'SI'],
    [' SECRET SI TK QUORIN', 'SECRET//SI/TK', 'SI TK'],
    ['SECRET//SI NF QUORIN', 'SECRET//SI/NF', 'SI NF'],
    ['SECRET//SI QUORIN', 'SECRET//SI', 'SI'],
  ])('refuses %j with an error spanning the controls as written', (cl, marking, span) => {
    const written = text(cl)
    const cable = parseCable(written, { plain: true })
    expect(cable.classification).toBe(marking)
    expect(cable.captions).toEqual([])
    expect(cable.mrn).toEqual({ origin: 'QUORIN', serial: '000711' })
    expect(cable.diagnostics.map((d) => [d.code, d.severity, d.message, written.slice(d.span.start.offset, d.span.end.offset)])).toEqual([['BAD_MARKING', 'error', BAD(marking), span]])
  })
})
