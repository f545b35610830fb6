import { describe, expect, it } from 'vitest'
import { cableAccess, statedAccess, UNREADABLE_MARKING_LABEL } from '../../src/archive/cable-access.js'
import { LEVEL_RANK } from '../../src/format/classification.js'
import { parseCable } from '../../src/format/parse.js'
import { markedTelegram as telegram } from '../support/telegram.js'

/**
 * What level and caveats a cable HAS, as the archive stores them and access control reads them: the highest
 * level and every restrictive caveat found anywhere in it (spec §7 rules 1 and 4), failing closed on what
 * cannot be read. Expected values are written out, never taken from the code under test.
 */
const access = (...args: Parameters<typeof telegram>) => cableAccess(parseCable(telegram(...args)))
const UNCLAS = 'UNCLAS ZANZIBAR 000001'
const CONF = 'C O N F I D E N T I A L ZANZIBAR 000001'
const SECRET = 'S E C R E T ZANZIBAR 000001'

describe('the subject mark counts (planted bug: the subject portion mark ignored)', () => {
  it('should file a CONFIDENTIAL cable with an (S//NF) subject as SECRET with NOFORN', () => {
    expect(access(CONF, [], '(S//NF) A SUBJECT', ['1. (C) One.', '2. (C) Two.'])).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
  })
  it.each([
    [UNCLAS, '(C) A SUBJECT', 2, []],
    [UNCLAS, '(TS) A SUBJECT', 4, []],
    [CONF, '(C//NODIS) A SUBJECT', 2, ['NODIS']],
    [SECRET, '(S//ORCON) A SUBJECT', 3, ['ORCON']],
    [CONF, '(SECRET//NOFORN) A SUBJECT', 3, ['NOFORN']],
  ])('%s with subject %s → level %i, caveats %j', (classLine, subject, level, caveats) => {
    const a = access(classLine, [], subject, ['1. (U) One.', '2. (U) Two.'])
    expect(a.level).toBe(level)
    expect(a.caveats).toEqual(caveats)
  })
})

describe('portion marks roll up into the stored level and caveats', () => {
  it.each([
    ['SECRET', 3, []], ['TOP SECRET', 4, []], ['SECRET//NOFORN', 3, ['NOFORN']], ['CONFIDENTIAL//NOFORN', 2, ['NOFORN']],
    ['S//NODIS', 3, ['NODIS']], ['C//EXDIS', 2, ['EXDIS']], ['S//ORCON', 3, ['ORCON']], ['TS//NODIS//NF', 4, ['NOFORN', 'NODIS']],
    ['S NF', 3, ['NOFORN']], ['C//LIMDIS', 2, ['LIMDIS']],
  ])('an UNCLAS cable with a (%s) paragraph is filed at level %i with %j', (mark, level, caveats) => {
    const a = access(UNCLAS, [], '(U) T', ['1. (U) One.', `2. (${mark}) Two.`])
    expect(a.level).toBe(level)
    expect(a.caveats).toEqual(caveats)
  })

  it('should roll a caveat-only (NF) paragraph into the caveats and keep the stated level', () => {
    expect(access(CONF, [], '(C) T', ['1. (C) One.', '2. (NF) Two.'])).toEqual({ level: 2, caveats: ['NOFORN'], classification: 'CONFIDENTIAL//NOFORN' })
  })

  it('should read the mark of an unnumbered lone portion and of unnumbered blocks', () => {
    expect(access(UNCLAS, [], 'T', ['(S//NF) A lone portion.'])).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
    expect(access(CONF, [], '(C) T', ['(C) Summary: opening.', '1. (C) One.', 'HEADING', '(S//EXDIS) Under the heading.']).caveats).toEqual(['EXDIS'])
  })

  it('should take the union of caveats over every portion and the captions', () => {
    expect(access(SECRET, ['EXDIS'], '(S//NF) T', ['1. (S//ORCON) One.', '2. (C//NODIS) Two.']).caveats).toEqual(['NOFORN', 'NODIS', 'EXDIS', 'ORCON'])
  })
})

describe('sub-item and block marks inside a paragraph count (a cable is never filed under a portion it holds)', () => {
  it('should file a SECRET cable with a (TS) sub-item at TOP SECRET', () => {
    expect(access(SECRET, [], '(S) T', ['1. (S) Next:\nA. (S) Alpha.\nB. (TS) Bravo.']).level).toBe(4)
  })
  it.each([
    ['A. (S//NF) Alpha.', 3, ['NOFORN']],
    ['(1) (C//NODIS) One.', 2, ['NODIS']],
    ['- (S) A dash item.', 3, []],
    ['-- (TS//ORCON) A double dash item.', 4, ['ORCON']],
  ])('an UNCLAS cable whose (U) paragraph holds the line %s is filed at level %i with %j', (line, level, caveats) => {
    const a = access(UNCLAS, [], '(U) T', [`1. (U) Lead-in:\n${line}`])
    expect(a.level).toBe(level)
    expect(a.caveats).toEqual(caveats)
  })
  it('should count an unnumbered marked block that follows a lower paragraph with no blank line', () => {
    expect(access(CONF, [], '(C) T', ['1. (C) One.\n(S//NF) Trailing block.'])).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
  })
  it('should not file a cable by an acronym in parentheses at a line start, nor by a lower-case enumerator', () => {
    expect(access(CONF, [], '(C) T', ['1. (C) The monitors\n(OAS/MAPP) report on camps.\n(a) first item.']).level).toBe(2)
  })
  it.each(['B. (S//ZZ) Bravo.', '(S//NOFRON) A block.', '- (TS//XQ) A dash item.', 'A. (S/NF/XX) Alpha.'])(
    'should file a SECRET cable whose sub-item or block opens with the garbled mark in %j as unreadable (TOP SECRET)',
    (line) => {
      const a = access(SECRET, [], '(S) T', [`1. (S) Lead-in:\n${line}`])
      // with the caveat a reader still recognises in it (`NF`, `NOFRON`: QA 10 F1)
      expect(a).toEqual({ level: 4, caveats: /NF|NOFRON/.test(line) ? ['NOFORN'] : [], classification: 'TOP SECRET (marking not understood)' })
    },
  )
  it.each(['(S/CT) funds of the coordinator.', '(S/P) staff drafted it.', '(U/S) office agreed.', '(CDU/CSU) parties.'])(
    'should keep a SECRET cable at SECRET when a wrapped line opens with the office or party acronym in %j',
    (line) => {
      expect(access(SECRET, [], '(S) T', [`1. (S) A grant from the office\nof the State Department bureau of the\n${line}`])).toEqual({ level: 3, caveats: [], classification: 'SECRET' })
    },
  )
})

