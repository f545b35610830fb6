import { describe, expect, it } from 'vitest'
import { fieldOfLine } from '../../web/src/desk/lint-fields.js'

const preview = [
  'VZCZCXRO0001', // 1
  'OO RUEHDBU', // 2
  'DE RUEHC #0001 3342339', // 3
  'ZNY CCCCC ZZH', // 4
  'O 302339Z NOV 26', // 5
  'FM SECSTATE WASHDC', // 6
  'TO RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 0001', // 7
  'INFO RUEHBUL/AMEMBASSY KABUL ROUTINE 0002', // 8
  '', // 9
  'C O N F I D E N T I A L STATE 000001', // 10
  '', // 11
  'SIPDIS', // 12
  '', // 13
  'E.O. 13526: DECL: 2036-12-01', // 14
  'TAGS: PREL TI', // 15
  'SUBJECT: TEST SUBJECT', // 16
  '', // 17
  'REF: 26 STATE 12', // 18
  '', // 19
  'Classified By: Dana Drafter, reasons 1.4(b)', // 20
  '', // 21
  '1. (C) First paragraph', // 22
  'continues here.', // 23
  '', // 24
  '2. (U) Second.', // 25
].join('\n')

describe('fieldOfLine (which compose field a lint finding belongs to)', () => {
  it('should place each labelled line of a draft preview at its form field', () => {
    const at = (line: number) => fieldOfLine(preview, line)
    expect([at(6), at(7), at(8)]).toEqual(['general', 'to', 'info'])
    expect([at(10), at(12)]).toEqual(['classification', 'captions'])
    expect([at(14), at(15), at(16), at(18), at(20)]).toEqual(['eo', 'tags', 'subject', 'references', 'classifiedBy'])
    expect([at(22), at(23), at(25)]).toEqual(['body[0]', 'body[0]', 'body[1]'])
  })

  it('should count unnumbered paragraphs from their portion marks', () => {
    expect(fieldOfLine('SUBJECT: X\n\n(C) Only paragraph.', 3)).toBe('body[0]')
  })
})