describe('fail closed', () => {
  it.each(['S//NOFRON', 'TS/SCI', 'S//TS', 'C//REL TO'])('an unreadable mark (%s) holds the cable at TOP SECRET', (mark) => {
    const a = access(UNCLAS, [], '(U) T', ['1. (U) One.', `2. (${mark}) Two.`])
    expect(a.level).toBe(LEVEL_RANK['TOP SECRET'])
    expect(a.level).toBe(4)
    expect(a.classification).toBe(UNREADABLE_MARKING_LABEL)
  })

  it('should not let portion marks alone set the level of a cable whose overall level nothing states', () => {
    const noClassLine = ['R 011200Z JAN 26', 'FM AMEMBASSY ZANZIBAR', 'TO SECSTATE WASHDC 0001', '', 'SUBJECT: (U) T', '', '1. (U) Heading only.', '', '2. (U) Two.', ''].join('\n')
    expect(cableAccess(parseCable(noClassLine)).level).toBe(4)
    // a level stated by the publisher is used, and the marks still raise it
    expect(cableAccess(parseCable(noClassLine), 'CONFIDENTIAL').level).toBe(2)
  })

  it('should fail closed on a publisher classification it cannot read', () => {
    const text = telegram(UNCLAS, [], '(U) T', ['1. (U) One.', '2. (U) Two.'])
    expect(cableAccess(parseCable(text), 'SECRETT').level).toBe(4)
    expect(cableAccess(parseCable(text), 'SECRET//NOFORN')).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
  })
})

describe('restrictive channels without a caveat of their own (data/captions.tsv) fail closed', () => {
  it.each([
    ['EYES ONLY', ['NODIS']],
    ['AGRMENT', ['NODIS']],
    ['ROGER CHANNEL', ['NODIS']],
    ['DISSENT CHANNEL', ['EXDIS']],
    ['CONDIS', ['LIMDIS']],
    ['SIPDIS', []],
  ])('a SECRET cable captioned %s is filed with caveats %j', (caption, caveats) => {
    expect(access(SECRET, [caption], '(S) T', ['1. (S) One.']).caveats).toEqual(caveats)
  })
})

describe('unmarked blocks and sub-item marks', () => {
  it('should file a cable with an unmarked unnumbered block by its marks alone', () => {
    expect(access(CONF, [], '(C) T', ['1. (C) One.', 'An unmarked block between paragraphs.', '2. (C) Two.'])).toEqual({ level: 2, caveats: [], classification: 'CONFIDENTIAL' })
  })

  it('should still file a cable by a sub-item mark opening a line', () => {
    expect(access(CONF, [], '(C) T', ['1. (C) One:\nB. (S) An item.', '2. (C) Two.'])).toEqual({ level: 3, caveats: [], classification: 'SECRET' })
  })
})

describe('statedAccess: what the header and the parsed marks state, before the portions raise it', () => {
  const stated = (...args: Parameters<typeof telegram>) => statedAccess(parseCable(telegram(...args)))

  it('should read the subject and paragraph marks, with the label they make', () => {
    expect(stated(CONF, [], '(S//NF) A SUBJECT', ['1. (C) One.', '2. (C) Two.'])).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
    // the publisher's label names NOFORN only (Cablegate's form)
    expect(stated(CONF, [], '(C) A SUBJECT', ['1. (C) One.', '2. (TS//NODIS) Two.'])).toEqual({ level: 4, caveats: ['NODIS'], classification: 'TOP SECRET//NODIS' })
  })

  it('should label the level the class line states when no mark is above it', () => {
    expect(stated(SECRET, ['NOFORN'], '(U) T', ['1. (U) One.', '2. (C) Two.'])).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
    expect(stated(UNCLAS, ['SENSITIVE'], '(U) T', ['1. (U) One.', '2. (U) Two.'])).toEqual({ level: 1, caveats: [], classification: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY' })
  })
})

describe('cableAccess: what the text says beyond the parsed marks', () => {
  it('should file a cable unreadable for a subject mark the parser did not take (fail closed)', () => {
    expect(access(CONF, [], '(Q) A SUBJECT', ['1. (C) One.', '2. (C) Two.'])).toEqual({ level: LEVEL_RANK['TOP SECRET'], caveats: [], classification: UNREADABLE_MARKING_LABEL })
  })

  it('should file a cable unreadable when a classification stated elsewhere cannot be read', () => {
    const cable = parseCable(telegram(CONF, [], '(C) A SUBJECT', ['1. (C) One.', '2. (C) Two.']))
    expect(cableAccess(cable, 'SECRET//ZZ')).toEqual({ level: LEVEL_RANK['TOP SECRET'], caveats: [], classification: UNREADABLE_MARKING_LABEL })
    expect(cableAccess(cable, 'SECRET//NOFORN')).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
  })
})
